// Issue 13, item 4: inputs that reached a raw TypeError/RangeError now give typed SessionErrors.
import {
  createSession,
  executeWithSession,
  type PaymasterLike,
  type SessionPolicy,
} from '../src/core/index.js';
import {
  createMemoryBackend,
  createMemoryStorage,
  createPlaintextKeyProtector,
  createRemoteSigner,
  createSessionStorage,
  createStoredSession,
  type SessionStorage,
  withExternalSigner,
} from '../src/core/storage/index.js';
import { createTestnet } from '../src/testing/index.js';
import { codeOf } from './helpers/codeOf.js';
import { testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 20 };
const PRIVATE_KEY = 0x1234567890abcdef1234567890abcdefn;
const PUBLIC_KEY = '0x31b88d91e173d70b5bd284f7a898d99005d9ade236ee671e0db0078996aa599';
const scope = { chainId: '0x534e5f5345504f4c4941', accountAddress: '0x123', appId: 'typed' };

/** PRIVATE_KEY stored as an active session of `scope`. */
function storeActiveKey(storage: SessionStorage) {
  const session = createStoredSession({
    scope,
    publicKey: PUBLIC_KEY,
    validUntil: START + 60,
    maxCalls: 1,
    status: 'active',
    now: START,
  });
  return storage.set(session, PRIVATE_KEY);
}

function world(over: { paymaster?: PaymasterLike } = {}) {
  const testnet = createTestnet({ startTime: START });
  const owner = testnet.account(0);
  const config = testnetSessionConfig(testnet, { appId: 'typed', paymasterRetries: 0, ...over });
  const execute = (mode?: 'paymaster' | 'direct') =>
    executeWithSession(config, {
      accountAddress: owner.address,
      calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
      mode,
    });
  return { testnet, owner, config, execute };
}

describe('inputs that used to reach a raw TypeError or RangeError', () => {
  it('a paymaster whose build answers null: a typed paymaster error, nothing sent', async () => {
    const testnet0 = createTestnet({ startTime: START });
    const real = testnet0.paymaster();
    const paymaster: PaymasterLike = {
      buildTransaction: async () => null as never,
      executeTransaction: (tx, params) => real.executeTransaction(tx, params),
    };
    const { owner, config, execute, testnet } = world({ paymaster });
    await createSession(config, { owner, policy });
    const sent = testnet.transactions().length;
    expect(await codeOf(execute())).toMatch(/^PAYMASTER_/);
    expect(testnet.transactions().length).toBe(sent);
  });

  it('a remote signer that answers null: SIGNER_FAILED', async () => {
    const signer = createRemoteSigner({ publicKey: PUBLIC_KEY, sign: async () => null as never });
    expect(await codeOf(signer.signHash(1n))).toBe('SIGNER_FAILED');
  });

  it.each(['direct', 'paymaster'] as const)(
    'an external signer that answers null (%s): a typed error, nothing sent',
    async (mode) => {
      const { testnet, owner, config } = world();
      const { publicKey } = await createSession(config, { owner, policy });
      const storage = withExternalSigner(config.storage, async () => ({
        publicKey,
        signHash: async () => null as never,
      }));
      const other = testnetSessionConfig(testnet, { appId: 'typed', storage });
      const sent = testnet.transactions().length;
      const result = executeWithSession(other, {
        accountAddress: owner.address,
        calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
        mode,
      });
      expect(await codeOf(result)).toBe('SIGNER_FAILED');
      expect(testnet.transactions().length).toBe(sent);
    },
  );

  it('signHash of a hash >= 2^251: INVALID_INPUT, from the built-in signer', async () => {
    const storage = createMemoryStorage({ now: () => START });
    await storeActiveKey(storage);
    const signer = await storage.getSigner(scope, PUBLIC_KEY);
    expect(await codeOf(signer!.signHash(2n ** 251n))).toBe('INVALID_INPUT');
    expect(await codeOf(signer!.signHash(2n ** 251n + 17n * 2n ** 192n))).toBe('INVALID_INPUT');
  });

  it('a tampered plaintext key (zero, or beyond the curve order): a typed stored-record error', async () => {
    for (const tampered of [`0x${'0'.repeat(64)}`, `0x${'f'.repeat(64)}`]) {
      const backend = createMemoryBackend();
      const storage = createSessionStorage({
        backend,
        protector: createPlaintextKeyProtector(),
        now: () => START,
        onWarning: () => {},
      });
      await storeActiveKey(storage);
      const key = [scope.chainId, scope.accountAddress, scope.appId, PUBLIC_KEY] as const;
      await backend.update(key, (record) => ({
        ...(record as object),
        key: { alg: 'plaintext', privateKey: tampered },
      }));
      expect(await codeOf(storage.getSigner(scope, PUBLIC_KEY))).toBe('STORED_RECORD_INVALID');
    }
  });
});
