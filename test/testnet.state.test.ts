/**
 * exportState / createTestnet({ state }) / createTestnet({ persist }): the simulated chain
 * survives a page reload exactly, sessions included.
 */

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, executeWithSession, type SessionPolicy } from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { createTestnet, type Testnet, type TestnetStorage } from '../src/testing/index.js';
import { codeOfSync as codeOf } from './helpers/codeOf.js';
import { testnetSessionConfig } from './helpers/sessionConfig.js';
import { rpc } from './helpers/testnet.js';

const START = 1_800_000_000;

const policy = (capped?: string): SessionPolicy => ({
  actions: [{ entrypoint: 'attack' }, { entrypoint: 'move' }, { entrypoint: 'transfer' }],
  durationSeconds: 3600,
  maxCalls: 20,
  spendingLimits: capped ? [{ token: capped, maxPerWindow: 5n * 10n ** 18n, windowSeconds: 600 }] : [],
});

/** A library config bound to a testnet; the key store can outlive it (as IndexedDB outlives a reload). */
function configFor(testnet: Testnet, storage = createMemoryStorage({ now: () => testnet.now() })) {
  return testnetSessionConfig(testnet, { appId: 'demo', storage });
}

function memoryStorage(): TestnetStorage & { data: Map<string, string>; writes: number } {
  const data = new Map<string, string>();
  return {
    data,
    writes: 0,
    getItem: (k) => data.get(k) ?? null,
    setItem(k, v) {
      this.writes += 1;
      data.set(k, v);
    },
  };
}

/** Everything the accessors say about a testnet, for comparing two of them. */
function view(tn: Testnet, sessionKey: string) {
  const holders = [...tn.accounts.map((a) => a.address), tn.game, tn.paymasterAddress, tn.sequencerAddress];
  return {
    chainId: tn.chainId,
    now: tn.now(),
    accounts: tn.accounts,
    session: tn.getSessionData(0, sessionKey),
    policy: tn.getSpendingPolicy(0, sessionKey, 'STRK'),
    balances: holders.map((h) => (['STRK', 'ETH', 'USDC'] as const).map((t) => tn.balanceOf(t, h))),
    nonces: tn.accounts.map((a) => tn.getNonce(a)),
    game: tn.accounts.map((a) => tn.gameState(a)),
    transactions: tn.transactions(),
    last: tn.lastTransaction(),
  };
}

