import { testnetSessionConfig } from '../../../test/helpers/sessionConfig.js';
import { loadVectors } from '../../../test/vectors/load.js';
import { createTestnet } from '../../testing/index.js';
import { createMemoryStorage } from '../storage/index.js';

// Each test loads fresh modules: the warm-up runs once per page or process, so its state is module-wide.
async function fresh() {
  vi.resetModules();
  return {
    warmup: await import('./warmup.js'),
    sign: await import('../sign.js'),
    actions: await import('../actions/index.js'),
  };
}

type Idle = (run: () => void) => number;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signing warm-up', () => {
  it('does nothing on import; runs in idle callbacks once; later signatures are unchanged', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', ((run) => idle.push(run)) satisfies Idle);
    const { warmup, sign } = await fresh();
    expect(idle).toHaveLength(0); // importing schedules nothing

    const { vectors } = loadVectors();
    warmup.scheduleSigningWarmup(vectors.outsideExecution.chainId);
    warmup.scheduleSigningWarmup('SN_MAIN'); // a second restore: nothing more
    let rounds = 0;
    while (idle.length) {
      idle.shift()?.();
      rounds++;
    }
    expect(rounds).toBe(24);

    const o = vectors.outsideExecution;
    const signature = sign.signOutsideExecution({
      accountAddress: o.account,
      chainId: o.chainId,
      outsideExecution: {
        caller: o.oe.caller,
        nonce: o.oe.nonce,
        executeAfter: o.oe.execute_after,
        executeBefore: o.oe.execute_before,
        calls: o.oe.calls.map((c) => ({
          contractAddress: c.to,
          entrypoint: c.selector,
          calldata: c.calldata,
        })),
      },
      privateKey: vectors.sessionPrivateKey,
      validUntil: vectors.invoke.input.validUntil,
    });
    expect(signature).toEqual(o.sessionSignatureOverU128);
  });

  it('is scheduled when getSessionState restores an active session, not before', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', ((run) => idle.push(run)) satisfies Idle);
    const { actions } = await fresh();
    const testnet = createTestnet({ startTime: 1_800_000_000 });
    const owner = testnet.account(0);
    const config = testnetSessionConfig(testnet, {
      appId: 'warmup',
      storage: createMemoryStorage({ now: () => testnet.now() }),
      provider: testnet.provider(),
    });
    const target = { accountAddress: owner.address };
    expect((await actions.getSessionState(config, target)).status).toBe('none');
    expect(idle).toHaveLength(0);

    await actions.createSession(config, {
      owner,
      policy: { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 5 },
    });
    expect((await actions.getSessionState(config, target)).status).toBe('active');
    expect(idle).toHaveLength(1);
    await actions.getSessionState(config, target); // restored again (a refetch): still one warm-up
    expect(idle).toHaveLength(1);
  });
});
