/**
 * Model of the session accounts v28–v33 (chipi-pay/sessions-smart-contract), written from
 * spec/session-keys.md §1–§7 and spec/account-versions.md: validation order, error strings, storage
 * semantics, events; each version's differences come from its SessionAccountModel (sessionVersions.ts).
 * It verifies every signature on its own path (../snip12.ts) and never calls the client's hashing.
 */

import { encodeShortString, U64_MAX, U128_MAX } from '../../../core/felt.js';
import {
  bool,
  type CairoCall,
  type CairoOutsideExecution,
  panic,
  panicMessage,
  sel,
  u256,
  VALID,
} from '../cairo.js';
import { checkEcdsaSignature } from '../ecdsa.js';
import { outsideExecutionMessageHash, sessionMessageHash } from '../snip12.js';
import type { ContractClass, Ctx, Handler } from '../types.js';
import {
  ANY_CALLER,
  assertOnlySelf,
  ISRC6_ID,
  isNonceUsed,
  isValidOwnerSignature,
  publicKeyEntrypoints,
  registerInterface,
  SRC9_V2_ID,
  serializeResults,
  supportsInterface,
  useNonce,
  validateTransaction,
} from './ozAccount.js';
import { missingEntrypoints, sessionAccountAbi } from './sessionAccountAbi.js';
import {
  SESSION_ACCOUNT_MODELS,
  type SessionAccountModel,
  type SessionAccountVersion,
} from './sessionVersions.js';

/** Mainnet class hash of v33, so class-hash based detection sees the real value. */
export const SESSION_ACCOUNT_V33_CLASS_HASH = SESSION_ACCOUNT_MODELS.v33.classHash;
export const SESSION_KEY_MANAGER_ID = 0x037ab4f01106526662a612eaa2926df2aa314c4144b964f183805880bbcfa55dn;

/** §7: selectors whose calldata[1..2] amount the spending policy counts. */
const TRACKED = ['transfer', 'approve', 'increase_allowance', 'increaseAllowance'] as const;

const isTracked = (selector: bigint) => TRACKED.some((name) => sel(name) === selector);

// ---- storage layout (field names in the flat store) ----
const hex = (n: bigint) => n.toString(16);
const sessionField = (pk: bigint, f: 'valid_until' | 'max_calls' | 'calls_used' | 'len') =>
  `session:${hex(pk)}:${f}`;
const entrypointField = (pk: bigint, i: bigint) => `session:${hex(pk)}:ep:${i}`;
const policyField = (pk: bigint, token: bigint, f: 'mpc' | 'mpw' | 'window' | 'spent' | 'start') =>
  `policy:${hex(pk)}:${hex(token)}:${f}`;

export interface SessionData {
  validUntil: bigint;
  maxCalls: bigint;
  callsUsed: bigint;
  allowedEntrypointsLen: bigint;
}

export function readSession(ctx: Pick<Ctx, 'read'>, pk: bigint): SessionData {
  return {
    validUntil: ctx.read(sessionField(pk, 'valid_until')),
    maxCalls: ctx.read(sessionField(pk, 'max_calls')),
    callsUsed: ctx.read(sessionField(pk, 'calls_used')),
    allowedEntrypointsLen: ctx.read(sessionField(pk, 'len')),
  };
}

export interface SpendingPolicy {
  maxPerCall: bigint;
  maxPerWindow: bigint;
  windowSeconds: bigint;
  spentInWindow: bigint;
  windowStart: bigint;
}

export function readPolicy(ctx: Pick<Ctx, 'read'>, pk: bigint, token: bigint): SpendingPolicy {
  return {
    maxPerCall: ctx.read(policyField(pk, token, 'mpc')),
    maxPerWindow: ctx.read(policyField(pk, token, 'mpw')),
    windowSeconds: ctx.read(policyField(pk, token, 'window')),
    spentInWindow: ctx.read(policyField(pk, token, 'spent')),
    windowStart: ctx.read(policyField(pk, token, 'start')),
  };
}

const blocked = (m: SessionAccountModel, selector: bigint) =>
  m.blocklist.some((name) => sel(name) === selector);

