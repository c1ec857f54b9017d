import { InvalidInputError, SessionError, StorageUnavailableError } from '../errors/index.js';
import type { NormalizedOutsideExecution } from '../hash.js';
import { inputObject } from '../input.js';
import type { SessionScope, SessionSigner, SessionStorage, StorageChangeEvent } from '../storage/types.js';
import { type FromWorker, TAG, type ToWorker, type WorkerPort, type WorkerRequest } from './protocol.js';

/** A signer that can also hash an outside execution where it signs (off the main thread). */
export interface OutsideExecutionSigner extends SessionSigner {
  signOutsideExecution(parameters: {
    accountAddress: bigint;
    chainId: bigint;
    outsideExecution: NormalizedOutsideExecution;
  }): Promise<{ r: bigint; s: bigint }>;
}

/** True when the signer hashes outside executions itself (a worker signer). */
export function canSignOutsideExecution(signer: SessionSigner): signer is OutsideExecutionSigner {
  return typeof (signer as Partial<OutsideExecutionSigner> | null)?.signOutsideExecution === 'function';
}

/**
 * A SessionStorage served by a Web Worker running `startSessionWorker()`: every read and write goes to
 * the worker, and signers hash and sign there, so the page's main thread never blocks on Poseidon or
 * ECDSA. The private key crosses to the worker once, when a session is created, and never comes back.
 */
export function createWorkerSessionStorage(
  worker: WorkerPort,
  options: {
    kind?: string;
    /** A request the worker has not answered in this time fails as STORAGE_UNAVAILABLE (default 30 000; 0 = none). */
    timeoutMs?: number;
  } = {},
): SessionStorage {
  if (
    typeof (worker as Partial<WorkerPort> | null)?.addEventListener !== 'function' ||
    typeof worker.postMessage !== 'function'
  )
    throw new InvalidInputError('worker', 'worker must be a Worker or a MessagePort.');
  const kind = inputObject(options ?? {}, 'options').kind ?? 'worker';
  const timeoutMs = typeof options?.timeoutMs === 'number' ? options.timeoutMs : 30_000;
  let nextId = 1;
  let dead: SessionError | undefined;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  const listeners = new Set<(event: StorageChangeEvent) => void>();
  worker.addEventListener('message', (event) => {
    const message = event.data as FromWorker | undefined;
    if (!message || message.tag !== TAG) return;
    if ('event' in message) {
      for (const listener of listeners) listener({ ...message.event, source: 'remote' });
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else
      waiter.reject(
        new SessionError(message.error.code, message.error.shortMessage, { details: message.error.details }),
      );
  });
  // A crashed worker answers nothing more: every pending call, and every later one, fails typed. An
  // answer that could not be read fails the pending calls (which one it was is unknown), not later ones.
  const fail = (details: string, latch: boolean) => (event: unknown) => {
    const error = failure(kind, `The storage worker failed: ${details}.`, event);
    if (latch) dead ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.addEventListener('error', fail('it crashed', true));
  worker.addEventListener('messageerror', fail('an answer could not be read', false));
  worker.start?.();

  const call = <T>(request: WorkerRequest): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              pending.delete(id);
              reject(failure(kind, `The storage worker did not answer ${request.op} in ${timeoutMs} ms.`));
            }, timeoutMs)
          : undefined;
      const settle =
        <V>(fn: (value: V) => void) =>
        (value: V) => {
          clearTimeout(timer);
          fn(value);
        };
      pending.set(id, { resolve: settle(resolve as (value: unknown) => void), reject: settle(reject) });
      try {
        worker.postMessage({ tag: TAG, id, request } satisfies ToWorker);
      } catch (error) {
        // DataCloneError (a value the worker cannot receive), or a closed port.
        pending.delete(id);
        clearTimeout(timer);
        reject(failure(kind, `The storage worker could not be sent ${request.op}.`, error));
      }
    });

  const signerFor = (scope: SessionScope, publicKey: string): OutsideExecutionSigner => ({
    publicKey,
    signHash: (hash) => call({ op: 'signHash', scope, publicKey, hash }),
    signOutsideExecution: (p) => call({ op: 'signOutsideExecution', scope, publicKey, ...p }),
  });

  return {
    kind,
    get: (scope, publicKey) => call({ op: 'get', scope, publicKey }),
    set: (session, privateKey) => call({ op: 'set', session, privateKey }),
    update: (scope, publicKey, patch) => call({ op: 'update', scope, publicKey, patch }),
    remove: (scope, publicKey) => call({ op: 'remove', scope, publicKey }),
    list: (scope) => call({ op: 'list', scope }),
    wipeExpired: (scope) => call({ op: 'wipeExpired', scope }),
    clear: (scope) => call({ op: 'clear', scope }),
    async getSigner(scope, publicKey) {
      return (await call<boolean>({ op: 'hasSigner', scope, publicKey }))
        ? signerFor(scope, publicKey)
        : undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function failure(kind: string, message: string, cause?: unknown): StorageUnavailableError {
  return new StorageUnavailableError(kind, 'worker-failed', message, { cause });
}
