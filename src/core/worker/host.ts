import { InvalidInputError, SessionError, SessionKeyMissingError } from '../errors/index.js';
import { outsideExecutionHashOf } from '../hash.js';
import { inputObject } from '../input.js';
import { createDefaultStorage } from '../storage/defaultStorage.js';
import type { SessionStorage } from '../storage/types.js';
import {
  type FromWorker,
  TAG,
  type ToWorker,
  type WorkerError,
  type WorkerPort,
  type WorkerRequest,
} from './protocol.js';

/**
 * Runs inside a Web Worker: serves a SessionStorage and does the hashing and signing there, so signing a
 * session action never blocks the page. In your worker file: `startSessionWorker()`.
 * The keys live in the worker's storage (encrypted IndexedDB by default, shared with the page's origin).
 */
export function startSessionWorker(options: { port?: WorkerPort; storage?: SessionStorage } = {}): {
  stop(): void;
} {
  const port = inputObject(options ?? {}, 'options').port ?? (globalThis as unknown as WorkerPort);
  if (typeof port?.addEventListener !== 'function' || typeof port.postMessage !== 'function')
    throw new InvalidInputError('port', 'port must be a MessagePort or the worker scope.');
  const storage = options.storage ?? createDefaultStorage();
  const post = (message: FromWorker) => port.postMessage(message);
  const unsubscribe = storage.subscribe?.((event) => post({ tag: TAG, event }));

  const listener = async (event: { data: unknown }) => {
    const message = event.data as ToWorker | undefined;
    if (!message || message.tag !== TAG) return;
    try {
      post({ tag: TAG, id: message.id, ok: true, result: await serve(storage, message.request) });
    } catch (error) {
      post({ tag: TAG, id: message.id, ok: false, error: toWorkerError(error) });
    }
  };
  port.addEventListener('message', listener);
  port.start?.();
  return {
    stop() {
      unsubscribe?.();
      port.removeEventListener?.('message', listener);
    },
  };
}

async function serve(storage: SessionStorage, request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'get':
      return storage.get(request.scope, request.publicKey);
    case 'set':
      return storage.set(request.session, request.privateKey);
    case 'update':
      return storage.update(request.scope, request.publicKey, request.patch);
    case 'remove':
      return storage.remove(request.scope, request.publicKey);
    case 'list':
      return storage.list(request.scope);
    case 'wipeExpired':
      return storage.wipeExpired(request.scope);
    case 'clear':
      return storage.clear(request.scope);
    case 'hasSigner':
      return (await storage.getSigner(request.scope, request.publicKey)) !== undefined;
    case 'signHash': {
      const signer = await storage.getSigner(request.scope, request.publicKey);
      if (!signer) throw new SessionKeyMissingError(request.publicKey);
      return signer.signHash(request.hash);
    }
    case 'signOutsideExecution': {
      const signer = await storage.getSigner(request.scope, request.publicKey);
      if (!signer) throw new SessionKeyMissingError(request.publicKey);
      const hash = outsideExecutionHashOf(
        request.accountAddress,
        request.chainId,
        request.outsideExecution,
        'u128',
      );
      return signer.signHash(hash);
    }
  }
}

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof SessionError) {
    return { code: error.code, shortMessage: error.shortMessage, details: error.details };
  }
  return { code: 'WORKER_FAILED', shortMessage: 'The session worker failed.', details: String(error) };
}
