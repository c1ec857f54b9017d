import {
  createSession,
  getSessionState,
  type PaymasterLike,
  type SessionConfigParameters,
  type SessionPolicy,
} from '../src/core/index.js';
import {
  createMemoryBackend,
  createRawKeyProtector,
  createSessionStorage,
} from '../src/core/storage/index.js';
import { createTestnet, type Testnet } from '../src/testing/index.js';
import { codeOf } from './helpers/codeOf.js';
import { sessionExecutor, testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const policy: SessionPolicy = {
  actions: [{ entrypoint: 'attack' }, { entrypoint: 'move' }],
  durationSeconds: 3600,
  maxCalls: 50,
};

function setup(
  testnet: Testnet = createTestnet({ startTime: START }),
  options: Partial<SessionConfigParameters> = {},
) {
  const owner = testnet.account(0);
  const config = testnetSessionConfig(testnet, { appId: 'resilience', ...options });
  const execute = sessionExecutor(config, testnet, owner.address);
  return { testnet, owner, config, execute };
}

type Built = Awaited<ReturnType<PaymasterLike['buildTransaction']>>;
type Sent = Awaited<ReturnType<PaymasterLike['executeTransaction']>>;

/** The simulated paymaster, its answers passed through `on` on their way back (what ran on chain, ran). */
function intercepted(
  testnet: Testnet,
  on: { build?: (built: Built) => unknown; execute?: (sent: Sent) => unknown },
): PaymasterLike {
  const real = testnet.paymaster();
  return {
    async buildTransaction(tx, params) {
      const built = await real.buildTransaction(tx, params);
      return (on.build ? on.build(built) : built) as Built;
    },
    async executeTransaction(tx, params) {
      const sent = await real.executeTransaction(tx, params);
      return (on.execute ? on.execute(sent) : sent) as Sent;
    },
  };
}

describe('status refresh under RPC faults', () => {
  it('keeps the last known state, marked stale, when the node errors', async () => {
    const { testnet, owner, config, execute } = setup();
    await createSession(config, { owner, policy });
    await execute();
    testnet.faults.rpcError('starknet_call', 5);
    const state = await getSessionState(config, { accountAddress: owner.address });
    expect(state).toMatchObject({ stale: true, status: 'active', callsUsed: 1 });
    expect(state.error?.code).toBe('RPC_ERROR');
    testnet.faults.clear();
    expect(await getSessionState(config, { accountAddress: owner.address })).toMatchObject({
      stale: false,
      callsUsed: 1,
    });
  });
});

describe('nonce races', () => {
  it('re-signs a direct invoke once when another transaction took the nonce, then succeeds', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy });
    const provider = config.provider as unknown as {
      getNonceForAddress(a: string, b?: unknown): Promise<string>;
    };
    const read = provider.getNonceForAddress.bind(provider);
    let races = 1;
    provider.getNonceForAddress = async (address, block) => {
      const nonce = await read(address, block);
      if (races-- > 0) testnet.faults.consumeNonce(owner.address); // lands between our read and our send
      return nonce;
    };
    const sent = await execute({ mode: 'direct' });
    expect(sent.via).toBe('direct');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });

  it('gives up with NONCE_CONFLICT when the nonce keeps being taken', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy });
    const provider = config.provider as unknown as {
      getNonceForAddress(a: string, b?: unknown): Promise<string>;
    };
    const read = provider.getNonceForAddress.bind(provider);
    provider.getNonceForAddress = async (address, block) => {
      const nonce = await read(address, block);
      testnet.faults.consumeNonce(owner.address);
      return nonce;
    };
    expect(await codeOf(execute({ mode: 'direct' }))).toBe('NONCE_CONFLICT');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(0);
  });

  it('never re-signs after a "duplicated nonce" answer: the payload it signed may be the one that ran', async () => {
    const testnet = createTestnet({ startTime: START });
    let usedNonce: unknown;
    let replays = 1;
    const paymaster = intercepted(testnet, {
      build(built) {
        if (built.type !== 'invoke') return built;
        const message = built.typed_data.message as Record<string, unknown>;
        if (usedNonce === undefined) usedNonce = message.Nonce;
        else if (replays-- > 0) message.Nonce = usedNonce; // a nonce the account already consumed
        return built;
      },
    });
    const { owner, config, execute } = setup(testnet, { paymaster, fallback: { direct: true } });
    const { publicKey } = await createSession(config, { owner, policy });
    await execute();
    const error = await execute().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAYMASTER_UNAVAILABLE', retryable: false });
    expect(replays).toBe(0);
    // Signed once and sent once; nothing else was signed or run in its place.
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });
});

describe('expiry mid-flight', () => {
  it('refuses cleanly when the clock passes validUntil while the paymaster answers', async () => {
    const testnet = createTestnet({ startTime: START });
    const paymaster = intercepted(testnet, {
      build(built) {
        testnet.advanceTime(3600 - 10); // preflight passed; now inside the margin
        return built;
      },
    });
    const { owner, config, execute } = setup(testnet, { paymaster });
    const { publicKey } = await createSession(config, { owner, policy });
    expect(await codeOf(execute())).toBe('SESSION_EXPIRED');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(0);
  });
});

describe('a slow paymaster', () => {
  it('times out as PAYMASTER_UNAVAILABLE with nothing counted when it never answers the build', async () => {
    const { testnet, owner, config, execute } = setup(undefined, {
      paymasterTimeoutMs: 100,
      paymasterRetries: 1,
    });
    const { publicKey } = await createSession(config, { owner, policy });
    testnet.faults.paymasterSlow(2_000);
    expect(await codeOf(execute())).toBe('PAYMASTER_UNAVAILABLE');
    testnet.faults.paymasterSlow(0);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(0);
  });
});

