/** An OpenZeppelin-style ERC-20 (balances, transfer, approve, allowances, both name casings). */
import { encodeShortString } from '../../../core/felt.js';
import { bool, panic, sel, snKeccak, u256 } from '../cairo.js';
import type { ContractClass, Ctx, Handler } from '../types.js';
import { COMMON_STRUCTS, fn, iface, T } from './abi.js';

type Store = Pick<Ctx, 'read' | 'write' | 'emit'>;

const balanceField = (a: bigint) => `balance:${a.toString(16)}`;
const allowanceField = (o: bigint, s: bigint) => `allowance:${o.toString(16)}:${s.toString(16)}`;

export function balanceOf(store: Pick<Ctx, 'read'>, account: bigint): bigint {
  return store.read(balanceField(account));
}

/** Moves tokens and emits Transfer(from, to, value), as OZ `_transfer` does. */
export function transferTokens(store: Store, from: bigint, to: bigint, amount: bigint): void {
  if (from === 0n) panic('ERC20: transfer from 0');
  if (to === 0n) panic('ERC20: transfer to 0');
  const fromBalance = store.read(balanceField(from));
  if (fromBalance < amount) panic('ERC20: insufficient balance');
  store.write(balanceField(from), fromBalance - amount);
  store.write(balanceField(to), store.read(balanceField(to)) + amount);
  store.emit([sel('Transfer'), from, to], u256(amount));
}

export function mintTokens(store: Store, to: bigint, amount: bigint): void {
  store.write('total_supply', store.read('total_supply') + amount);
  store.write(balanceField(to), store.read(balanceField(to)) + amount);
  store.emit([sel('Transfer'), 0n, to], u256(amount));
}

function approveTokens(store: Store, owner: bigint, spender: bigint, amount: bigint): void {
  if (owner === 0n) panic('ERC20: approve from 0');
  if (spender === 0n) panic('ERC20: approve to 0');
  store.write(allowanceField(owner, spender), amount);
  store.emit([sel('Approval'), owner, spender], u256(amount));
}

const transfer: Handler = (ctx, args) => {
  const recipient = args.felt();
  const amount = args.u256();
  transferTokens(ctx, ctx.caller, recipient, amount);
  return bool(true);
};

const transferFrom: Handler = (ctx, args) => {
  const sender = args.felt();
  const recipient = args.felt();
  const amount = args.u256();
  const current = ctx.read(allowanceField(sender, ctx.caller));
  if (current < amount) panic('ERC20: insufficient allowance');
  ctx.write(allowanceField(sender, ctx.caller), current - amount);
  transferTokens(ctx, sender, recipient, amount);
  return bool(true);
};

const approve: Handler = (ctx, args) => {
  const spender = args.felt();
  const amount = args.u256();
  approveTokens(ctx, ctx.caller, spender, amount);
  return bool(true);
};

const increaseAllowance: Handler = (ctx, args) => {
  const spender = args.felt();
  const added = args.u256();
  approveTokens(ctx, ctx.caller, spender, ctx.read(allowanceField(ctx.caller, spender)) + added);
  return bool(true);
};

const decreaseAllowance: Handler = (ctx, args) => {
  const spender = args.felt();
  const subtracted = args.u256();
  const current = ctx.read(allowanceField(ctx.caller, spender));
  if (current < subtracted) panic('ERC20: insufficient allowance');
  approveTokens(ctx, ctx.caller, spender, current - subtracted);
  return bool(true);
};

const totalSupply: Handler = (ctx) => u256(ctx.read('total_supply'));
const balance: Handler = (ctx, args) => u256(balanceOf(ctx, args.felt()));

const entrypoints: Record<string, Handler> = {
  name: (ctx) => [ctx.read('name')],
  symbol: (ctx) => [ctx.read('symbol')],
  decimals: (ctx) => [ctx.read('decimals')],
  total_supply: totalSupply,
  totalSupply,
  balance_of: balance,
  balanceOf: balance,
  allowance: (ctx, args) => {
    const owner = args.felt();
    const spender = args.felt();
    return u256(ctx.read(allowanceField(owner, spender)));
  },
  transfer,
  transfer_from: transferFrom,
  transferFrom,
  approve,
  increase_allowance: increaseAllowance,
  increaseAllowance,
  decrease_allowance: decreaseAllowance,
  decreaseAllowance,
};

let cls: ContractClass | undefined;

export function erc20Class(): ContractClass {
  cls ??= {
    name: 'ERC20',
    classHash: snKeccak('starknet-sessions:testnet:ERC20'),
    abi: [
      ...COMMON_STRUCTS,
      ...iface('ERC20Impl', 'openzeppelin::token::erc20::interface::IERC20', [
        fn('name', [], [T.felt], true),
        fn('symbol', [], [T.felt], true),
        fn('decimals', [], [T.u8], true),
        fn('total_supply', [], [T.u256], true),
        fn('balance_of', [['account', T.address]], [T.u256], true),
        fn(
          'allowance',
          [
            ['owner', T.address],
            ['spender', T.address],
          ],
          [T.u256],
          true,
        ),
        fn(
          'transfer',
          [
            ['recipient', T.address],
            ['amount', T.u256],
          ],
          [T.bool],
        ),
        fn(
          'transfer_from',
          [
            ['sender', T.address],
            ['recipient', T.address],
            ['amount', T.u256],
          ],
          [T.bool],
        ),
        fn(
          'approve',
          [
            ['spender', T.address],
            ['amount', T.u256],
          ],
          [T.bool],
        ),
        fn(
          'increase_allowance',
          [
            ['spender', T.address],
            ['added_value', T.u256],
          ],
          [T.bool],
        ),
        fn(
          'decrease_allowance',
          [
            ['spender', T.address],
            ['subtracted_value', T.u256],
          ],
          [T.bool],
        ),
      ]),
      ...iface('ERC20CamelImpl', 'openzeppelin::token::erc20::interface::IERC20Camel', [
        fn('totalSupply', [], [T.u256], true),
        fn('balanceOf', [['account', T.address]], [T.u256], true),
        fn(
          'transferFrom',
          [
            ['sender', T.address],
            ['recipient', T.address],
            ['amount', T.u256],
          ],
          [T.bool],
        ),
        fn(
          'increaseAllowance',
          [
            ['spender', T.address],
            ['addedValue', T.u256],
          ],
          [T.bool],
        ),
        fn(
          'decreaseAllowance',
          [
            ['spender', T.address],
            ['subtractedValue', T.u256],
          ],
          [T.bool],
        ),
      ]),
    ],
    entrypoints,
  };
  return cls;
}

export function constructErc20(
  ctx: Pick<Ctx, 'write'>,
  name: string,
  symbol: string,
  decimals: number,
): void {
  ctx.write('name', encodeShortString(name));
  ctx.write('symbol', encodeShortString(symbol));
  ctx.write('decimals', BigInt(decimals));
}
