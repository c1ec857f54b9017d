import { ACCOUNT_CLASS_HASHES } from './accountRules.js';
import { SESSION_KEY_MANAGER_INTERFACE_ID, SRC9_V2_INTERFACE_ID } from './constants.js';
import { RpcRequestError } from './errors/index.js';
import { detectSessionSupport, type SupportProvider } from './support.js';

const ACCOUNT = '0x123';
const revert = () => Object.assign(new Error('Contract error'), { code: 40 });
const missing = () => Object.assign(new Error('Entry point not found'), { code: 21 });

/** A tiny account model: which entrypoints it has and what supports_interface says. */
function account(opts: {
  ids?: string[];
  entrypoints?: string[];
  supportsReverts?: boolean;
  version?: string;
  abi?: unknown;
  classHash?: string;
}): SupportProvider {
  const entrypoints = new Set(opts.entrypoints ?? []);
  return {
    async callContract({ entrypoint, calldata = [] }) {
      if (entrypoint === 'supports_interface') {
        if (opts.supportsReverts) throw revert();
        return [(opts.ids ?? []).some((id) => BigInt(id) === BigInt(calldata[0]!)) ? '0x1' : '0x0'];
      }
      if (!entrypoints.has(entrypoint)) throw missing();
      if (entrypoint === 'get_contract_info') return [`0x${Buffer.from(opts.version ?? '').toString('hex')}`];
      if (entrypoint === 'get_spending_policy') return Array(8).fill('0x0');
      return ['0x0'];
    },
    async getClassAt() {
      return { abi: opts.abi ?? [] };
    },
    async getClassHashAt() {
      return opts.classHash ?? '0x1234';
    },
  };
}

const V33 = [
  'get_contract_info',
  'get_spending_policy',
  'add_or_update_session_key',
  'revoke_session_key',
  'get_session_data',
];

describe('detectSessionSupport', () => {
  it('detects a v33 account through SRC-5, with version and spending policy', async () => {
    const p = account({
      ids: [SESSION_KEY_MANAGER_INTERFACE_ID, SRC9_V2_INTERFACE_ID],
      entrypoints: V33,
      version: 'v33',
      classHash: ACCOUNT_CLASS_HASHES.v33.replace('0x0', '0x'), // compared as numbers
    });
    expect(await detectSessionSupport(p, ACCOUNT)).toEqual({
      sessionKeys: true,
      outsideExecution: true,
      spendingPolicy: true,
      contractVersion: 'v33',
      accountVersion: 'v33',
      classHash: ACCOUNT_CLASS_HASHES.v33.replace('0x0', '0x'),
      capabilities: {
        emptyWhitelistSafe: true,
        spendingPolicy: true,
        outsideExecutionCallsNeeded: 1,
        bindsValidUntil: true,
      },
      detectedBy: 'src5',
    });
  });

  it('treats a reverting supports_interface as "no" and falls back to the ABI', async () => {
    const abi = [
      {
        type: 'interface',
        name: 'ISessionKeyManager',
        items: ['add_or_update_session_key', 'revoke_session_key', 'get_session_data'].map((name) => ({
          type: 'function',
          name,
        })),
      },
      { type: 'function', name: 'execute_from_outside_v2' },
    ];
    const p = account({
      supportsReverts: true,
      entrypoints: ['add_or_update_session_key'],
      abi: JSON.stringify(abi),
    });
    expect(await detectSessionSupport(p, ACCOUNT)).toMatchObject({
      sessionKeys: true,
      outsideExecution: true,
      spendingPolicy: false,
      contractVersion: undefined,
      detectedBy: 'abi',
    });
  });

  it('reports an account without session entrypoints as unsupported', async () => {
    const p = account({ ids: [SRC9_V2_INTERFACE_ID], abi: [{ type: 'function', name: '__execute__' }] });
    expect(await detectSessionSupport(p, ACCOUNT)).toMatchObject({
      sessionKeys: false,
      outsideExecution: true,
      spendingPolicy: false,
      contractVersion: undefined,
      accountVersion: 'unknown',
      detectedBy: 'none',
    });
  });

  it('calls a known class hash unknown when get_contract_info or the spending getter disagree', async () => {
    const v33 = ACCOUNT_CLASS_HASHES.v33;
    const lying = account({
      ids: [SESSION_KEY_MANAGER_INTERFACE_ID],
      entrypoints: V33,
      version: 'v32',
      classHash: v33,
    });
    expect((await detectSessionSupport(lying, ACCOUNT)).accountVersion).toBe('unknown');
    const noSpending = account({
      ids: [SESSION_KEY_MANAGER_INTERFACE_ID],
      entrypoints: V33.filter((e) => e !== 'get_spending_policy'),
      version: 'v33',
      classHash: v33,
    });
    expect((await detectSessionSupport(noSpending, ACCOUNT)).accountVersion).toBe('unknown');
    const v29 = account({
      ids: [],
      entrypoints: [
        'get_contract_info',
        'add_or_update_session_key',
        'revoke_session_key',
        'get_session_data',
      ],
      version: 'v26_audit_fixes',
      classHash: ACCOUNT_CLASS_HASHES.v30,
    });
    expect(await detectSessionSupport(v29, ACCOUNT)).toMatchObject({
      accountVersion: 'v30',
      contractVersion: 'v26_audit_fixes',
      spendingPolicy: false,
    });
  });

  it('throws RpcRequestError on a network failure instead of answering "no"', async () => {
    const p: SupportProvider = {
      async callContract() {
        throw new TypeError('fetch failed');
      },
    };
    await expect(detectSessionSupport(p, ACCOUNT)).rejects.toBeInstanceOf(RpcRequestError);
  });
});