/** §4.1 step 3.3 `is_session_allowed_for_calls`, in the contract's order, with this version's lists. */
function isSessionAllowedForCalls(
  ctx: Ctx,
  m: SessionAccountModel,
  pk: bigint,
  calls: readonly CairoCall[],
): boolean {
  const s = readSession(ctx, pk);
  if (s.validUntil === 0n) return false; // missing or revoked
  if (ctx.timestamp > s.validUntil) return false;
  if (s.callsUsed >= s.maxCalls) return false;
  if (calls.some((c) => blocked(m, c.selector))) return false;
  if (s.allowedEntrypointsLen === 0n) return !(m.selfCallRule && calls.some((c) => c.to === ctx.self));
  const allowed: bigint[] = [];
  for (let i = 0n; i < s.allowedEntrypointsLen; i++) allowed.push(ctx.read(entrypointField(pk, i)));
  return calls.every((c) => allowed.includes(c.selector));
}

/** §3.3: the account's internal is_valid_signature (owner [r, s] or session [pk, r, s, valid_until]). */
function isValidSignature(ctx: Ctx, m: SessionAccountModel, hash: bigint, sig: readonly bigint[]): boolean {
  if (sig.length === 2) return isValidOwnerSignature(ctx, hash, sig);
  if (sig.length !== 4) return false;
  const [pk, r, s, sigValidUntil] = sig as [bigint, bigint, bigint, bigint];
  if (sigValidUntil > U64_MAX) return m.version === 'v28' ? unwrapFailed() : false;
  if (ctx.timestamp > sigValidUntil) return false;
  const session = readSession(ctx, pk);
  if (session.validUntil === 0n || ctx.timestamp > session.validUntil) return false;
  if (session.callsUsed >= session.maxCalls) return false;
  return checkEcdsaSignature(hash, pk, r, s);
}

/** v28 unwraps the u64 conversion (§2.2): a panic, not a false. */
function unwrapFailed(): never {
  return panicMessage('Option::unwrap failed.');
}

function bumpCallsUsed(ctx: Ctx, pk: bigint): void {
  const f = sessionField(pk, 'calls_used');
  ctx.write(f, ctx.read(f) + 1n);
}

/** §7 `check_and_update_spending`: per-call cap, tumbling window anchored at the last reset (u64 sums). */
function checkAndUpdateSpending(ctx: Ctx, pk: bigint, calls: readonly CairoCall[]): void {
  for (const call of calls) {
    if (!isTracked(call.selector)) continue;
    const token = call.to;
    const p = readPolicy(ctx, pk, token);
    if (p.maxPerWindow === 0n) continue; // no policy for this token
    if (call.calldata.length < 3) panic('Spending: calldata too short');
    const low = call.calldata[1]!;
    const high = call.calldata[2]!;
    if (low > U128_MAX || high > U128_MAX) panicMessage('Spending: invalid amount');
    const amount = low + (high << 128n);
    if (amount > p.maxPerCall) panic('Spending: exceeds per-call');
    let spent = p.spentInWindow;
    // window_start + window_seconds is a u64 sum: past u64::MAX it panics.
    if (p.windowStart + p.windowSeconds > U64_MAX) panic('u64_add Overflow');
    if (ctx.timestamp >= p.windowStart + p.windowSeconds) {
      spent = 0n;
      ctx.write(policyField(pk, token, 'start'), ctx.timestamp);
    }
    if (spent + amount > p.maxPerWindow) panic('Spending: exceeds window limit');
    ctx.write(policyField(pk, token, 'spent'), spent + amount);
  }
}

/** `_execute_calls`: non-atomic; a failed call yields an empty span and execution goes on. */
function executeCalls(ctx: Ctx, calls: readonly CairoCall[]): bigint[] {
  const results = calls.map((call, i) => {
    const out = ctx.tryCall(call.to, call.selector, call.calldata);
    ctx.recordInnerCall(i, call, out);
    return out.ok ? out.retdata : [];
  });
  return serializeResults(results);
}

