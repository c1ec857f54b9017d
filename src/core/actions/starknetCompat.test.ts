import { config } from 'starknet';
import { describe, expect, it, vi } from 'vitest';
import { createTestnet } from '../../testing/index.js';
import { createAccountOnProvider } from './starknetCompat.js';

// Runs against whichever starknet.js is installed: CI's peer matrix runs it on 8, 9 and 10.
describe('createAccountOnProvider', () => {
  it('reads the nonce through the provider it is given, not around it', async () => {
    const tn = createTestnet({ startTime: 1_800_000_000, accounts: 1 });
    const provider = tn.provider();
    const read = provider.getNonceForAddress.bind(provider);
    const asked: string[] = [];
    provider.getNonceForAddress = async (address, block) => {
      asked.push(String(address));
      return read(address, block);
    };
    const { address, privateKey } = tn.accounts[0]!;
    const account = createAccountOnProvider({ provider, address, signer: privateKey });
    expect(BigInt(await account.getNonce())).toBe(0n);
    expect(asked).toEqual([address]);
  });

  it("executes with the provider's tip estimate: no starknet.js warning on a young chain", async () => {
    const tn = createTestnet({ startTime: 1_800_000_000, accounts: 1 });
    const level = config.get('logLevel');
    config.set('logLevel', 'WARN');
    const logged = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    for (const spy of logged) spy.mockImplementation(() => {});
    try {
      const { address, privateKey } = tn.accounts[0]!;
      const account = createAccountOnProvider({ provider: tn.provider(), address, signer: privateKey });
      const { transaction_hash } = await account.execute([
        { contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x1'] },
      ]);
      expect(tn.lastTransaction()?.hash).toBe(transaction_hash);
      expect(tn.getNonce(0)).toBe(1n);
      expect(logged.flatMap((spy) => spy.mock.calls.flat()).map(String)).toEqual([]);
    } finally {
      for (const spy of logged) spy.mockRestore();
      config.set('logLevel', level);
    }
  });
});
