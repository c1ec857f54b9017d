/**
 * Model of the v33 session account (chipi-pay/sessions-smart-contract), written from
 * spec/session-keys.md §1–§7: validation order, error strings, storage semantics, events.
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
import { COMMON_STRUCTS, event, fn, iface, struct, T } from './abi.js';
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

/** Mainnet class hash of v33, so class-hash based detection sees the real value. */
export const SESSION_ACCOUNT_V33_CLASS_HASH =
  0x0484bbd2404b3c7264bea271f7267d6d4004821ac7787a9eed7f472e79ef40d1n;
export const SESSION_KEY_MANAGER_ID = 0x037ab4f01106526662a612eaa2926df2aa314c4144b964f183805880bbcfa55dn;

/** §4.5: the nine selectors no session may call, on any contract. */
const BLOCKLIST = [
  'upgrade',
  'add_or_update_session_key',
  'revoke_session_key',
  '__execute__',
  'set_public_key',
  'setPublicKey',
  'execute_from_outside_v2',
  'set_spending_policy',
  'remove_spending_policy',
] as const;

/** §7: selectors whose calldata[1..2] amount the spending policy counts. */
const TRACKED = ['transfer', 'approve', 'increase_allowance', 'increaseAllowance'] as const;

const isBlocked = (selector: bigint) => BLOCKLIST.some((name) => sel(name) === selector);
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

/** §4.1 step 3.3 `is_session_allowed_for_calls`, in the contract's order. */
function isSessionAllowedForCalls(ctx: Ctx, pk: bigint, calls: readonly CairoCall[]): boolean {
  const s = readSession(ctx, pk);
  if (s.validUntil === 0n) return false; // missing or revoked
  if (ctx.timestamp > s.validUntil) return false;
  if (s.callsUsed >= s.maxCalls) return false;
  if (calls.some((c) => isBlocked(c.selector))) return false;
  if (s.allowedEntrypointsLen === 0n) return !calls.some((c) => c.to === ctx.self);
  const allowed: bigint[] = [];
  for (let i = 0n; i < s.allowedEntrypointsLen; i++) allowed.push(ctx.read(entrypointField(pk, i)));
  return calls.every((c) => allowed.includes(c.selector));
}

/** §3.3: the account's internal is_valid_signature (owner [r, s] or session [pk, r, s, valid_until]). */
function isValidSignature(ctx: Ctx, hash: bigint, sig: readonly bigint[]): boolean {
  if (sig.length === 2) return isValidOwnerSignature(ctx, hash, sig);
  if (sig.length !== 4) return false;
  const [pk, r, s, sigValidUntil] = sig as [bigint, bigint, bigint, bigint];
  if (sigValidUntil > U64_MAX) return false;
  if (ctx.timestamp > sigValidUntil) return false;
  const session = readSession(ctx, pk);
  if (session.validUntil === 0n || ctx.timestamp > session.validUntil) return false;
  if (session.callsUsed >= session.maxCalls) return false;
  return checkEcdsaSignature(hash, pk, r, s);
}

function bumpCallsUsed(ctx: Ctx, pk: bigint): void {
  const f = sessionField(pk, 'calls_used');
  ctx.write(f, ctx.read(f) + 1n);
}

/** §7 `check_and_update_spending`: per-call cap, tumbling window anchored at the last reset. */
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

const validate: Handler = (ctx, args) => {
  const calls = args.calls();
  const sig = ctx.tx.signature;
  if (sig.length === 0) return [ctx.caller === ctx.self ? VALID : 0n];
  if (sig.length === 2) return validateTransaction(ctx);
  if (sig.length !== 4) return [0n];
  const [pk, r, s, validUntil] = sig as [bigint, bigint, bigint, bigint];
  if (validUntil > U64_MAX) return [0n];
  if (ctx.timestamp > validUntil) return [0n];
  if (!isSessionAllowedForCalls(ctx, pk, calls)) return [0n];
  const hash = sessionMessageHash(ctx.self, ctx.tx.chainId, ctx.tx.nonce, validUntil, calls);
  if (!checkEcdsaSignature(hash, pk, r, s)) return [0n];
  bumpCallsUsed(ctx, pk); // one per transaction, whatever the number of calls
  return [VALID];
};

const execute: Handler = (ctx, args) => {
  const calls = args.calls();
  if (ctx.caller !== 0n && ctx.caller !== ctx.self) panic('Account: unauthorized caller');
  const sig = ctx.tx.signature;
  if (sig.length === 4) checkAndUpdateSpending(ctx, sig[0]!, calls);
  return executeCalls(ctx, calls);
};

