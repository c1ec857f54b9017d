import { toHex } from '../../core/felt.js';
import { TestnetUsageError } from '../errors.js';
import { parseFelt, sel } from './cairo.js';
import type { Chain, TransactionRecord } from './chain.js';
import { balanceOf } from './contracts/erc20.js';
import { readPlayer } from './contracts/game.js';
import { isNonceUsed } from './contracts/ozAccount.js';
import { readPolicy, readSession } from './contracts/sessionAccount.js';
import type { AccountRef, Testnet, TestnetTransaction } from './testnet.js';

/** A felt argument of a testnet helper, or TestnetUsageError naming the field. */
export function feltArg(value: string, field: string): bigint {
  const n = parseFelt(value);
  if (n === undefined) throw new TestnetUsageError(`${field} is not a felt.`, { details: value });
  return n;
}

type Views = Pick<
  Testnet,
  | 'getSessionData'
  | 'getSpendingPolicy'
  | 'balanceOf'
  | 'getNonce'
  | 'isOutsideNonceUsed'
  | 'gameState'
  | 'call'
  | 'transactions'
  | 'getTransaction'
  | 'lastTransaction'
>;

/** What a test reads off the chain directly (no RPC): session data, policies, balances, transactions. */
export function createViews(chain: Chain, resolve: (ref: AccountRef) => bigint, game: bigint): Views {
  const reader = (address: bigint) => ({ read: (f: string) => chain.world.read(address, f) });
  return {
    getSessionData(account, pk) {
      const view = reader(resolve(account));
      const key = feltArg(pk, 'sessionPublicKey');
      const s = readSession(view, key);
      const allowedEntrypoints: string[] = [];
      for (let i = 0n; i < s.allowedEntrypointsLen; i++) {
        allowedEntrypoints.push(toHex(view.read(`session:${key.toString(16)}:ep:${i}`)));
      }
      return {
        validUntil: Number(s.validUntil),
        maxCalls: Number(s.maxCalls),
        callsUsed: Number(s.callsUsed),
        allowedEntrypointsLen: Number(s.allowedEntrypointsLen),
        allowedEntrypoints,
      };
    },
    getSpendingPolicy(account, pk, token) {
      const p = readPolicy(reader(resolve(account)), feltArg(pk, 'sessionPublicKey'), resolve(token));
      return {
        maxPerCall: p.maxPerCall,
        maxPerWindow: p.maxPerWindow,
        windowSeconds: Number(p.windowSeconds),
        spentInWindow: p.spentInWindow,
        windowStart: Number(p.windowStart),
      };
    },
    balanceOf: (token, address) => balanceOf(chain.tokenStore(undefined, resolve(token)), resolve(address)),
    getNonce: (account) => chain.nonceOf(resolve(account)),
    isOutsideNonceUsed: (account, nonce) =>
      chain.asContract(resolve(account), (ctx) => isNonceUsed(ctx, feltArg(nonce, 'nonce'))),
    gameState: (player) => readPlayer(reader(game), resolve(player)),
    call(contract, entrypoint, calldata = []) {
      const selector = /^0x[0-9a-f]+$/i.test(entrypoint)
        ? feltArg(entrypoint, 'entrypoint')
        : sel(entrypoint);
      const args = calldata.map((v) => feltArg(String(v), 'calldata'));
      const out = chain.call(resolve(contract), selector, args);
      if (!out.ok) throw new TestnetUsageError(`The view ${entrypoint} reverted.`, { details: out.reason });
      return out.retdata.map(toHex);
    },
    transactions: () => [...chain.transactions.values()].map(txView),
    getTransaction(h) {
      const r = chain.transactions.get(feltArg(h, 'hash'));
      return r ? txView(r) : undefined;
    },
    lastTransaction() {
      const last = [...chain.transactions.values()].at(-1);
      return last ? txView(last) : undefined;
    },
  };
}

function txView(r: TransactionRecord): TestnetTransaction {
  return {
    hash: toHex(r.hash),
    sender: toHex(r.transaction.senderAddress),
    nonce: r.transaction.nonce,
    blockNumber: r.blockNumber,
    status: r.status,
    revertReason: r.revertReason,
    calldata: r.transaction.calldata.map(toHex),
    signature: r.transaction.signature.map(toHex),
    events: r.events.map((e) => ({
      fromAddress: toHex(e.fromAddress),
      keys: e.keys.map(toHex),
      data: e.data.map(toHex),
    })),
    innerCalls: r.innerCalls.map((c) => ({ ...c })),
    fee: r.actualFee,
  };
}