describe('exportState and createTestnet({ state })', () => {
  let tn: Testnet;
  let publicKey: string;
  let keys: ReturnType<typeof createMemoryStorage>;
  let trackingIds: string[];

  beforeEach(async () => {
    tn = createTestnet({ startTime: START, seed: 5 });
    keys = createMemoryStorage({ now: () => tn.now() });
    const config = configFor(tn, keys);
    const owner = tn.account(0);
    ({ publicKey } = await createSession(config, { owner, policy: policy(tn.tokens.STRK) }));
    trackingIds = [];
    const act = async (
      calls: { contractAddress: string; entrypoint: string; calldata: string[] }[],
      mode: 'paymaster' | 'direct' = 'paymaster',
    ) => {
      const sent = await executeWithSession(config, {
        accountAddress: owner.address,
        calls,
        mode,
        waitForReceipt: true,
      });
      if (sent.trackingId) trackingIds.push(sent.trackingId);
    };
    await act([{ contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x2'] }]);
    await act([
      { contractAddress: tn.tokens.STRK, entrypoint: 'transfer', calldata: [tn.game, '0x64', '0x0'] },
    ]);
    tn.advanceTime(120);
    await act([{ contractAddress: tn.game, entrypoint: 'move', calldata: ['0x5', '0x6'] }], 'direct');
    tn.faults.revertNextCall({ entrypoint: 'attack' });
    await act([{ contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x3'] }]).catch(() => {});
    tn.mint('USDC', 1, 123n);
    tn.addAccount({ kind: 'legacy', legacy: { supportsInterface: 'missing' } });
  });

  it('restores a chain every accessor and RPC answer agrees on, and that exports identically', async () => {
    expect(tn.getSpendingPolicy(0, publicKey, 'STRK').spentInWindow).toBe(100n);
    const exported = tn.exportState();
    const back = createTestnet({ state: exported });
    expect(view(back, publicKey)).toEqual(view(tn, publicKey));
    expect(back.exportState()).toBe(exported);

    const last = tn.lastTransaction()!.hash;
    for (const [method, params] of [
      ['starknet_blockHashAndNumber', {}],
      ['starknet_getBlockWithReceipts', { block_id: 'latest' }],
      ['starknet_getTransactionReceipt', { transaction_hash: last }],
      ['starknet_traceTransaction', { transaction_hash: last }],
      ['starknet_getEvents', { filter: { chunk_size: 1000 } }],
    ] as const) {
      expect(await rpc(back, method, params)).toEqual(await rpc(tn, method, params));
    }
    // The SNIP-9 nonces the paymaster used are still spent.
    const relayed = tn.transactions().filter((t) => t.sender === tn.paymasterAddress);
    expect(relayed.length).toBeGreaterThan(0);
    for (const t of relayed) expect(back.isOutsideNonceUsed(0, t.calldata[5]!)).toBe(true);
  });

  it('keeps the session working after the restore, on the restored chain only', async () => {
    const back = createTestnet({ state: tn.exportState() });
    const before = back.getSessionData(0, publicKey).callsUsed;
    const sent = await executeWithSession(configFor(back, keys), {
      accountAddress: back.accounts[0]!.address,
      calls: [{ contractAddress: back.game, entrypoint: 'attack', calldata: ['0x9'] }],
      waitForReceipt: true,
    });
    expect(sent.via).toBe('paymaster');
    expect(back.getSessionData(0, publicKey).callsUsed).toBe(before + 1);
    expect(back.gameState(0).attacks).toBe(tn.gameState(0).attacks + 1);
    expect(tn.getSessionData(0, publicKey).callsUsed).toBe(before);
  });

  it('goes on as the original would: clock, blocks, derived accounts, paymaster tracking ids', async () => {
    const back = createTestnet({ state: tn.exportState() });
    back.advanceTime(60);
    tn.advanceTime(60);
    expect(back.addAccount()).toEqual(tn.addAccount());
    expect(await back.provider().getBlockLatestAccepted()).toEqual(
      await tn.provider().getBlockLatestAccepted(),
    );
    // The restored paymaster still answers the tracking ids the original gave out.
    expect(trackingIds).toHaveLength(2);
    for (const tracking_id of trackingIds) {
      const answer = await rpc(back, 'paymaster_trackingIdToLatestHash', { tracking_id }, back.paymasterUrl);
      expect(answer.result).toEqual(
        (await rpc(tn, 'paymaster_trackingIdToLatestHash', { tracking_id }, tn.paymasterUrl)).result,
      );
      expect(answer.result).toMatchObject({ status: 'accepted' });
    }
  });

  it('refuses a damaged, truncated or foreign state with TestnetUsageError', () => {
    const exported = tn.exportState();
    const at = exported.indexOf('"storage"') + 40;
    const flipped = exported.slice(0, at) + (exported[at] === 'a' ? 'b' : 'a') + exported.slice(at + 1);
    for (const state of [
      flipped,
      exported.slice(0, exported.length / 2),
      exported.replace('"version":1', '"version":2'),
      '{"format":"something else"}',
      'not json',
      '',
    ]) {
      expect(codeOf(() => createTestnet({ state }))).toBe('TESTNET_USAGE');
    }
  });
});

describe('createTestnet({ persist })', () => {
  it('saves the genesis at once, then after each change, and a reload finds the session', async () => {
    const storage = memoryStorage();
    const first = createTestnet({ startTime: START, persist: { storage, key: 'demo' } });
    expect(storage.data.has('demo')).toBe(true);
    const keys = createMemoryStorage({ now: () => first.now() });
    const { publicKey } = await createSession(configFor(first, keys), {
      owner: first.account(0),
      policy: policy(),
    });
    await Promise.resolve();
    expect(storage.data.get('demo')).toBe(first.exportState());

    // The page reloads: the same options, the same storage.
    const reloaded = createTestnet({ startTime: START + 999, persist: { storage, key: 'demo' } });
    expect(reloaded.now()).toBe(START);
    expect(reloaded.getSessionData(0, publicKey)).toEqual(first.getSessionData(0, publicKey));
    const sent = await executeWithSession(configFor(reloaded, keys), {
      accountAddress: reloaded.accounts[0]!.address,
      calls: [{ contractAddress: reloaded.game, entrypoint: 'attack', calldata: ['0x1'] }],
      waitForReceipt: true,
    });
    expect(sent.transactionHash).toBe(reloaded.lastTransaction()!.hash);
    await Promise.resolve();
    expect(createTestnet({ persist: { storage, key: 'demo' } }).getSessionData(0, publicKey).callsUsed).toBe(
      1,
    );
  });

  it('writes once per burst of synchronous changes, with everything in it', async () => {
    const storage = memoryStorage();
    const tn = createTestnet({ startTime: START, persist: { storage } });
    const writes = storage.writes;
    tn.advanceTime(10);
    tn.mint('STRK', 0, 5n);
    tn.faults.consumeNonce(tn.accounts[1]!.address);
    tn.addAccount();
    expect(storage.writes).toBe(writes);
    await Promise.resolve();
    expect(storage.writes).toBe(writes + 1);
    const back = createTestnet({ persist: { storage } });
    expect(back.now()).toBe(START + 10);
    expect(back.getNonce(1)).toBe(1n);
    expect(back.accounts).toEqual(tn.accounts);
    expect(back.balanceOf('STRK', 0)).toBe(tn.balanceOf('STRK', 0));
  });

  it('throws TestnetUsageError on a corrupted saved state, and reports a failed save', async () => {
    const storage = memoryStorage();
    storage.data.set('starknet-sessions:testnet', '{"format":"starknet-sessions/testnet-state","version":1');
    expect(codeOf(() => createTestnet({ persist: { storage } }))).toBe('TESTNET_USAGE');

    const onError = vi.fn();
    const full: TestnetStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const tn = createTestnet({ persist: { storage: full, onError } });
    tn.advanceTime(1);
    await Promise.resolve();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'TESTNET_USAGE' });
  });
});