/** The simulated paymaster, but its execute answer is lost after the outside execution ran. */
const executesThenLosesAnswer = (testnet: Testnet, lose: 'no hash' | 'hang up') =>
  intercepted(testnet, {
    execute(sent) {
      if (lose === 'no hash') return { tracking_id: sent.tracking_id };
      throw new Error('socket hang up');
    },
  });

describe('a paymaster that may have executed', () => {
  it.each([
    ['no hash', { direct: true }],
    ['no hash', { ownerWallet: true }],
    ['hang up', { direct: true }],
    ['hang up', { ownerWallet: true }],
  ] as const)(
    'answers "%s": a typed error, and no fallback (%o) runs the calls twice',
    async (lose, fallback) => {
      const testnet = createTestnet({ startTime: START });
      const { owner, config, execute } = setup(testnet, {
        paymaster: executesThenLosesAnswer(testnet, lose),
        paymasterRetries: 0,
        fallback,
      });
      await createSession(config, { owner, policy });
      expect(await codeOf(execute({ owner }))).toBe('PAYMASTER_UNAVAILABLE');
      expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
    },
  );

  it.each(['no hash', 'hang up'] as const)(
    'keeps the pending key of a sponsored creation whose answer was lost (%s)',
    async (lose) => {
      const testnet = createTestnet({ startTime: START });
      const { owner, config, execute } = setup(testnet, {
        paymaster: executesThenLosesAnswer(testnet, lose),
      });
      expect(await codeOf(createSession(config, { owner, policy, sponsored: true }))).toBe(
        'PAYMASTER_UNAVAILABLE',
      );
      // The session landed on chain: its key must still be here, and usable once the state refreshes.
      const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'resilience' };
      const [stored] = await config.storage.list(scope);
      expect(stored?.status).toBe('pending');
      expect(await config.storage.getSigner(scope, stored!.publicKey)).toBeDefined();
      expect(testnet.getSessionData(0, stored!.publicKey).validUntil).toBeGreaterThan(0);
      const refreshed = await getSessionState(config, { accountAddress: owner.address });
      expect(refreshed.status).toBe('active');
      expect(await codeOf(execute({ paymaster: testnet.paymaster() }))).toBe('ok');
    },
  );

  it('refuses a malformed suggested fee from the paymaster as a typed mismatch, signing nothing', async () => {
    const testnet = createTestnet({ startTime: START });
    const paymaster = intercepted(testnet, {
      build: (built) => ({ ...built, fee: { ...built.fee, suggested_max_fee_in_gas_token: 'lots' } }),
    });
    const { owner, config, execute } = setup(testnet, { paymaster, maxFeeInGasToken: 10n ** 18n });
    const { publicKey } = await createSession(config, { owner, policy });
    const gas = { mode: 'default', gasToken: testnet.tokens.STRK } as const;
    expect(await codeOf(execute({ feeMode: gas }))).toBe('PAYMASTER_RESPONSE_MISMATCH');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(0);
  });

  it('refuses a malformed gas token with a typed error before any request', async () => {
    const { owner, config, execute } = setup();
    await createSession(config, { owner, policy });
    expect(await codeOf(execute({ feeMode: { mode: 'default', gasToken: 'STRK' } }))).toBe('INVALID_INPUT');
  });
});

describe('two tabs', () => {
  it('keeps calls used exact when two tabs execute at once', async () => {
    const testnet = createTestnet({ startTime: START });
    const backend = createMemoryBackend();
    const shared = () =>
      createSessionStorage({ backend, protector: createRawKeyProtector(), now: () => testnet.now() });
    const tabA = setup(testnet, { storage: shared() });
    const tabB = setup(testnet, { storage: shared() });
    const { publicKey } = await createSession(tabA.config, { owner: tabA.owner, policy });
    await Promise.all([
      ...Array.from({ length: 6 }, () => tabA.execute()),
      ...Array.from({ length: 6 }, () => tabB.execute()),
    ]);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(12);
    const [a, b] = await Promise.all([
      getSessionState(tabA.config, { accountAddress: tabA.owner.address }),
      getSessionState(tabB.config, { accountAddress: tabB.owner.address }),
    ]);
    expect(a.callsUsed).toBe(12);
    expect(b.callsUsed).toBe(12);
    expect(a.session?.callsUsed).toBe(12);
  });
});

describe('paymaster round trips', () => {
  it('uses at most 2 per action, and none when the preflight refuses', async () => {
    const testnet = createTestnet({ startTime: START });
    const real = testnet.paymaster();
    const trips: string[] = [];
    const paymaster: PaymasterLike = {
      buildTransaction(tx, params) {
        trips.push('build');
        return real.buildTransaction(tx, params);
      },
      executeTransaction(tx, params) {
        trips.push('execute');
        return real.executeTransaction(tx, params);
      },
    };
    const { owner, config, execute } = setup(testnet, { paymaster });
    await createSession(config, { owner, policy: { ...policy, maxCalls: 2 } });
    trips.length = 0;
    await execute();
    expect(trips).toEqual(['build', 'execute']);
    trips.length = 0;
    expect(
      await codeOf(execute({ calls: [{ contractAddress: testnet.game, entrypoint: 'claim_reward' }] })),
    ).toBe('CALL_NOT_ALLOWED');
    await execute();
    trips.length = 0;
    expect(await codeOf(execute())).toBe('CALL_LIMIT_REACHED');
    expect(trips).toEqual([]);
  });
});
