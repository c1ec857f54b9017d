import { useAccount, useProvider } from '@starknet-react/core';
import { useIsMutating, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isSessionError, useSession, useSessionExecute } from 'starknet-sessions';
import {
  APP_NAME,
  actionLabel,
  formatStrk,
  MONSTER_ID,
  nextPosition,
  STRK_PER_POINT,
  shortHex,
} from '../game.js';
import type { DemoSetup } from '../setup.js';
import { useWalletAsking } from '../walletAsking.js';
import { HeroMark, MonsterMark } from './icons.js';

interface Player {
  x: number;
  y: number;
  score: bigint;
  attacks: number;
}

type Outcome =
  | { kind: 'success'; text: string; hash: string }
  | { kind: 'error'; text: string; hint: string | undefined };

// What to do next, for the refusals a visitor can cause.
const HINTS: Record<string, string> = {
  SESSION_REVOKED: 'Start a new session to keep playing.',
  SESSION_EXPIRED: 'Start a new session to keep playing.',
  CALL_LIMIT_REACHED: 'Start a new session to keep playing.',
  SESSION_KEY_MISSING: 'Start a new session on this device.',
};

const MONSTER = { x: 7, y: 2 };

const CHIP: Record<string, string> = {
  none: 'No session',
  pending: 'Session confirming on the network',
  expired: 'Session expired',
  exhausted: 'Session used up',
  revoked: 'Session revoked',
};