function validate(m: SessionAccountModel): Handler {
  return (ctx, args) => {
    const calls = args.calls();
    const sig = ctx.tx.signature;
    if (sig.length === 0) return [ctx.caller === ctx.self ? VALID : 0n];
    if (sig.length === 2) return validateTransaction(ctx);
    if (sig.length !== 4) return [0n];
    const [pk, r, s, validUntil] = sig as [bigint, bigint, bigint, bigint];
    if (validUntil > U64_MAX) return m.version === 'v28' ? unwrapFailed() : [0n];
    if (ctx.timestamp > validUntil) return [0n];
    if (!isSessionAllowedForCalls(ctx, m, pk, calls)) return [0n];
    const hash = sessionMessageHash(ctx.self, ctx.tx.chainId, ctx.tx.nonce, validUntil, calls);
    if (!checkEcdsaSignature(hash, pk, r, s)) return [0n];
    bumpCallsUsed(ctx, pk); // one per transaction, whatever the number of calls
    return [VALID];
  };
}

function execute(m: SessionAccountModel): Handler {
  return (ctx, args) => {
    const calls = args.calls();
    // v28 has no caller check: any contract can call __execute__ (§7).
    if (m.executeCallerCheck && ctx.caller !== 0n && ctx.caller !== ctx.self)
      panic('Account: unauthorized caller');
    const sig = ctx.tx.signature;
    if (m.spendingPolicy && sig.length === 4) checkAndUpdateSpending(ctx, sig[0]!, calls);
    return executeCalls(ctx, calls);
  };
}

/** v29+ (OZ SRC9): u128 hash then felt, caller 0/ANY_CALLER/immediate caller, window ends excluded. */
function executeFromOutsideV2(m: SessionAccountModel): Handler {
  return (ctx, args) => {
    const oe: CairoOutsideExecution = args.outsideExecution();
    const sig = args.feltArray();
    if (oe.caller !== 0n && oe.caller !== ANY_CALLER && ctx.caller !== oe.caller)
      panic('SRC9: invalid caller');
    const now = ctx.timestamp;
    if (!(oe.executeAfter < now)) panic('SRC9: now <= execute_after');
    if (!(now < oe.executeBefore)) panic('SRC9: now >= execute_before');
    if (isNonceUsed(ctx, oe.nonce)) panic('SRC9: duplicated nonce');
    useNonce(ctx, oe.nonce);
    const isSession = sig.length === 4;
    if (isSession) {
      if (m.bindsValidUntil) {
        const sigValidUntil = sig[3]!;
        if (sigValidUntil > U64_MAX) panic('Session: invalid timestamp');
        if (sigValidUntil > readSession(ctx, sig[0]!).validUntil) panic('Session: valid_until exceeded');
      }
      if (!isSessionAllowedForCalls(ctx, m, sig[0]!, oe.calls)) panic('Session: unauthorized selector');
      // v29/v30: the call is used up before the signature check, which then sees one call fewer.
      if (m.consumeBeforeSignature) bumpCallsUsed(ctx, sig[0]!);
    }
    const u128Hash = outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, oe, 'u128');
    if (!isValidSignature(ctx, m, u128Hash, sig)) {
      const feltHash = outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, oe, 'felt');
      if (!isValidSignature(ctx, m, feltHash, sig)) panic('SRC9: invalid signature');
    }
    if (isSession) {
      if (!m.consumeBeforeSignature) bumpCallsUsed(ctx, sig[0]!); // after verification (audit 2 #3)
      if (m.spendingPolicy) checkAndUpdateSpending(ctx, sig[0]!, oe.calls);
    }
    return executeCalls(ctx, oe.calls);
  };
}

const legacyNonceField = (nonce: bigint) => `oe_nonce:${hex(nonce)}`;

/** v28's own component (§2.3): felt hash only, caller 0 or the tx's sender account, window ends included, no whitelist. */
function legacyExecuteFromOutside(m: SessionAccountModel): Handler {
  return (ctx, args) => {
    const oe: CairoOutsideExecution = args.outsideExecution();
    const sig = args.feltArray();
    if (oe.caller !== 0n && oe.caller !== ctx.tx.accountAddress) panic('OE: Invalid caller');
    const now = ctx.timestamp;
    if (!(oe.executeAfter <= now && now <= oe.executeBefore)) panic('OE: Invalid timestamp');
    if (ctx.read(legacyNonceField(oe.nonce)) === 1n) panic('OE: Nonce already used');
    ctx.write(legacyNonceField(oe.nonce), 1n);
    const hash = outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, oe, 'felt');
    if (!isValidSignature(ctx, m, hash, sig)) panic('OE: Invalid signature');
    if (sig.length === 4) bumpCallsUsed(ctx, sig[0]!);
    ctx.emit([sel('OutsideExecutionExecuted'), hash], [oe.nonce, oe.caller]);
    return executeCalls(ctx, oe.calls);
  };
}

