import type { SessionStorage } from './types.js';

export interface LazySessionStorage extends SessionStorage {
  /** The storage actually in use, created on first use. */
  resolve(): Promise<SessionStorage>;
}

/** The methods that wait for the storage to be created, then call it. */
const FORWARDED = ['get', 'set', 'update', 'getSigner', 'remove', 'list', 'wipeExpired', 'clear'] as const;

/**
 * A SessionStorage whose implementation is created (and its module loaded) on first use. It can
 * be built at module level and during SSR: nothing runs before the first call.
 */
export function createLazyStorage(
  pendingKind: string,
  load: () => Promise<SessionStorage>,
): LazySessionStorage {
  let chosen: SessionStorage | undefined;
  let loading: Promise<SessionStorage> | undefined;
  let closed = false;

  const resolve = (): Promise<SessionStorage> => {
    loading ??= load().then((storage) => {
      chosen = storage;
      if (closed) storage.close?.();
      return storage;
    });
    return loading;
  };

  const lazy = {
    get kind() {
      return chosen?.kind ?? pendingKind;
    },
    resolve,
    subscribe(listener) {
      // Loaded already: attach now, so no change made from here on can be missed.
      if (chosen) return chosen.subscribe?.(listener) ?? (() => undefined);
      let active = true;
      let unsubscribe: (() => void) | undefined;
      void resolve()
        .then((storage) => {
          if (active) unsubscribe = storage.subscribe?.(listener);
        })
        .catch(() => undefined); // the failure surfaces on the next call that awaits the storage
      return () => {
        active = false;
        unsubscribe?.();
      };
    },
    close() {
      closed = true;
      chosen?.close?.();
    },
  } as LazySessionStorage;
  for (const name of FORWARDED) {
    (lazy as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      const storage = await resolve();
      return Reflect.apply(storage[name], storage, args);
    };
  }
  return lazy;
}
