// The demo's stand-in for a wallet extension's popup: the mock wallet asks `approve(request)`, the
// wallet panel shows the request, and the user's click on Confirm / Reject answers it.
import type { WalletRequest } from 'starknet-sessions/testing';

export interface WalletPromptCall {
  /** Who is called, as the wallet names it ("Your account", "Dragon Arena", "STRK", or a short address). */
  target: string;
  /** The entrypoint, in words when the wallet knows it. */
  action: string;
}

export interface WalletPrompt {
  id: number;
  type: string;
  title: string;
  calls: readonly WalletPromptCall[];
  /** For a signature request: what is signed. */
  message: string | undefined;
  /** Unix ms. */
  at: number;
}

export interface WalletHistoryItem extends WalletPrompt {
  approved: boolean;
}

export interface WalletBridgeSnapshot {
  /** Prompts shown to the user since the demo started (kept across reloads). */
  prompts: number;
  /** The request on screen, if any (later ones wait behind it). */
  pending: WalletPrompt | undefined;
  /** Newest first. */
  history: readonly WalletHistoryItem[];
}

export interface WalletBridge {
  /** The mock wallet's approve policy: resolves when the user answers in the panel. */
  approve(request: WalletRequest): Promise<boolean>;
  confirm(): void;
  reject(): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): WalletBridgeSnapshot;
  /** Forgets the count and the history. */
  reset(): void;
}

export interface WalletBridgeOptions {
  /** Keeps the count and history across reloads (the demo passes localStorage). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  storageKey?: string | undefined;
  /** Names a contract address for the prompt. */
  nameOf?: ((address: string) => string | undefined) | undefined;
}

const HISTORY_LIMIT = 6;

const ACTION_NAMES: Record<string, string> = {
  add_or_update_session_key: 'Add a session key',
  revoke_session_key: 'Revoke a session key',
  set_spending_policy: 'Set a spending cap',
  remove_spending_policy: 'Remove a spending cap',
  attack: 'Attack',
  move: 'Move',
  claim_reward: 'Claim reward',
};

const TITLES: Record<string, string> = {
  wallet_addInvokeTransaction: 'Confirm transaction',
  wallet_signTypedData: 'Sign message',
  wallet_requestAccounts: 'Connect to this site',
  wallet_addStarknetChain: 'Add a network',
  wallet_watchAsset: 'Add a token',
};

export const shortAddress = (address: string) =>
  address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;

interface Persisted {
  prompts: number;
  history: WalletHistoryItem[];
}

export function createWalletBridge(options: WalletBridgeOptions = {}): WalletBridge {
  const key = options.storageKey ?? 'starknet-sessions-demo:wallet';
  const saved = load(options.storage, key);
  let prompts = saved.prompts;
  let history = saved.history;
  let nextId = history.reduce((max, h) => Math.max(max, h.id), 0) + 1;
  const queue: { prompt: WalletPrompt; answer: (approved: boolean) => void }[] = [];
  const listeners = new Set<() => void>();
  let snapshot: WalletBridgeSnapshot = { prompts, pending: undefined, history };

  const emit = () => {
    snapshot = { prompts, pending: queue[0]?.prompt, history };
    try {
      options.storage?.setItem(key, JSON.stringify({ prompts, history } satisfies Persisted));
    } catch {
      // Storage full or blocked: the counter still works for this page.
    }
    for (const listener of listeners) listener();
  };

  const answer = (approved: boolean) => {
    const head = queue.shift();
    if (!head) return;
    history = [{ ...head.prompt, approved }, ...history].slice(0, HISTORY_LIMIT);
    emit();
    head.answer(approved);
  };

  return {
    approve(request) {
      const prompt = describe(nextId++, request, options.nameOf);
      prompts += 1;
      return new Promise<boolean>((resolve) => {
        queue.push({ prompt, answer: resolve });
        emit();
      });
    },
    confirm: () => answer(true),
    reject: () => answer(false),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    reset() {
      prompts = 0;
      history = [];
      emit();
    },
  };
}

function describe(id: number, request: WalletRequest, nameOf: WalletBridgeOptions['nameOf']): WalletPrompt {
  const params = (request.params ?? {}) as {
    calls?: { contract_address?: unknown; entry_point?: unknown }[];
    primaryType?: unknown;
    domain?: { name?: unknown };
  };
  const calls = Array.isArray(params.calls)
    ? params.calls.map((c) => {
        const address = String(c.contract_address ?? '');
        const entrypoint = String(c.entry_point ?? '');
        return {
          target: nameOf?.(address) ?? shortAddress(address),
          action: ACTION_NAMES[entrypoint] ?? entrypoint,
        };
      })
    : [];
  const message =
    request.type === 'wallet_signTypedData'
      ? [params.domain?.name, params.primaryType].filter((p) => typeof p === 'string').join(' · ') ||
        'Typed data'
      : undefined;
  return {
    id,
    type: request.type,
    title: TITLES[request.type] ?? request.type,
    calls,
    message,
    at: Date.now(),
  };
}

function load(storage: WalletBridgeOptions['storage'], key: string): Persisted {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return { prompts: 0, history: [] };
    const parsed = JSON.parse(raw) as Partial<Persisted>;
    return {
      prompts: Number.isSafeInteger(parsed.prompts) ? (parsed.prompts as number) : 0,
      history: Array.isArray(parsed.history) ? parsed.history.slice(0, HISTORY_LIMIT) : [],
    };
  } catch {
    return { prompts: 0, history: [] };
  }
}