/** The game: every button sends a real transaction, signed by the session key, no wallet prompt. */
export function GamePanel({ setup }: { setup: DemoSetup }) {
  const { address, status } = useAccount();
  const { provider } = useProvider();
  const queryClient = useQueryClient();
  const exec = useSessionExecute();
  const session = useSession().data;
  const inFlight = useIsMutating({ mutationKey: ['executeWithSession'] });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const game = setup.game;
  const connected = status === 'connected' && Boolean(address);
  const walletAsking = useWalletAsking(setup);

  const player = useQuery({
    queryKey: ['demo-player', game, address],
    enabled: Boolean(game && address),
    queryFn: async (): Promise<Player> => {
      const out = await provider.callContract({
        contractAddress: game as string,
        entrypoint: 'get_player',
        calldata: [address as string],
      });
      const [x = '0', y = '0', score = '0', attacks = '0'] = out;
      return { x: Number(x), y: Number(y), score: BigInt(score), attacks: Number(attacks) };
    },
  });
  const me = player.data ?? { x: 0, y: 0, score: 0n, attacks: 0 };

  const act = async (entrypoint: string, calldata: string[]) => {
    if (!game) return;
    try {
      const result = await exec.executeAsync([{ contractAddress: game, entrypoint, calldata }], {
        waitForReceipt: true,
      });
      const how =
        result.via === 'paymaster'
          ? 'no wallet prompt, gas sponsored'
          : result.via === 'direct'
            ? 'no wallet prompt, gas paid by your account'
            : 'sent through your wallet';
      setOutcome({
        kind: 'success',
        text: `${actionLabel(entrypoint)} confirmed: ${how}.`,
        hash: result.transactionHash,
      });
    } catch (error) {
      const code = isSessionError(error) ? error.code : undefined;
      const text = isSessionError(error) ? error.shortMessage : 'The action failed.';
      setOutcome({ kind: 'error', text, hint: code ? HINTS[code] : undefined });
    } finally {
      // Re-read the chain once the transaction settled: the game's state, and the session's count
      // (the optimistic one can run ahead while several actions are in flight).
      void queryClient.invalidateQueries({ queryKey: ['demo-player'] });
      void queryClient.invalidateQueries({ queryKey: ['sessionState'] });
    }
  };

  const [nx, ny] = nextPosition(me.x, me.y);
  const live = session?.status === 'active' || session?.status === 'expiring';
  const reward = me.score * STRK_PER_POINT;
  // The board is 100 x 100 drawn as 10 x 10 tiles: the hero's tile, counted from 1 as on screen.
  const tile = { x: Math.floor(me.x / 10), y: Math.floor(me.y / 10) };
  // Without a live session an action would fail (or prompt): the buttons wait, and say why.
  const playable = connected && Boolean(game) && live;
  const why = !game
    ? 'No game contract on this network: set VITE_GAME_ADDRESS (see demo/README.md).'
    : !connected
      ? 'Connect your wallet to play.'
      : walletAsking
        ? 'Answer the request in your wallet first.'
        : session?.status === 'pending'
          ? 'Your session is being confirmed on the network: the buttons unlock in a moment.'
          : session?.status && session.status !== 'none'
            ? `${CHIP[session.status] ?? 'No session'}: start a new session to keep playing.`
            : 'Start a session to play: one approval in your wallet, then no prompts.';

  return (
    <section
      className="demo-card demo-game"
      aria-labelledby="demo-game-title"
      aria-busy={inFlight > 0 || undefined}
    >
      <header className="demo-card__header">
        <div>
          <h2 id="demo-game-title" className="demo-card__title">
            {APP_NAME}
          </h2>
          <p className="ss-muted">Each button sends a Starknet transaction to the game contract.</p>
        </div>
        <span className={`demo-chip${live ? ' demo-chip--live' : ''}`}>
          {live
            ? 'Session active: no prompts'
            : walletAsking
              ? 'Waiting for your wallet'
              : (CHIP[session?.status ?? 'none'] ?? 'No session')}
        </span>
      </header>

      <div className="demo-game__body">
        <Board hero={tile} />
        <dl className="demo-stats">
          <Stat label="Score" value={me.score.toLocaleString('en-US')} />
          <Stat label="Attacks" value={String(me.attacks)} />
          <Stat label="Position" value={`${tile.x + 1}, ${tile.y + 1}`} />
          <Stat label="Reward" value={formatStrk(reward)} unit="STRK" />
        </dl>
      </div>

      <fieldset
        className="demo-actions"
        aria-label="Actions"
        aria-describedby={playable ? undefined : 'demo-game-why'}
      >
        <button
          type="button"
          className="ss-button ss-button--primary demo-actions__main"
          disabled={!playable}
          onClick={() => void act('attack', [MONSTER_ID])}
        >
          Attack
        </button>
        <button
          type="button"
          className="ss-button ss-button--secondary"
          disabled={!playable}
          onClick={() => void act('move', [String(nx), String(ny)])}
        >
          Move
        </button>
        <button
          type="button"
          className="ss-button ss-button--secondary"
          disabled={!playable}
          onClick={() => void act('claim_reward', [])}
        >
          Claim reward
        </button>
      </fieldset>

      <div className="demo-game__feedback" aria-live="polite">
        {outcome?.kind === 'error' ? (
          <div className="ss-alert ss-alert--danger demo-outcome" role="alert">
            <p>
              <strong>Refused.</strong> {outcome.text} {outcome.hint}
            </p>
          </div>
        ) : null}
        {!playable ? (
          <p className="ss-muted demo-outcome" id="demo-game-why">
            {why}
          </p>
        ) : outcome?.kind === 'success' ? (
          <p className="demo-outcome demo-outcome--success">
            {outcome.text} <code title={outcome.hash}>{shortHex(outcome.hash, 8, 6)}</code>
          </p>
        ) : outcome ? null : (
          <p className="ss-muted demo-outcome">Go ahead: no wallet prompt will interrupt you.</p>
        )}
      </div>
    </section>
  );
}

function Stat({ label, value, unit }: { label: string; value: string; unit?: string }) {
  return (
    <div className="demo-stat">
      <dt>{label}</dt>
      <dd>
        {value}
        {unit ? <span className="demo-stat__unit"> {unit}</span> : null}
      </dd>
    </div>
  );
}

/** The 100 x 100 board, drawn as 10 x 10 tiles: the hero's tile and the monster's. */
function Board({ hero }: { hero: { x: number; y: number } }) {
  const cells = [];
  for (let y = 0; y < 10; y++) {
    for (let x = 0; x < 10; x++) {
      const isHero = x === hero.x && y === hero.y;
      const isMonster = x === MONSTER.x && y === MONSTER.y;
      cells.push(
        <span
          key={`${x}-${y}`}
          className={`demo-board__cell${isHero ? ' demo-board__cell--hero' : ''}${isMonster ? ' demo-board__cell--monster' : ''}`}
        >
          {isHero ? <HeroMark /> : isMonster ? <MonsterMark /> : null}
        </span>,
      );
    }
  }
  return (
    <div
      className="demo-board"
      role="img"
      aria-label={`Board: your hero is on tile ${hero.x + 1}, ${hero.y + 1}`}
    >
      {cells}
    </div>
  );
}
