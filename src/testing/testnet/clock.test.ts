import { createTestnet } from '../index.js';

describe('testnet.clock', () => {
  it('tells its listeners after each move, with the new time already in force, until they unsubscribe', () => {
    const testnet = createTestnet({ startTime: 1_800_000_000 });
    const seen: number[] = [];
    const unsubscribe = testnet.clock.subscribe(() => seen.push(testnet.clock.now()));
    testnet.advanceTime(60);
    testnet.setTime(1_800_000_100);
    testnet.advanceTime(0); // no move, no call
    unsubscribe();
    testnet.advanceTime(1);
    expect(seen).toEqual([1_800_000_060, 1_800_000_100]);
    expect(testnet.clock.now()).toBe(testnet.now());
  });
});