const addOrUpdateSessionKey: Handler = (ctx, args) => {
  const pk = args.felt();
  const validUntil = args.u64();
  const maxCalls = args.u32();
  const entrypoints = args.feltArray();
  assertOnlySelf(ctx);
  const oldLen = ctx.read(sessionField(pk, 'len'));
  for (let i = 0n; i < oldLen; i++) ctx.write(entrypointField(pk, i), 0n);
  ctx.write(sessionField(pk, 'valid_until'), validUntil);
  ctx.write(sessionField(pk, 'max_calls'), maxCalls);
  ctx.write(sessionField(pk, 'calls_used'), 0n); // an update refills the budget
  ctx.write(sessionField(pk, 'len'), BigInt(entrypoints.length));
  for (const [i, ep] of entrypoints.entries()) ctx.write(entrypointField(pk, BigInt(i)), ep);
  ctx.emit([sel('SessionKeyAdded'), pk], [validUntil, maxCalls]);
  return [];
};

const revokeSessionKey: Handler = (ctx, args) => {
  const pk = args.felt();
  assertOnlySelf(ctx);
  const len = ctx.read(sessionField(pk, 'len'));
  for (let i = 0n; i < len; i++) ctx.write(entrypointField(pk, i), 0n);
  for (const f of ['valid_until', 'max_calls', 'calls_used', 'len'] as const)
    ctx.write(sessionField(pk, f), 0n);
  // Spending policies of the key stay in place (§5.2).
  ctx.emit([sel('SessionKeyRevoked'), pk], []);
  return [];
};

const setSpendingPolicy: Handler = (ctx, args) => {
  const pk = args.felt();
  const token = args.felt();
  const maxPerCall = args.u256();
  const maxPerWindow = args.u256();
  const windowSeconds = args.u64();
  assertOnlySelf(ctx);
  ctx.write(policyField(pk, token, 'mpc'), maxPerCall);
  ctx.write(policyField(pk, token, 'mpw'), maxPerWindow);
  ctx.write(policyField(pk, token, 'window'), windowSeconds);
  ctx.write(policyField(pk, token, 'spent'), 0n);
  ctx.write(policyField(pk, token, 'start'), ctx.timestamp);
  ctx.emit(
    [sel('SpendingPolicySet'), pk, token],
    [...u256(maxPerCall), ...u256(maxPerWindow), windowSeconds],
  );
  return [];
};

const removeSpendingPolicy: Handler = (ctx, args) => {
  const pk = args.felt();
  const token = args.felt();
  assertOnlySelf(ctx);
  for (const f of ['mpc', 'mpw', 'window', 'spent', 'start'] as const)
    ctx.write(policyField(pk, token, f), 0n);
  ctx.emit([sel('SpendingPolicyRemoved'), pk, token], []);
  return [];
};

const sessionGetters: Record<string, Handler> = {
  get_session_data: (ctx, args) => {
    const s = readSession(ctx, args.felt());
    return [s.validUntil, s.maxCalls, s.callsUsed, s.allowedEntrypointsLen];
  },
  get_session_allowed_entrypoints_len: (ctx, args) => [ctx.read(sessionField(args.felt(), 'len'))],
  get_session_allowed_entrypoint_at: (ctx, args) => {
    const pk = args.felt();
    const index = args.u32();
    return [ctx.read(entrypointField(pk, index))];
  },
  get_spending_policy: (ctx, args) => {
    const pk = args.felt();
    const token = args.felt();
    const p = readPolicy(ctx, pk, token);
    return [
      ...u256(p.maxPerCall),
      ...u256(p.maxPerWindow),
      p.windowSeconds,
      ...u256(p.spentInWindow),
      p.windowStart,
    ];
  },
  get_snip9_version: () => [2n],
  compute_session_message_hash: (ctx, args) => {
    const calls = args.calls();
    const validUntil = args.u64();
    return [sessionMessageHash(ctx.self, ctx.tx.chainId, ctx.tx.nonce, validUntil, calls)];
  },
};

