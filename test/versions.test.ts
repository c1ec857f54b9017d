/**
 * Every session-account version v28–v33 on its own simulated model: what the library creates, how it
 * executes (paymaster and direct), and each version refusal with its code, zero transactions and zero
 * wallet prompts.
 */
import type { Call } from 'starknet';
import {
  createSession,
  describeSessionPolicy,
  detectSessionSupport,
  getSessionState,
  isSessionError,
  type KnownAccountVersion,
  type SessionConfigParameters,
  type SessionPolicy,
} from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { sessionExecutor, testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const VERSIONS: readonly KnownAccountVersion[] = ['v28', 'v29', 'v30', 'v31', 'v32', 'v33'];

function setup(version: KnownAccountVersion, options: Partial<SessionConfigParameters> = {}) {
  const testnet = createTestnet({ startTime: START, accounts: 0 });
  const deployed = testnet.addAccount({ kind: `session-${version}` });
  const wallet = testnet.account(deployed.address);
  let prompts = 0;
  const owner = {
    address: deployed.address,
    execute: (calls: Call[]) => {
      prompts++;
      return wallet.execute(calls);
    },
  };
  const config = testnetSessionConfig(testnet, { appId: 'versions', ...options });
  const execute = sessionExecutor(config, testnet, owner.address);
  const txs = () => testnet.transactions().length;
  return { testnet, owner, config, execute, txs, prompts: () => prompts, deployed };
}

const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 5 };

/** The error's code and its reason-like fields, or 'ok'. */
async function outcome(promise: Promise<unknown>): Promise<Record<string, unknown> | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!isSessionError(error)) throw error;
    const e = error as unknown as Record<string, unknown>;
    return { code: error.code, reason: e.reason, missing: e.missing };
  }
}

/** Runs `action` and expects a typed refusal with no transaction and no wallet prompt. */
async function refusedBeforeAnything(
  s: ReturnType<typeof setup>,
  action: () => Promise<unknown>,
  expected: Record<string, unknown>,
) {
  const [before, prompts] = [s.txs(), s.prompts()];
  expect(await outcome(action())).toMatchObject(expected);
  expect(s.txs()).toBe(before);
  expect(s.prompts()).toBe(prompts);
}

