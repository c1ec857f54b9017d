/**
 * A small game, so that examples and stories look like a real dApp: `attack`, `move`,
 * `claim_reward` (the game pays STRK from its treasury: a nested ERC-20 call) and `buy_item`
 * (pulls STRK with transfer_from: needs an `approve` first, which spending policies count).
 */
import { panic, sel, snKeccak, u256 } from '../cairo.js';
import type { ContractClass, Ctx, Handler } from '../types.js';
import { COMMON_STRUCTS, fn, iface, T } from './abi.js';

/** STRK (18 decimals) paid per point of score by claim_reward. */
export const REWARD_PER_POINT = 10n ** 15n;
/** Price of item `id` in STRK: (id + 1) STRK. */
export const itemPrice = (id: bigint) => (id + 1n) * 10n ** 18n;
export const BOARD_SIZE = 100n;

const field = (player: bigint, f: string) => `player:${player.toString(16)}:${f}`;

export interface PlayerState {
  x: number;
  y: number;
  score: bigint;
  attacks: number;
  items: Record<number, number>;
}

export function readPlayer(
  store: Pick<Ctx, 'read'>,
  player: bigint,
  itemIds: readonly number[] = [0, 1, 2],
): PlayerState {
  const items: Record<number, number> = {};
  for (const id of itemIds) items[id] = Number(store.read(field(player, `item:${id}`)));
  return {
    x: Number(store.read(field(player, 'x'))),
    y: Number(store.read(field(player, 'y'))),
    score: store.read(field(player, 'score')),
    attacks: Number(store.read(field(player, 'attacks'))),
    items,
  };
}

const attack: Handler = (ctx, args) => {
  const target = args.felt();
  if (target === 0n) panic('Game: invalid target');
  const player = ctx.caller;
  const damage = 10n;
  ctx.write(field(player, 'score'), ctx.read(field(player, 'score')) + damage);
  ctx.write(field(player, 'attacks'), ctx.read(field(player, 'attacks')) + 1n);
  ctx.emit([sel('Attacked'), player], [target, damage]);
  return [damage];
};

const move: Handler = (ctx, args) => {
  const x = args.u32();
  const y = args.u32();
  if (x >= BOARD_SIZE || y >= BOARD_SIZE) panic('Game: out of bounds');
  ctx.write(field(ctx.caller, 'x'), x);
  ctx.write(field(ctx.caller, 'y'), y);
  ctx.emit([sel('Moved'), ctx.caller], [x, y]);
  return [];
};

const claimReward: Handler = (ctx) => {
  const player = ctx.caller;
  const score = ctx.read(field(player, 'score'));
  if (score === 0n) panic('Game: nothing to claim');
  const amount = score * REWARD_PER_POINT;
  ctx.write(field(player, 'score'), 0n);
  ctx.call(ctx.read('reward_token'), sel('transfer'), [player, ...u256(amount)]);
  ctx.emit([sel('RewardClaimed'), player], u256(amount));
  return u256(amount);
};

const buyItem: Handler = (ctx, args) => {
  const id = args.u32();
  const player = ctx.caller;
  ctx.call(ctx.read('reward_token'), sel('transfer_from'), [player, ctx.self, ...u256(itemPrice(id))]);
  const f = field(player, `item:${id}`);
  ctx.write(f, ctx.read(f) + 1n);
  ctx.emit([sel('ItemBought'), player], [id]);
  return [];
};

const entrypoints: Record<string, Handler> = {
  attack,
  move,
  claim_reward: claimReward,
  buy_item: buyItem,
  get_player: (ctx, args) => {
    const p = readPlayer(ctx, args.felt(), []);
    return [BigInt(p.x), BigInt(p.y), p.score, BigInt(p.attacks)];
  },
  get_item_count: (ctx, args) => {
    const player = args.felt();
    const id = args.u32();
    return [ctx.read(field(player, `item:${id}`))];
  },
};

let cls: ContractClass | undefined;

export function gameClass(): ContractClass {
  cls ??= {
    name: 'Game',
    classHash: snKeccak('starknet-sessions:testnet:Game'),
    abi: [
      ...COMMON_STRUCTS,
      ...iface('GameImpl', 'testnet::game::IGame', [
        fn('attack', [['target', T.felt]], [T.felt]),
        fn('move', [
          ['x', T.u32],
          ['y', T.u32],
        ]),
        fn('claim_reward', [], [T.u256]),
        fn('buy_item', [['item_id', T.u32]]),
        fn('get_player', [['player', T.address]], [T.u32, T.u32, T.felt, T.u32], true),
        fn(
          'get_item_count',
          [
            ['player', T.address],
            ['item_id', T.u32],
          ],
          [T.felt],
          true,
        ),
      ]),
    ],
    entrypoints,
  };
  return cls;
}

export function constructGame(ctx: Pick<Ctx, 'write'>, rewardToken: bigint): void {
  ctx.write('reward_token', rewardToken);
}
