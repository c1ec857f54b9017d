// The transaction log: every session mutation the app runs (start, action, revoke), read from the
// TanStack mutation cache, so the connected components' own mutations (Revoke in the status card)
// are logged too. Finished entries are kept across reloads.
import type { Mutation, QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { actionLabel } from './game.js';

export type TxKind = 'session' | 'action' | 'revoke';

export interface TxLogEntry {
  id: string;
  kind: TxKind;
  label: string;
  status: 'pending' | 'success' | 'error';
  /** Who signed and who paid. */
  via: 'wallet' | 'session' | 'session-direct' | 'wallet-fallback';
  hash: string | undefined;
  /** A sentence for the user when it failed. */
  error: string | undefined;
  /** Unix ms. */
  at: number;
}

export interface TxLogStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly TxLogEntry[];
}

const LIMIT = 50;
const KINDS: Record<string, TxKind> = {
  createSession: 'session',
  ensureSession: 'session',
  executeWithSession: 'action',
  revokeSession: 'revoke',
};

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const stores = new WeakMap<QueryClient, TxLogStore>();

/** One log per QueryClient: React may run an initialiser twice, the cache must be watched once. */
export function txLogStoreFor(
  queryClient: QueryClient,
  storage: () => Storage | undefined,
  storageKey: string,
): TxLogStore {
  let store = stores.get(queryClient);
  if (!store) {
    store = createTxLogStore(queryClient, storage(), storageKey);
    stores.set(queryClient, store);
  }
  return store;
}

export function createTxLogStore(
  queryClient: QueryClient,
  storage: Storage | undefined,
  storageKey: string,
): TxLogStore {
  let entries: readonly TxLogEntry[] = load(storage, storageKey);
  const ids = new Map<number, string>();
  const listeners = new Set<() => void>();
  const session = Date.now().toString(36);

  const save = () => {
    try {
      storage?.setItem(storageKey, JSON.stringify(entries.filter((e) => e.status !== 'pending')));
    } catch {
      // Storage full or blocked: the log still shows this page's entries.
    }
  };

  const upsert = (mutation: Mutation<unknown, unknown, unknown, unknown>) => {
    const name = mutation.options.mutationKey?.[0];
    const kind = typeof name === 'string' ? KINDS[name] : undefined;
    if (!kind) return;
    let id = ids.get(mutation.mutationId);
    if (!id) {
      id = `${session}-${mutation.mutationId}`;
      ids.set(mutation.mutationId, id);
    }
    const entry = describe(id, kind, mutation);
    if (!entry) return;
    const index = entries.findIndex((e) => e.id === id);
    entries =
      index === -1
        ? [entry, ...entries].slice(0, LIMIT)
        : entries.map((e, i) => (i === index ? { ...entry, at: e.at } : e));
    if (entry.status !== 'pending') save();
    for (const listener of listeners) listener();
  };

  queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'added' || event.type === 'updated') upsert(event.mutation);
  });

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => entries,
  };
}

export function useTxLog(store: TxLogStore): readonly TxLogEntry[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

function describe(
  id: string,
  kind: TxKind,
  mutation: Mutation<unknown, unknown, unknown, unknown>,
): TxLogEntry | undefined {
  const { status, variables, data, error } = mutation.state;
  if (status === 'idle') return undefined;
  const result = (data ?? {}) as { transactionHash?: string; via?: string; reused?: boolean };
  const label =
    kind === 'session'
      ? result.reused
        ? 'Session reused'
        : 'Start session'
      : kind === 'revoke'
        ? 'Revoke session'
        : callsLabel(variables);
  const via: TxLogEntry['via'] =
    kind !== 'action'
      ? 'wallet'
      : result.via === 'owner'
        ? 'wallet-fallback'
        : result.via === 'direct'
          ? 'session-direct'
          : 'session';
  return {
    id,
    kind,
    label,
    status: status === 'pending' ? 'pending' : status === 'success' ? 'success' : 'error',
    via,
    hash: result.transactionHash,
    error: status === 'error' ? errorSentence(error) : undefined,
    at: mutation.state.submittedAt || Date.now(),
  };
}

function callsLabel(variables: unknown): string {
  const calls = (variables as { calls?: unknown } | undefined)?.calls;
  const list = Array.isArray(calls) ? calls : calls ? [calls] : [];
  const names = list.map((c) => actionLabel(String((c as { entrypoint?: unknown }).entrypoint ?? '?')));
  return names.length > 0 ? names.join(' + ') : 'Action';
}

function errorSentence(error: unknown): string {
  const e = error as { code?: string; shortMessage?: string; message?: string } | null;
  if (e?.code === 'USER_REJECTED') return 'Rejected in the wallet.';
  return e?.shortMessage ?? e?.message?.split('\n')[0] ?? 'Failed.';
}

function load(storage: Storage | undefined, key: string): TxLogEntry[] {
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as TxLogEntry[]).slice(0, LIMIT) : [];
  } catch {
    return [];
  }
}
