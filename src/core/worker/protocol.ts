import type { NormalizedOutsideExecution } from '../hash.js';
import type {
  SessionScope,
  StorageChangeEvent,
  StoredSession,
  StoredSessionPatch,
} from '../storage/types.js';

/** The message port both ends speak over: a Worker, the worker's global scope, or a MessagePort. */
export interface WorkerPort {
  postMessage(message: unknown): void;
  /** A Worker's 'error' (it crashed) and 'messageerror' (an answer could not be read) end every pending call. */
  addEventListener(
    type: 'message' | 'error' | 'messageerror',
    listener: (event: { data: unknown }) => void,
  ): void;
  removeEventListener?(type: 'message', listener: (event: { data: unknown }) => void): void;
  start?(): void;
}

export type WorkerRequest =
  | { op: 'get'; scope: SessionScope; publicKey: string }
  | { op: 'set'; session: StoredSession; privateKey?: bigint }
  | { op: 'update'; scope: SessionScope; publicKey: string; patch: StoredSessionPatch }
  | { op: 'remove'; scope: SessionScope; publicKey: string }
  | { op: 'list'; scope: SessionScope }
  | { op: 'wipeExpired'; scope?: SessionScope }
  | { op: 'clear'; scope?: SessionScope }
  | { op: 'hasSigner'; scope: SessionScope; publicKey: string }
  | { op: 'signHash'; scope: SessionScope; publicKey: string; hash: bigint }
  | {
      op: 'signOutsideExecution';
      scope: SessionScope;
      publicKey: string;
      accountAddress: bigint;
      chainId: bigint;
      outsideExecution: NormalizedOutsideExecution;
    };

export interface WorkerError {
  code: string;
  shortMessage: string;
  details?: string | undefined;
}

/** Messages tagged so that other traffic on the same worker is ignored. */
export const TAG = 'starknet-sessions/worker@1';

export type ToWorker = { tag: typeof TAG; id: number; request: WorkerRequest };
export type FromWorker =
  | { tag: typeof TAG; id: number; ok: true; result: unknown }
  | { tag: typeof TAG; id: number; ok: false; error: WorkerError }
  | { tag: typeof TAG; event: StorageChangeEvent };
