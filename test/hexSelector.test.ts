import { hash } from 'starknet';
import { createSession, executeWithSession, isSessionError, type SessionPolicy } from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { testnetSessionConfig } from './helpers/sessionConfig.js';

const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 20 };

describe('an entrypoint given as a hex selector', () => {
  it.each(['paymaster', 'direct'] as const)('works like its name (%s)', async (mode) => {
    const testnet = createTestnet({ startTime: 1_800_000_000 });
    const owner = testnet.account(0);
    const config = testnetSessionConfig(testnet, { appId: 'hex' });
    const { publicKey } = await createSession(config, { owner, policy });
    const entrypoint = hash.getSelectorFromName('attack');
    const sent = await executeWithSession(config, {
      accountAddress: owner.address,
      calls: [{ contractAddress: testnet.game, entrypoint, calldata: ['0x1'] }],
      waitForReceipt: true,
      mode,
    }).catch((e: unknown) => (isSessionError(e) ? `${e.code} ${e.message}` : e));
    expect(typeof sent === 'object' ? 'ok' : sent).toBe('ok');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });
});

describe('a hex selector with no known name', () => {
  it('is refused before anything is signed or sent, naming the field', async () => {
    const testnet = createTestnet({ startTime: 1_800_000_000 });
    const owner = testnet.account(0);
    const config = testnetSessionConfig(testnet, { appId: 'hex' });
    await createSession(config, {
      owner,
      policy: { actions: [], allowAnyAction: true, durationSeconds: 3600, maxCalls: 5 },
    });
    const sent = testnet.transactions().length;
    const error = await executeWithSession(config, {
      accountAddress: owner.address,
      calls: [
        { contractAddress: testnet.game, entrypoint: hash.getSelectorFromName('attack'), calldata: ['0x1'] },
      ],
    }).catch((e: unknown) => e);
    expect(isSessionError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as { field?: string }).field).toBe('calls[0].entrypoint');
    expect(testnet.transactions().length).toBe(sent);
  });
});
