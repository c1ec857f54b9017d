import { createTestnet } from '../../testing/index.js';
import { buildAddSessionCall, buildRevokeSessionCall } from '../calls.js';
import { confirmSessionGone, receiptBlock } from './revocation.js';

const START = 1_800_000_000;
const KEY = '0x5e55';

/** A v33 account holding session KEY (added by the owner); `before` is a block without it. */
async function world() {
  const testnet = createTestnet({ startTime: START });
  const provider = testnet.provider();
  const owner = testnet.account(0);
  const before = await provider.getBlockNumber();
  const validUntil = START + 3600;
  const added = await owner.execute([
    buildAddSessionCall({
      accountAddress: owner.address,
      publicKey: KEY,
      validUntil,
      maxCalls: 5,
      allowedEntrypoints: [],
    }),
  ]);
  const aliveAt = receiptBlock(await provider.waitForTransaction(added.transaction_hash));
  const revoke = async () => {
    const r = await owner.execute([
      buildRevokeSessionCall({ accountAddress: owner.address, publicKey: KEY }),
    ]);
    await provider.waitForTransaction(r.transaction_hash);
  };
  return { testnet, provider, owner, before, validUntil, aliveAt, revoke };
}

describe('confirmSessionGone', () => {
  it('the owner receipt gives the block the session was added in', async () => {
    const { aliveAt, before } = await world();
    expect(aliveAt).toBeGreaterThan(before);
  });

  it('alive when a pinned read still shows the session (the first answer was stale)', async () => {
    const { provider, owner, validUntil, aliveAt } = await world();
    const e = await confirmSessionGone(provider, owner.address, {
      publicKey: KEY,
      validUntil,
      aliveAtBlock: aliveAt,
    });
    expect(e.kind).toBe('alive');
  });

  it('gone on a pinned read at or after the block it was seen alive', async () => {
    const { provider, owner, validUntil, aliveAt, revoke } = await world();
    await revoke();
    const e = await confirmSessionGone(provider, owner.address, {
      publicKey: KEY,
      validUntil,
      aliveAtBlock: aliveAt,
    });
    expect(e.kind).toBe('gone');
  });

  it('unconfirmed when the node is behind the block it was seen alive (no event there either)', async () => {
    const { testnet, provider, owner, validUntil, aliveAt, before, revoke } = await world();
    await revoke();
    testnet.faults.staleNode(before, 10);
    const e = await confirmSessionGone(provider, owner.address, {
      publicKey: KEY,
      validUntil,
      aliveAtBlock: aliveAt,
    });
    expect(e.kind).toBe('unconfirmed');
    expect(e.kind === 'unconfirmed' && e.error.code).toBe('STALE_READ');
    expect(e.kind === 'unconfirmed' && e.error.details).toMatch(/behind|block/);
  });

  it('without a known block: gone only on the revocation event', async () => {
    const { testnet, provider, owner, validUntil, before, revoke } = await world();
    const session = { publicKey: KEY, validUntil, aliveAtBlock: undefined };
    // A lagging node at a block before the session: zero everywhere, no event: unconfirmed.
    testnet.faults.staleNode(before, 10);
    expect((await confirmSessionGone(provider, owner.address, session)).kind).toBe('unconfirmed');
    testnet.faults.clear();
    await revoke();
    expect((await confirmSessionGone(provider, owner.address, session)).kind).toBe('gone');
  });

  it('re-registered with other terms is gone too (the added event carries the new expiry)', async () => {
    const { provider, owner, validUntil } = await world();
    const session = { publicKey: KEY, validUntil: validUntil - 60, aliveAtBlock: undefined };
    expect((await confirmSessionGone(provider, owner.address, session)).kind).toBe('gone');
  });

  it('a node error on the way is unconfirmed, never gone', async () => {
    const { testnet, provider, owner, validUntil, aliveAt, revoke } = await world();
    await revoke();
    testnet.faults.rpcError('starknet_call', 5);
    const e = await confirmSessionGone(provider, owner.address, {
      publicKey: KEY,
      validUntil,
      aliveAtBlock: aliveAt,
    });
    expect(e.kind).toBe('unconfirmed');
  });
});
