import {
  createSession,
  executeWithSession,
  InnerCallFailedError,
  type SessionPolicy,
} from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { testnetSessionConfig } from './helpers/sessionConfig.js';
import { hex, selector } from './helpers/testnet.js';

const START = 1_800_000_000;

const policy: SessionPolicy = {
  actions: [{ entrypoint: 'attack' }, { entrypoint: 'move' }],
  durationSeconds: 3600,
  maxCalls: 20,
};

async function setup() {
  const testnet = createTestnet({ startTime: START });
  const owner = testnet.account(0);
  const config = testnetSessionConfig(testnet, { appId: 'test-game' });
  const { publicKey } = await createSession(config, { owner, policy });
  const calls = [
    { contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x7'] },
    { contractAddress: testnet.game, entrypoint: 'move', calldata: ['0x3', '0x4'] },
  ];
  return { testnet, owner, config, publicKey, calls };
}

async function failureOf(promise: Promise<unknown>): Promise<InnerCallFailedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InnerCallFailedError) return error;
    throw error;
  }
  throw new TypeError('expected the execute to fail');
}

describe('a call that reverts inside a non-atomic multicall', () => {
  it.each([
    ['through the paymaster', 'paymaster'],
    ['directly (the session key sends it)', 'direct'],
  ] as const)('is reported as INNER_CALL_FAILED at its index %s, while the others ran', async (_, mode) => {
    const { testnet, owner, config, publicKey, calls } = await setup();
    testnet.faults.revertNextCall({ entrypoint: 'move' });

    const error = await failureOf(
      executeWithSession(config, { accountAddress: owner.address, calls, mode, waitForReceipt: true }),
    );

    expect(error.code).toBe('INNER_CALL_FAILED');
    expect(error.failures).toHaveLength(1);
    expect(error.failures[0]).toMatchObject({
      index: 1,
      contractAddress: testnet.game,
      selector: hex(selector('move')),
    });
    expect(error.failures[0]!.reason).toContain('Testnet: forced revert');
    // The transaction itself succeeded: the attack happened, the move did not, one call counted.
    expect(testnet.getTransaction(error.transactionHash)?.status).toBe('SUCCEEDED');
    expect(testnet.gameState(owner.address)).toMatchObject({ attacks: 1, score: 10n, x: 0, y: 0 });
    expect(testnet.getSessionData(owner.address, publicKey).callsUsed).toBe(1);
  });

  it('succeeds without an error when every inner call ran', async () => {
    const { testnet, owner, config, publicKey, calls } = await setup();
    const sent = await executeWithSession(config, {
      accountAddress: owner.address,
      calls,
      waitForReceipt: true,
    });
    expect(sent.via).toBe('paymaster');
    expect(testnet.gameState(owner.address)).toMatchObject({ attacks: 1, x: 3, y: 4 });
    expect(testnet.getSessionData(owner.address, publicKey).callsUsed).toBe(1);
  });
});