const deployEntrypoints: Record<string, Handler> = {
  __validate_declare__: (ctx, args) => {
    args.felt();
    return validateTransaction(ctx);
  },
  __validate_deploy__: (ctx, args) => {
    args.felt();
    args.felt();
    args.felt();
    return validateTransaction(ctx);
  },
};

/** The entrypoints of one version: v33's set with this version's rules, minus what it lacks (§1.3). */
function sessionEntrypoints(m: SessionAccountModel): Record<string, Handler> {
  const all: Record<string, Handler> = {
    __validate__: validate(m),
    __execute__: execute(m),
    ...deployEntrypoints,
    is_valid_signature: (ctx, args) => {
      const hash = args.felt();
      const sig = args.feltArray();
      const ok = isValidSignature(ctx, m, hash, sig);
      // v28: a state-changing external, so a good session signature uses up a call (§2.4).
      if (ok && m.isValidSignatureConsumes && sig.length === 4) bumpCallsUsed(ctx, sig[0]!);
      return [ok ? VALID : 0n];
    },
    execute_from_outside_v2: m.legacyOutsideExecution ? legacyExecuteFromOutside(m) : executeFromOutsideV2(m),
    is_valid_outside_execution_nonce: (ctx, args) => {
      const nonce = args.felt();
      return bool(
        m.legacyOutsideExecution ? ctx.read(legacyNonceField(nonce)) !== 1n : !isNonceUsed(ctx, nonce),
      );
    },
    supports_interface: (ctx, args) => bool(supportsInterface(ctx, args.felt())),
    ...publicKeyEntrypoints(),
    upgrade: (ctx, args) => {
      const classHash = args.felt();
      assertOnlySelf(ctx);
      if (classHash === 0n) panic('Class hash cannot be zero');
      ctx.replaceClass(classHash);
      ctx.emit([sel('Upgraded')], [classHash]);
      return [];
    },
    register_interfaces: (ctx) => {
      assertOnlySelf(ctx);
      registerInterface(ctx, SESSION_KEY_MANAGER_ID);
      return [];
    },
    add_or_update_session_key: addOrUpdateSessionKey,
    revoke_session_key: revokeSessionKey,
    set_spending_policy: setSpendingPolicy,
    remove_spending_policy: removeSpendingPolicy,
    ...sessionGetters,
    get_contract_info: () => [encodeShortString(m.contractInfo)],
  };
  for (const name of missingEntrypoints(m)) delete all[name];
  if (m.legacyOutsideExecution) {
    const feltHash: Handler = (ctx, args) => [
      outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, args.outsideExecution(), 'felt'),
    ];
    Object.assign(all, {
      get_nonce: (ctx: Ctx) => [ctx.tx.nonce],
      get_outside_execution_message_hash_rev_1: feltHash,
      get_outside_execution_message_hash: feltHash,
    });
  }
  return all;
}

const classes = new Map<SessionAccountVersion, ContractClass>();

/** The contract class of one session-account version (built once). */
export function sessionAccountClass(version: SessionAccountVersion): ContractClass {
  let cls = classes.get(version);
  if (!cls) {
    const m = SESSION_ACCOUNT_MODELS[version];
    cls = {
      name: `SessionAccount ${version}`,
      classHash: m.classHash,
      abi: sessionAccountAbi(m),
      entrypoints: sessionEntrypoints(m),
    };
    classes.set(version, cls);
  }
  return cls;
}

/** The constructor: owner key + the SRC-5 registrations of this version (the session id from v32). */
export function constructSessionAccount(
  ctx: Ctx,
  publicKey: bigint,
  version: SessionAccountVersion = 'v33',
): void {
  ctx.write('public_key', publicKey);
  registerInterface(ctx, ISRC6_ID);
  registerInterface(ctx, SRC9_V2_ID);
  if (SESSION_ACCOUNT_MODELS[version].registersSessionId) registerInterface(ctx, SESSION_KEY_MANAGER_ID);
}
