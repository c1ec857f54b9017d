import { MessageChannel } from 'node:worker_threads';
import { testnetSessionConfig } from '../../../test/helpers/sessionConfig.js';
import { createTestnet } from '../../testing/index.js';
import { createSession, executeWithSession, revokeSession } from '../actions/index.js';
import { isSessionError } from '../errors/index.js';
import { createMemoryStorage } from '../storage/index.js';
import type { SessionStorage } from '../storage/types.js';
import { createWorkerSessionStorage, startSessionWorker, type WorkerPort } from './index.js';

// A MessageChannel stands in for the Worker boundary: the same structured-clone messages cross it.
function workerPair(now: () => number) {
  const channel = new MessageChannel();
  const inner = createMemoryStorage({ now });
  const ops: string[] = [];
  const counting: SessionStorage = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function'
        ? (...args: unknown[]) => {
            ops.push(String(prop));
            return value.apply(target, args);
          }
        : value;
    },
  });
  const host = startSessionWorker({ port: channel.port2 as unknown as WorkerPort, storage: counting });
  const requests: string[] = [];
  const port1 = channel.port1 as unknown as WorkerPort;
  const send = port1.postMessage.bind(port1);
  port1.postMessage = (message: unknown) => {
    requests.push((message as { request: { op: string } }).request.op);
    send(message);
  };
  const storage = createWorkerSessionStorage(port1);
  return {
    storage,
    ops,
    requests,
    close() {
      host.stop();
      channel.port1.close();
      channel.port2.close();
    },
  };
}

describe('worker signer', () => {
  it('creates, executes (hashing and signing in the worker) and revokes through a worker storage', async () => {
    const testnet = createTestnet({ startTime: 1_800_000_000 });
    const worker = workerPair(() => testnet.now());
    const owner = testnet.account(0);
    const config = testnetSessionConfig(testnet, { appId: 'worker', storage: worker.storage });
    try {
      const { publicKey } = await createSession(config, {
        owner,
        policy: { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 5 },
      });
      const sent = await executeWithSession(config, {
        accountAddress: owner.address,
        calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
        waitForReceipt: true,
      });
      expect(sent.via).toBe('paymaster');
      expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
      // The page sent the outside execution to the worker to hash and sign; it never asked for a bare hash signature.
      expect(worker.requests).toContain('signOutsideExecution');
      expect(worker.requests).not.toContain('signHash');
      expect(worker.ops).toContain('getSigner');

      await revokeSession(config, { owner, all: true });
      const error = await executeWithSession(config, {
        accountAddress: owner.address,
        calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
      }).catch((e: unknown) => e);
      expect(isSessionError(error, 'SESSION_REVOKED')).toBe(true);
    } finally {
      worker.close();
    }
  });

  it('carries typed errors back from the worker', async () => {
    const worker = workerPair(() => 1_800_000_000);
    try {
      const scope = { chainId: '0x1', accountAddress: '0x123', appId: 'w' };
      expect(await worker.storage.getSigner(scope, '0x1')).toBeUndefined();
      const error = await worker.storage.set({} as never, 1n).catch((e: unknown) => e);
      expect(isSessionError(error)).toBe(true);
    } finally {
      worker.close();
    }
  });
});

/** A worker that receives requests and never answers; `emit` fires its events ('error' when it crashes). */
function silentWorker(onPost: (message: unknown) => void = () => {}) {
  const listeners = new Map<string, ((event: { data: unknown }) => void)[]>();
  const port: WorkerPort = {
    postMessage: onPost,
    addEventListener: (type, listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  const emit = (type: string) => {
    for (const l of listeners.get(type) ?? []) l({ data: undefined });
  };
  return { port, emit };
}

describe('a worker that dies', () => {
  const scope = { chainId: '0x1', accountAddress: '0x123', appId: 'w' };

  it('ends every pending call with a typed error when it crashes, and every later one at once', async () => {
    const { port, emit } = silentWorker();
    const storage = createWorkerSessionStorage(port, { timeoutMs: 0 });
    const pending = [storage.list(scope), storage.getSigner(scope, '0x1')].map((p) =>
      p.catch((e: unknown) => e),
    );
    emit('error');
    for (const error of await Promise.all(pending)) {
      expect(isSessionError(error, 'STORAGE_UNAVAILABLE')).toBe(true);
      expect((error as { reason?: string }).reason).toBe('worker-failed');
    }
    expect(isSessionError(await storage.list(scope).catch((e: unknown) => e), 'STORAGE_UNAVAILABLE')).toBe(
      true,
    );
  });

  it('fails a call it never answers once the timeout passes', async () => {
    vi.useFakeTimers();
    try {
      const storage = createWorkerSessionStorage(silentWorker().port, { timeoutMs: 1000 });
      const result = storage.list(scope).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1001);
      expect(isSessionError(await result, 'STORAGE_UNAVAILABLE')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a request the worker cannot receive (DataCloneError) is a typed error', async () => {
    const { port } = silentWorker(() => {
      throw new DOMException('could not be cloned', 'DataCloneError');
    });
    const storage = createWorkerSessionStorage(port);
    const error = await storage.list(scope).catch((e: unknown) => e);
    expect(isSessionError(error, 'STORAGE_UNAVAILABLE')).toBe(true);
  });
});

describe('a worker answer that cannot be read', () => {
  it('fails the pending calls typed, and later calls still go to the worker', async () => {
    const posted: unknown[] = [];
    const { port, emit } = silentWorker((m) => posted.push(m));
    const storage = createWorkerSessionStorage(port, { timeoutMs: 0 });
    const scope = { chainId: '0x1', accountAddress: '0x123', appId: 'w' };
    const pending = storage.list(scope).catch((e: unknown) => e);
    emit('messageerror');
    expect(isSessionError(await pending, 'STORAGE_UNAVAILABLE')).toBe(true);
    void storage.list(scope);
    expect(posted).toHaveLength(2);
  });
});