describe.each(VERSIONS)('session account %s', (version) => {
  it('is identified by its class hash, with get_contract_info kept raw', async () => {
    const s = setup(version);
    const support = await detectSessionSupport(s.testnet.provider(), s.owner.address);
    expect(support.accountVersion).toBe(version);
    expect(support.contractVersion).toBe(
      { v28: 'v27_custom_snip9v2', v29: 'v26_audit_fixes', v30: 'v26_audit_fixes' }[version as 'v28'] ??
        version,
    );
    expect(support.spendingPolicy).toBe(version === 'v33');
    expect(support.capabilities.outsideExecutionCallsNeeded).toBe(
      version === 'v29' || version === 'v30' ? 2 : 1,
    );
  });

  it('refuses an account selector in the whitelist on every version', async () => {
    const s = setup(version);
    const own = { ...policy, actions: [{ entrypoint: 'set_public_key' }] };
    await refusedBeforeAnything(s, () => createSession(s.config, { owner: s.owner, policy: own }), {
      code: 'INVALID_POLICY',
      reason: 'account-selector',
    });
  });

  if (version === 'v28') {
    it('creates no session at all (every key is owner-equivalent)', async () => {
      const s = setup(version);
      await refusedBeforeAnything(s, () => createSession(s.config, { owner: s.owner, policy }), {
        code: 'SESSION_NOT_SUPPORTED',
        reason: 'unsafe-version',
      });
    });
    return;
  }

  it('creates a session, then executes through the paymaster and directly', async () => {
    const s = setup(version);
    const created = await createSession(s.config, { owner: s.owner, policy });
    expect(s.prompts()).toBe(1);
    expect((await s.execute()).via).toBe('paymaster');
    expect((await s.execute({ mode: 'direct' })).via).toBe('direct');
    expect(s.testnet.getSessionData(s.owner.address, created.publicKey).callsUsed).toBe(2);
    expect(s.testnet.gameState(s.owner.address).attacks).toBe(2);
    expect(s.prompts()).toBe(1);
  });

  it('reports the calls left per route: through a paymaster one fewer on v29/v30, as execute decides', async () => {
    const s = setup(version);
    const two = { ...policy, maxCalls: 2 };
    const { publicKey } = await createSession(s.config, { owner: s.owner, policy: two });
    expect((await s.execute()).via).toBe('paymaster');
    const state = await getSessionState(s.config, { accountAddress: s.owner.address, publicKey });
    const keepsOne = version === 'v29' || version === 'v30';
    expect(state).toMatchObject({ callsUsed: 1, callsLeft: 1, callsLeftGasless: keepsOne ? 0 : 1 });
    // The number is what the next gasless execute meets: refused at 0, sent at 1.
    if (keepsOne)
      await refusedBeforeAnything(s, () => s.execute(), {
        code: 'CALL_LIMIT_REACHED',
        reason: 'paymaster-needs-two-calls',
      });
    else expect((await s.execute()).via).toBe('paymaster');
  });

  it(`${['v29', 'v30', 'v31'].includes(version) ? 'refuses' : 'allows'} an empty whitelist (allowAnyAction)`, async () => {
    const s = setup(version);
    const any = { ...policy, actions: [], allowAnyAction: true };
    if (['v29', 'v30', 'v31'].includes(version)) {
      await refusedBeforeAnything(s, () => createSession(s.config, { owner: s.owner, policy: any }), {
        code: 'INVALID_POLICY',
        reason: 'owner-equivalent',
      });
    } else {
      expect(await outcome(createSession(s.config, { owner: s.owner, policy: any }))).toBe('ok');
    }
  });

  it(`${version === 'v33' ? 'sets' : 'refuses'} spending limits`, async () => {
    const s = setup(version);
    const capped = {
      ...policy,
      spendingLimits: [{ token: s.testnet.tokens.USDC, maxPerWindow: 10n, windowSeconds: 60 }],
    };
    if (version === 'v33') {
      expect(await outcome(createSession(s.config, { owner: s.owner, policy: capped }))).toBe('ok');
    } else {
      await refusedBeforeAnything(s, () => createSession(s.config, { owner: s.owner, policy: capped }), {
        code: 'SESSION_NOT_SUPPORTED',
        missing: 'spending-policy',
      });
    }
  });

  it('says in the consent what the version cannot do', () => {
    const kinds = describeSessionPolicy(policy, { now: START, accountVersion: version }).warnings.map(
      (w) => w.kind,
    );
    expect(kinds.includes('cannot-cap-spending')).toBe(version !== 'v33');
    expect(kinds.includes('last-call-not-gasless')).toBe(version === 'v29' || version === 'v30');
    const any = describeSessionPolicy(
      { ...policy, actions: [], allowAnyAction: true },
      { now: START, accountVersion: version },
    );
    expect(any.warnings.some((w) => w.kind === 'owner-equivalent')).toBe(
      ['v29', 'v30', 'v31'].includes(version),
    );
  });

  if (version === 'v29' || version === 'v30') {
    it('refuses maxCalls 1 for paymaster use, unless direct fallback is on', async () => {
      const s = setup(version);
      const one = { ...policy, maxCalls: 1 };
      await refusedBeforeAnything(s, () => createSession(s.config, { owner: s.owner, policy: one }), {
        code: 'INVALID_POLICY',
        reason: 'paymaster-needs-two-calls',
      });
      const direct = setup(version, { fallback: { direct: true } });
      expect(await outcome(createSession(direct.config, { owner: direct.owner, policy: one }))).toBe('ok');
    });

    it('never sends an outside execution with one call left: refused, or direct when allowed', async () => {
      const s = setup(version);
      await createSession(s.config, { owner: s.owner, policy: { ...policy, maxCalls: 2 } });
      expect((await s.execute()).via).toBe('paymaster');
      await refusedBeforeAnything(s, () => s.execute(), {
        code: 'CALL_LIMIT_REACHED',
        reason: 'paymaster-needs-two-calls',
      });
      const d = setup(version, { fallback: { direct: true } });
      await createSession(d.config, { owner: d.owner, policy: { ...policy, maxCalls: 2 } });
      expect((await d.execute()).via).toBe('paymaster');
      expect((await d.execute()).via).toBe('direct');
      expect(d.testnet.gameState(d.owner.address).attacks).toBe(2);
    });
  }
});

describe('unknown account classes', () => {
  it('are refused unless the app opts in, and then never get spending limits', async () => {
    const testnet = createTestnet({ startTime: START, accounts: 0 });
    const legacy = testnet.addAccount({
      kind: 'legacy',
      legacy: { snip9: true, supportsInterface: 'answers' },
    });
    const support = await detectSessionSupport(testnet.provider(), legacy.address);
    expect(support.accountVersion).toBe('unknown');
    expect(support.capabilities.spendingPolicy).toBe(false);
  });
});
