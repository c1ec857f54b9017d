import type { SessionStorage } from './types.js';

export interface LazySessionStorage extends SessionStorage {
  /** The storage actually in use, created on first use. */
  resolve(): Promise<SessionStorage>;
}

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

  return {
    get kind() {
      return chosen?.kind ?? pendingKind;
    },
    resolve,
    get: async (scope, publicKey) => (await resolve()).get(scope, publicKey),
    set: async (session, privateKey) => (await resolve()).set(session, privateKey),
    update: async (scope, publicKey, patch) => (await resolve()).update(scope, publicKey, patch),
    getSigner: async (scope, publicKey) => (await resolve()).getSigner(scope, publicKey),
    remove: async (scope, publicKey) => (await resolve()).remove(scope, publicKey),
    list: async (scope) => (await resolve()).list(scope),
    wipeExpired: async (scope) => (await resolve()).wipeExpired(scope),
    clear: async (scope) => (await resolve()).clear(scope),
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
  };
}
