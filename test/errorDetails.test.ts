import { paymasterError } from '../src/core/actions/classify.js';
import { buildRevokeSessionCall } from '../src/core/calls.js';
import { createSession, type SessionPolicy } from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { sessionExecutor, testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 20 };

function setup() {
  const testnet = createTestnet({ startTime: START });
  const owner = testnet.account(0);
  const config = testnetSessionConfig(testnet, { appId: 'error-details' });
  const execute = sessionExecutor(config, testnet, owner.address);
  return { testnet, owner, config, execute };
}

const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as { code?: string; details?: string; shortMessage?: string; retryable?: boolean },
  );

describe('errors keep what tells cases apart', () => {
  it('execute on a session revoked on chain: SESSION_REVOKED says it is gone from the account (details)', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy });
    const { transaction_hash } = await testnet
      .account(0)
      .execute([buildRevokeSessionCall({ accountAddress: owner.address, publicKey })]);
    await testnet.provider().waitForTransaction(transaction_hash);
    const error = await caught(execute());
    expect(error?.code).toBe('SESSION_REVOKED');
    // Told apart from a record already marked revoked here: the chain showed it gone during this execute.
    expect(error?.details).toBeTruthy();
  });

  it('a 429 from the paymaster says rate limiting in its message', () => {
    const e = paymasterError(new Error('HTTP 429 Too Many Requests'));
    expect(e.code).toBe('PAYMASTER_UNAVAILABLE');
    // A user or an agent waits before trying again.
    expect(e.shortMessage).toMatch(/rate limit/i);
  });
});
