import type { SessionScope, StorageChangeEvent, StorageChangeType } from './types.js';

export type StorageChange = Omit<StorageChangeEvent, 'source'>;

/** Delivers changes to this instance's listeners and, over a BroadcastChannel, to other tabs. */
export interface ChangeBus {
  emit(change: StorageChange): void;
  subscribe(listener: (event: StorageChangeEvent) => void): () => void;
  close(): void;
}

const TYPES: readonly StorageChangeType[] = ['set', 'update', 'expire', 'remove', 'clear'];
const MESSAGE_TAG = 'starknet-sessions/change';

interface ChangeMessage extends StorageChange {
  tag: typeof MESSAGE_TAG;
}

/** Messages come from any script of the origin: accept only well-formed ones, copy only a change's fields. */
function readMessage(data: unknown): StorageChange | undefined {
  const { tag, type, scope, publicKey } = Object(data) as Partial<ChangeMessage>;
  const change: StorageChange = { type: type! };
  const parts: unknown[] = []; // must all be strings
  if (scope !== undefined) {
    const { chainId, accountAddress, appId } = Object(scope) as SessionScope;
    change.scope = { chainId, accountAddress, appId };
    parts.push(chainId, accountAddress, appId);
  }
  if (publicKey !== undefined) {
    change.publicKey = publicKey;
    parts.push(publicKey);
  }
  const wellFormed =
    tag === MESSAGE_TAG && TYPES.includes(type!) && parts.every((part) => typeof part === 'string');
  return wellFormed ? change : undefined;
}

/**
 * `channelName` undefined: same-tab events only (memory storage is not shared between tabs).
 * The BroadcastChannel is opened on first use, never at import, and only where it exists.
 */
export function createChangeBus(channelName: string | undefined): ChangeBus {
  const listeners = new Set<(event: StorageChangeEvent) => void>();
  let channel: BroadcastChannel | undefined;
  let closed = false;

  const deliver = (event: StorageChangeEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // one failing listener must not starve the others
      }
    }
  };

  const open = () => {
    if (channel || closed || channelName === undefined || typeof BroadcastChannel !== 'function')
      return channel;
    channel = new BroadcastChannel(channelName);
    // Node: an open channel would keep the process alive.
    (channel as { unref?: () => void }).unref?.();
    channel.onmessage = (message: MessageEvent) => {
      const change = readMessage(message.data);
      if (change) deliver({ ...change, source: 'remote' });
    };
    return channel;
  };

  return {
    emit(change) {
      if (closed) return;
      deliver({ ...change, source: 'local' });
      try {
        open()?.postMessage({ ...change, tag: MESSAGE_TAG } satisfies ChangeMessage);
      } catch {
        // a closed or broken channel only loses the cross-tab hint; storage is still consistent
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      open();
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      closed = true;
      listeners.clear();
      channel?.close();
      channel = undefined;
    },
  };
}
