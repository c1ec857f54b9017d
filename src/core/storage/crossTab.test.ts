import { describe, expect, it } from 'vitest';
import { createChangeBus } from './crossTab.js';
import type { StorageChangeEvent } from './types.js';

const nextTick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('createChangeBus', () => {
  it('delivers a change locally and to the other tabs of the channel', async () => {
    const name = `bus-${Math.random()}`;
    const a = createChangeBus(name);
    const b = createChangeBus(name);
    const seenA: StorageChangeEvent[] = [];
    const seenB: StorageChangeEvent[] = [];
    a.subscribe((e) => seenA.push(e));
    b.subscribe((e) => seenB.push(e));
    a.emit({ type: 'remove', publicKey: '0x1' });
    await nextTick();
    expect(seenA).toEqual([{ type: 'remove', publicKey: '0x1', source: 'local' }]);
    expect(seenB).toEqual([{ type: 'remove', publicKey: '0x1', source: 'remote' }]);
    a.close();
    b.close();
  });

  it('ignores messages on the channel that are not well-formed changes', async () => {
    const name = `bus-${Math.random()}`;
    const bus = createChangeBus(name);
    const seen: StorageChangeEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    const intruder = new BroadcastChannel(name);
    intruder.postMessage({ type: 'set' });
    intruder.postMessage({ tag: 'starknet-sessions/change', type: 'drop-tables' });
    intruder.postMessage({ tag: 'starknet-sessions/change', type: 'set', scope: { chainId: 1 } });
    intruder.postMessage('set');
    await nextTick();
    expect(seen).toEqual([]);
    intruder.close();
    bus.close();
  });

  it('keeps one tab private when it has no channel (memory storage)', async () => {
    const bus = createChangeBus(undefined);
    const seen: StorageChangeEvent[] = [];
    bus.subscribe((e) => seen.push(e));
    bus.emit({ type: 'clear' });
    expect(seen).toEqual([{ type: 'clear', source: 'local' }]);
    bus.close();
  });
});
