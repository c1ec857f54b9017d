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

const isScope = (value: unknown): value is SessionScope =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SessionScope).chainId === 'string' &&
  typeof (value as SessionScope).accountAddress === 'string' &&
  typeof (value as SessionScope).appId === 'string';

/** Messages come from any script of the origin: accept only well-formed ones. */
function readMessage(data: unknown): StorageChange | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Partial<ChangeMessage>;
  if (message.tag !== MESSAGE_TAG || !TYPES.includes(message.type as StorageChangeType)) return undefined;
  if (message.scope !== undefined && !isScope(message.scope)) return undefined;
  if (message.publicKey !== undefined && typeof message.publicKey !== 'string') return undefined;
  const change: StorageChange = { type: message.type as StorageChangeType };
  if (message.scope) {
    change.scope = {
      chainId: message.scope.chainId,
      accountAddress: message.scope.accountAddress,
      appId: message.scope.appId,
    };
  }
  if (message.publicKey !== undefined) change.publicKey = message.publicKey;
  return change;
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
      const message: ChangeMessage = { ...change, tag: MESSAGE_TAG };
      try {
        open()?.postMessage(message);
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