const executeFromOutsideV2: Handler = (ctx, args) => {
  const oe: CairoOutsideExecution = args.outsideExecution();
  const sig = args.feltArray();
  if (oe.caller !== 0n && oe.caller !== ANY_CALLER && ctx.caller !== oe.caller) panic('SRC9: invalid caller');
  const now = ctx.timestamp;
  if (!(oe.executeAfter < now)) panic('SRC9: now <= execute_after');
  if (!(now < oe.executeBefore)) panic('SRC9: now >= execute_before');
  if (isNonceUsed(ctx, oe.nonce)) panic('SRC9: duplicated nonce');
  useNonce(ctx, oe.nonce);
  const isSession = sig.length === 4;
  if (isSession) {
    const sigValidUntil = sig[3]!;
    if (sigValidUntil > U64_MAX) panic('Session: invalid timestamp');
    if (sigValidUntil > readSession(ctx, sig[0]!).validUntil) panic('Session: valid_until exceeded');
    if (!isSessionAllowedForCalls(ctx, sig[0]!, oe.calls)) panic('Session: unauthorized selector');
  }
  const u128Hash = outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, oe, 'u128');
  if (!isValidSignature(ctx, u128Hash, sig)) {
    const feltHash = outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, oe, 'felt');
    if (!isValidSignature(ctx, feltHash, sig)) panic('SRC9: invalid signature');
  }
  if (isSession) {
    bumpCallsUsed(ctx, sig[0]!); // after verification (audit 2 #3)
    checkAndUpdateSpending(ctx, sig[0]!, oe.calls);
  }
  return executeCalls(ctx, oe.calls);
};

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

const entrypoints: Record<string, Handler> = {
  __validate__: validate,
  __execute__: execute,
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
  is_valid_signature: (ctx, args) => {
    const hash = args.felt();
    const sig = args.feltArray();
    return [isValidSignature(ctx, hash, sig) ? VALID : 0n];
  },
  execute_from_outside_v2: executeFromOutsideV2,
  is_valid_outside_execution_nonce: (ctx, args) => bool(!isNonceUsed(ctx, args.felt())),
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
  set_spending_policy: setSpendingPolicy,
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
  remove_spending_policy: removeSpendingPolicy,
  get_contract_info: () => [encodeShortString('v33')],
  get_snip9_version: () => [2n],
  compute_session_message_hash: (ctx, args) => {
    const calls = args.calls();
    const validUntil = args.u64();
    return [sessionMessageHash(ctx.self, ctx.tx.chainId, ctx.tx.nonce, validUntil, calls)];
  },
};

const SESSION_STRUCTS = [
  struct('session_account::session_key::interface::SessionData', [
    ['valid_until', T.u64],
    ['max_calls', T.u32],
    ['calls_used', T.u32],
    ['allowed_entrypoints_len', T.u32],
  ]),
  struct('session_account::session_key::spending_policy::interface::SpendingPolicy', [
    ['max_per_call', T.u256],
    ['max_per_window', T.u256],
    ['window_seconds', T.u64],
    ['spent_in_window', T.u256],
    ['window_start', T.u64],
  ]),
  struct('openzeppelin_account::extensions::src9::interface::OutsideExecution', [
    ['caller', T.address],
    ['nonce', T.felt],
    ['execute_after', T.u64],
    ['execute_before', T.u64],
    ['calls', 'core::array::Span::<core::starknet::account::Call>'],
  ]),
];

