/**
 * An OpenZeppelin-style account without session support: the "older account" a dApp must detect
 * and refuse. Variants: with or without SNIP-9 v2, and with a supports_interface that answers,
 * reverts, or does not exist (detection must read a revert as "no").
 */
import { bool, type CairoOutsideExecution, panic, snKeccak, VALID } from '../cairo.js';
import { outsideExecutionMessageHash } from '../snip12.js';
import type { ContractClass, Ctx, Handler } from '../types.js';
import {
  COMMON_STRUCTS,
  fn,
  iface,
  isValidSignatureFn,
  outsideExecutionV2Fns,
  PUBLIC_KEY_FNS,
  SRC6_FNS,
  T,
} from './abi.js';
import {
  ANY_CALLER,
  executeCallsAtomic,
  ISRC6_ID,
  isNonceUsed,
  isValidOwnerSignature,
  publicKeyEntrypoints,
  registerInterface,
  SRC9_V2_ID,
  supportsInterface,
  useNonce,
  validateTransaction,
} from './ozAccount.js';

export type LegacySrc5Behaviour = 'answers' | 'reverts' | 'missing';

export interface LegacyAccountVariant {
  /** Has execute_from_outside_v2 and registers the SRC9 v2 interface (default true). */
  snip9?: boolean;
  /** How supports_interface behaves (default 'answers'). */
  supportsInterface?: LegacySrc5Behaviour;
}

const executeOwnerOnly: Handler = (ctx, args) => {
  const calls = args.calls();
  if (ctx.caller !== 0n) panic('Account: invalid caller');
  return executeCallsAtomic(ctx, calls);
};

const validateOwnerOnly: Handler = (ctx, args) => {
  args.calls();
  return validateTransaction(ctx);
};

/** OZ SRC9 v2: owner signature over the u128 message hash only, atomic execution. */
const executeFromOutsideV2: Handler = (ctx, args) => {
  const oe: CairoOutsideExecution = args.outsideExecution();
  const sig = args.feltArray();
  if (oe.caller !== ANY_CALLER && ctx.caller !== oe.caller) panic('SRC9: invalid caller');
  if (!(oe.executeAfter < ctx.timestamp)) panic('SRC9: now <= execute_after');
  if (!(ctx.timestamp < oe.executeBefore)) panic('SRC9: now >= execute_before');
  if (isNonceUsed(ctx, oe.nonce)) panic('SRC9: duplicated nonce');
  useNonce(ctx, oe.nonce);
  const hash = outsideExecutionMessageHash(ctx.self, ctx.tx.chainId, oe, 'u128');
  if (!isValidOwnerSignature(ctx, hash, sig)) panic('SRC9: invalid signature');
  return executeCallsAtomic(ctx, oe.calls);
};

const classes = new Map<string, ContractClass>();

/** The class of a legacy-account variant (one instance per variant). */
export function legacyAccountClass(variant: LegacyAccountVariant = {}): ContractClass {
  const snip9 = variant.snip9 ?? true;
  const src5 = variant.supportsInterface ?? 'answers';
  const label = `LegacyAccount${snip9 ? '+SNIP9' : ''}:src5-${src5}`;
  const cached = classes.get(label);
  if (cached) return cached;

  const isValidSignature: Handler = (ctx, args) => {
    const hash = args.felt();
    const sig = args.feltArray();
    return [isValidOwnerSignature(ctx, hash, sig) ? VALID : 0n];
  };
  const entrypoints: Record<string, Handler> = {
    __validate__: validateOwnerOnly,
    __execute__: executeOwnerOnly,
    is_valid_signature: isValidSignature,
    isValidSignature,
    ...publicKeyEntrypoints(),
  };
  if (src5 === 'answers')
    entrypoints.supports_interface = (ctx, args) => bool(supportsInterface(ctx, args.felt()));
  if (src5 === 'reverts') {
    entrypoints.supports_interface = (_ctx, args) => {
      args.felt();
      return panic('SRC5: not implemented');
    };
  }
  if (snip9) {
    entrypoints.execute_from_outside_v2 = executeFromOutsideV2;
    entrypoints.is_valid_outside_execution_nonce = (ctx, args) => bool(!isNonceUsed(ctx, args.felt()));
  }

  const items = [...SRC6_FNS, isValidSignatureFn('isValidSignature'), ...PUBLIC_KEY_FNS];
  if (src5 !== 'missing') items.push(fn('supports_interface', [['interface_id', T.felt]], [T.bool], true));
  if (snip9) items.push(...outsideExecutionV2Fns('OutsideExecution'));
  const cls: ContractClass = {
    name: label,
    // Synthetic: no deployed class is modelled here, only its behaviour.
    classHash: snKeccak(`starknet-sessions:testnet:${label}`),
    abi: [...COMMON_STRUCTS, ...iface('AccountImpl', 'openzeppelin::account::interface::AccountABI', items)],
    entrypoints,
  };
  classes.set(label, cls);
  return cls;
}

export function constructLegacyAccount(
  ctx: Ctx,
  publicKey: bigint,
  variant: LegacyAccountVariant = {},
): void {
  ctx.write('public_key', publicKey);
  registerInterface(ctx, ISRC6_ID);
  if (variant.snip9 ?? true) registerInterface(ctx, SRC9_V2_ID);
}
