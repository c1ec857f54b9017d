// The demo's game: what the session may do, and how its actions read in the UI.
import type { SessionPolicy } from 'starknet-sessions';

export const APP_NAME = 'Dragon Arena';

/** The session the demo asks for: three game actions, one hour, twenty transactions. */
export function gamePolicy(game: string | undefined): SessionPolicy {
  const on = { contractAddress: game, contractLabel: APP_NAME };
  return {
    actions: [
      { entrypoint: 'attack', label: 'Attack a monster', ...on },
      { entrypoint: 'move', label: 'Move your hero', ...on },
      { entrypoint: 'claim_reward', label: 'Claim your reward in STRK', ...on },
    ],
    durationSeconds: 3600,
    maxCalls: 20,
  };
}

const ACTION_LABELS: Record<string, string> = {
  attack: 'Attack',
  move: 'Move',
  claim_reward: 'Claim reward',
};

export const actionLabel = (entrypoint: string) => ACTION_LABELS[entrypoint] ?? entrypoint;

/** The monster every attack hits (any non-zero felt). */
export const MONSTER_ID = '0x1';

/** Moves walk the board in a fixed pattern, wrapping at the edge (the board is 100 x 100, drawn as 10 x 10 tiles). */
export const nextPosition = (x: number, y: number): [number, number] => [(x + 13) % 100, (y + 21) % 100];

/** STRK per point of score paid by claim_reward (the game's rate). */
export const STRK_PER_POINT = 10n ** 15n;

export const shortHex = (hex: string, head = 6, tail = 4) =>
  hex.length > head + tail + 1 ? `${hex.slice(0, head)}…${hex.slice(-tail)}` : hex;

/** 1 STRK = 10^18 base units; shown with up to 3 decimals. */
export function formatStrk(amount: bigint): string {
  const whole = amount / 10n ** 18n;
  const milli = (amount % 10n ** 18n) / 10n ** 15n;
  const int = whole.toLocaleString('en-US');
  return milli === 0n ? int : `${int}.${milli.toString().padStart(3, '0').replace(/0+$/, '')}`;
}
