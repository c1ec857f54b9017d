/**
 * The model's own table of what each deployed session-account class does (spec/account-versions.md
 * §0–§5), written from the spec apart from the library's rules: a client that gets a version wrong
 * meets the difference here as a rejection, never as an agreement by construction.
 */

export type SessionAccountVersion = 'v28' | 'v29' | 'v30' | 'v31' | 'v32' | 'v33';

export interface SessionAccountModel {
  version: SessionAccountVersion;
  /** Mainnet class hash (§0). */
  classHash: bigint;
  /** get_contract_info's shortstring (§1.2). */
  contractInfo: string;
  /** §3: selectors no session may call, on any contract. */
  blocklist: readonly string[];
  /** §3: with an empty whitelist, no call may target the account itself. */
  selfCallRule: boolean;
  /** §2.2: __execute__ requires caller 0 or the account. */
  executeCallerCheck: boolean;
  /** §2.3: v28's own SNIP-9 component (felt hash only, caller 0 only, inclusive window, no whitelist, 'OE:' errors). */
  legacyOutsideExecution: boolean;
  /** §2.3: v29/v30 use up the call before the signature check (audit 2 #3). */
  consumeBeforeSignature: boolean;
  /** §2.3: v32+ check sig[3] fits u64 and is <= the stored valid_until. */
  bindsValidUntil: boolean;
  /** §5: set/get/remove_spending_policy exist (v33). */
  spendingPolicy: boolean;
  /** §1.3: register_interfaces exists and the constructor registers the session id (v32+). */
  registersSessionId: boolean;
  /** §1.3: set_public_key / setPublicKey exist (not on v28). */
  setPublicKey: boolean;
  /** §2.4: v28's is_valid_signature changes state and uses up a call. */
  isValidSignatureConsumes: boolean;
}

const V29_BLOCKLIST = ['upgrade', 'add_or_update_session_key', 'revoke_session_key'] as const;
const V31_BLOCKLIST = [...V29_BLOCKLIST, '__execute__'] as const;
const V32_BLOCKLIST = [
  ...V31_BLOCKLIST,
  'set_public_key',
  'setPublicKey',
  'execute_from_outside_v2',
] as const;
const V33_BLOCKLIST = [...V32_BLOCKLIST, 'set_spending_policy', 'remove_spending_policy'] as const;

const modern = {
  executeCallerCheck: true,
  legacyOutsideExecution: false,
  setPublicKey: true,
  isValidSignatureConsumes: false,
} as const;

const v29: SessionAccountModel = {
  ...modern,
  version: 'v29',
  classHash: 0x053f4f8791ed5bed0fddaa553d180c664e32cfaf8316bb232ae77bb08f459f2an,
  contractInfo: 'v26_audit_fixes',
  blocklist: V29_BLOCKLIST,
  selfCallRule: false,
  consumeBeforeSignature: true,
  bindsValidUntil: false,
  spendingPolicy: false,
  registersSessionId: false,
};

export const SESSION_ACCOUNT_MODELS: Readonly<Record<SessionAccountVersion, SessionAccountModel>> = {
  v28: {
    version: 'v28',
    classHash: 0x02de1565226d5215a38b68c4d9a4913989b54edff64c68c45e453c417b44cd83n,
    contractInfo: 'v27_custom_snip9v2',
    blocklist: [],
    selfCallRule: false,
    executeCallerCheck: false,
    legacyOutsideExecution: true,
    consumeBeforeSignature: false,
    bindsValidUntil: false,
    spendingPolicy: false,
    registersSessionId: false,
    setPublicKey: false,
    isValidSignatureConsumes: true,
  },
  v29,
  v30: {
    ...v29,
    version: 'v30',
    classHash: 0x072b77b033a874fa1b8f7ff52e18be8fb5ce01a00c59cd184ae15f5b29bc0e57n,
  },
  v31: {
    ...v29,
    version: 'v31',
    classHash: 0x0254f6dd0427319ec614c29e4e3929500d1ba95d0da87ff81d67051ce572667n,
    contractInfo: 'v31',
    blocklist: V31_BLOCKLIST,
    consumeBeforeSignature: false,
  },
  v32: {
    ...modern,
    version: 'v32',
    classHash: 0x035a2251aca25daba18a5d8950deffa8372a7d84774554e75283cb85552eebc9n,
    contractInfo: 'v32',
    blocklist: V32_BLOCKLIST,
    selfCallRule: true,
    consumeBeforeSignature: false,
    bindsValidUntil: true,
    spendingPolicy: false,
    registersSessionId: true,
  },
  v33: {
    ...modern,
    version: 'v33',
    classHash: 0x0484bbd2404b3c7264bea271f7267d6d4004821ac7787a9eed7f472e79ef40d1n,
    contractInfo: 'v33',
    blocklist: V33_BLOCKLIST,
    selfCallRule: true,
    consumeBeforeSignature: false,
    bindsValidUntil: true,
    spendingPolicy: true,
    registersSessionId: true,
  },
};