const abi = [
  ...COMMON_STRUCTS,
  ...SESSION_STRUCTS,
  ...iface('AccountImpl', 'openzeppelin_account::interface::ISRC6', [
    fn('__execute__', [['calls', T.calls]], [T.spans]),
    fn('__validate__', [['calls', T.calls]], [T.felt]),
    fn(
      'is_valid_signature',
      [
        ['hash', T.felt],
        ['signature', T.feltArray],
      ],
      [T.felt],
      true,
    ),
  ]),
  ...iface('DeclarerImpl', 'openzeppelin_account::interface::IDeclarer', [
    fn('__validate_declare__', [['class_hash', T.felt]], [T.felt]),
  ]),
  ...iface('DeployableImpl', 'openzeppelin_account::interface::IDeployable', [
    fn(
      '__validate_deploy__',
      [
        ['class_hash', T.felt],
        ['contract_address_salt', T.felt],
        ['public_key', T.felt],
      ],
      [T.felt],
    ),
  ]),
  ...iface('PublicKeyImpl', 'openzeppelin_account::interface::IPublicKey', [
    fn('get_public_key', [], [T.felt], true),
    fn('set_public_key', [
      ['new_public_key', T.felt],
      ['signature', T.feltSpan],
    ]),
  ]),
  ...iface('PublicKeyCamelImpl', 'openzeppelin_account::interface::IPublicKeyCamel', [
    fn('getPublicKey', [], [T.felt], true),
    fn('setPublicKey', [
      ['newPublicKey', T.felt],
      ['signature', T.feltSpan],
    ]),
  ]),
  ...iface('SRC5Impl', 'openzeppelin_introspection::interface::ISRC5', [
    fn('supports_interface', [['interface_id', T.felt]], [T.bool], true),
  ]),
  ...iface('SRC9V2Impl', 'openzeppelin_account::extensions::src9::interface::ISRC9_V2', [
    fn(
      'execute_from_outside_v2',
      [
        ['outside_execution', 'openzeppelin_account::extensions::src9::interface::OutsideExecution'],
        ['signature', T.feltSpan],
      ],
      [T.spans],
    ),
    fn('is_valid_outside_execution_nonce', [['nonce', T.felt]], [T.bool], true),
  ]),
  ...iface('SessionKeyImpl', 'session_account::session_key::interface::ISessionKeyManager', [
    fn('add_or_update_session_key', [
      ['session_key', T.felt],
      ['valid_until', T.u64],
      ['max_calls', T.u32],
      ['allowed_entrypoints', T.feltArray],
    ]),
    fn('revoke_session_key', [['session_key', T.felt]]),
    fn(
      'get_session_data',
      [['session_key', T.felt]],
      ['session_account::session_key::interface::SessionData'],
      true,
    ),
  ]),
  ...iface(
    'SpendingPolicyImpl',
    'session_account::session_key::spending_policy::interface::ISessionSpendingPolicy',
    [
      fn('set_spending_policy', [
        ['session_key', T.felt],
        ['token', T.address],
        ['max_per_call', T.u256],
        ['max_per_window', T.u256],
        ['window_seconds', T.u64],
      ]),
      fn(
        'get_spending_policy',
        [
          ['session_key', T.felt],
          ['token', T.address],
        ],
        ['session_account::session_key::spending_policy::interface::SpendingPolicy'],
        true,
      ),
      fn('remove_spending_policy', [
        ['session_key', T.felt],
        ['token', T.address],
      ]),
    ],
  ),
  fn('upgrade', [['new_class_hash', T.classHash]]),
  fn('register_interfaces', []),
  fn('get_contract_info', [], [T.felt], true),
  fn('get_snip9_version', [], [T.u8], true),
  fn(
    'compute_session_message_hash',
    [
      ['calls', T.calls],
      ['valid_until', T.u64],
    ],
    [T.felt],
    true,
  ),
  fn('get_session_allowed_entrypoints_len', [['session_key', T.felt]], [T.u32], true),
  fn(
    'get_session_allowed_entrypoint_at',
    [
      ['session_key', T.felt],
      ['index', T.u32],
    ],
    [T.felt],
    true,
  ),
  event('session_account::session_key::component::SessionKeyComponent::SessionKeyAdded', [
    ['session_key', T.felt, 'key'],
    ['valid_until', T.u64, 'data'],
    ['max_calls', T.u32, 'data'],
  ]),
  event('session_account::session_key::component::SessionKeyComponent::SessionKeyRevoked', [
    ['session_key', T.felt, 'key'],
  ]),
  { type: 'constructor', name: 'constructor', inputs: [{ name: 'public_key', type: T.felt }] },
];

export const sessionAccountV33: ContractClass = {
  name: 'SessionAccount v33',
  classHash: SESSION_ACCOUNT_V33_CLASS_HASH,
  abi,
  entrypoints,
};

/** The v33 constructor: owner key + the three SRC-5 registrations. */
export function constructSessionAccount(ctx: Ctx, publicKey: bigint): void {
  ctx.write('public_key', publicKey);
  registerInterface(ctx, ISRC6_ID);
  registerInterface(ctx, SRC9_V2_ID);
  registerInterface(ctx, SESSION_KEY_MANAGER_ID);
}
