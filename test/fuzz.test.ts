// Every public input, fuzzed: the library answers with a value or a typed SessionError, never a crash.
import fc from 'fast-check';
import * as core from '../src/core/index.js';
import {
  buildAddSessionCall,
  checkSessionCalls,
  computeOutsideExecutionHash,
  computeSessionInvokeHash,
  isSessionError,
  normalizeSessionPolicy,
  parseSessionData,
  parseSpendingPolicy,
} from '../src/core/index.js';
import {
  createMemoryBackend,
  createRawKeyProtector,
  createSessionStorage,
} from '../src/core/storage/index.js';
import * as query from '../src/query/index.js';
import { createTestnet } from '../src/testing/index.js';
import { testnetSessionConfig } from './helpers/sessionConfig.js';

function typedOrValue(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!isSessionError(error)) throw error;
  }
}

const felt = fc.oneof(
  fc.bigInt({ min: -5n, max: 2n ** 260n }),
  fc.integer(),
  fc.double(),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'.split('')) }).map((h) => `0x${h}`),
  fc.string(),
  fc.constantFrom(null, undefined, {}, [], '0x', '', '0xzz', 'NaN'),
);
const call = fc.record(
  {
    contractAddress: felt,
    entrypoint: fc.oneof(fc.string(), fc.constantFrom('transfer', 'attack', 'upgrade', '0x0'), felt),
    calldata: fc.oneof(fc.array(felt, { maxLength: 5 }), felt),
  },
  { requiredKeys: [] },
);

describe('fuzzing public inputs', () => {
  it('policies: a value or a typed error', () => {
    const action = fc.record(
      { entrypoint: fc.oneof(fc.string(), felt), contractAddress: felt, label: fc.string() },
      { requiredKeys: [] },
    );
    const limit = fc.record(
      {
        token: felt,
        decimals: fc.oneof(fc.integer({ min: -2, max: 80 }), felt),
        maxPerCall: felt,
        maxPerWindow: felt,
        windowSeconds: fc.oneof(fc.integer(), felt),
      },
      { requiredKeys: [] },
    );
    const policy = fc.record(
      {
        actions: fc.oneof(fc.array(action, { maxLength: 4 }), felt),
        allowAnyAction: fc.oneof(fc.boolean(), felt),
        durationSeconds: fc.oneof(fc.integer({ min: -10, max: 10 ** 9 }), felt),
        validUntil: fc.oneof(fc.integer(), felt),
        maxCalls: fc.oneof(fc.integer(), felt),
        spendingLimits: fc.oneof(fc.array(limit, { maxLength: 3 }), felt),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(policy, felt), (p) =>
        typedOrValue(() => normalizeSessionPolicy(p as never, { now: 1_800_000_000 })),
      ),
      {
        numRuns: 1500,
      },
    );
  });

  it('calls and calldata: hashing, the preflight and the call builders', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(call, { maxLength: 4 }), felt), felt, felt, (calls, nonce, account) => {
        typedOrValue(() =>
          computeSessionInvokeHash({
            accountAddress: account as never,
            chainId: 'SN_MAIN',
            nonce: nonce as never,
            validUntil: 1,
            calls: calls as never,
          }),
        );
        typedOrValue(() =>
          computeOutsideExecutionHash({
            accountAddress: '0x1',
            chainId: 'SN_MAIN',
            outsideExecution: {
              nonce: nonce as never,
              executeAfter: 0,
              executeBefore: 1,
              calls: calls as never,
            },
          }),
        );
        typedOrValue(() =>
          checkSessionCalls({
            accountAddress: account as never,
            calls: calls as never,
            session: {
              publicKey: '0x1',
              validUntil: 2_000_000_000,
              maxCalls: 5,
              callsUsed: 0,
              allowedSelectors: [],
            },
            now: 1_800_000_000,
          }),
        );
        typedOrValue(() =>
          buildAddSessionCall({
            accountAddress: account as never,
            publicKey: nonce as never,
            validUntil: nonce as never,
            maxCalls: nonce as never,
            allowedEntrypoints: [],
          }),
        );
      }),
      { numRuns: 1500 },
    );
  });

  it('contract results: parsers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(felt, { maxLength: 9 }), felt), (felts) => {
        typedOrValue(() => parseSessionData(felts as never));
        typedOrValue(() => parseSpendingPolicy(felts as never));
      }),
      { numRuns: 1000 },
    );
  });

  it('storage records: garbage in the backend is skipped, never a crash, never deletes the good ones', async () => {
    const scope = { chainId: '0x534e5f5345504f4c4941', accountAddress: '0x123', appId: 'fuzz' };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.anything(), { maxLength: 6 }), async (garbage) => {
        const backend = createMemoryBackend();
        const storage = createSessionStorage({
          backend,
          protector: createRawKeyProtector(),
          now: () => 1_800_000_000,
          onWarning: () => {},
        });
        await storage.set(
          {
            schemaVersion: 1,
            scope,
            publicKey: '0x31b88d91e173d70b5bd284f7a898d99005d9ade236ee671e0db0078996aa599',
            validUntil: 1_800_003_600,
            maxCalls: 5,
            allowedSelectors: [],
            spendingLimits: [],
            createdAt: 1_800_000_000,
            status: 'active',
            updatedAt: 1_800_000_000,
          },
          0x1234567890abcdef1234567890abcdefn,
        );
        for (let i = 0; i < garbage.length; i++) {
          await backend.update(
            [scope.chainId, scope.accountAddress, scope.appId, `0x${(i + 1).toString(16)}`],
            () => garbage[i] ?? null,
          );
        }
        const list = await storage.list(scope);
        expect(list.map((s) => s.publicKey)).toContain(
          '0x31b88d91e173d70b5bd284f7a898d99005d9ade236ee671e0db0078996aa599',
        );
      }),
      { numRuns: 200 },
    );
  });
});

/** A hostile value: prototype-less objects, nulls, huge numbers and strings, and anything JSON-ish. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withNullPrototype: true, withBigInt: true, withObjectString: true, maxDepth: 2 }),
  fc.constantFrom(
    null,
    undefined,
    Object.create(null),
    Object.assign(Object.create(null), { contractAddress: '0x1', entrypoint: 'transfer', calldata: [] }),
    2n ** 300n,
    -(2n ** 300n),
    Number.MAX_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
    '9'.repeat(5000),
    `0x${'f'.repeat(5000)}`,
    'x'.repeat(100_000),
    [null],
    [Object.create(null)],
  ),
);

/** Calls `fn` with `args`: a value (awaited) or a typed SessionError, never a TypeError/RangeError. */
async function answersTyped(name: string, fn: (...args: unknown[]) => unknown, args: unknown[]) {
  try {
    await fn(...args);
  } catch (error) {
    if (isSessionError(error)) return;
    const shown = args.map((a) => {
      try {
        return typeof a === 'bigint' ? `${a}n` : String(JSON.stringify(a)).slice(0, 80);
      } catch {
        return Object.prototype.toString.call(a);
      }
    });
    throw new Error(`${name}(${shown.join(', ')}) threw ${String(error).slice(0, 200)}`);
  }
}

// Pure functions of the core surface (src/core/index.ts, also re-exported by src/index.ts).
const NOT_FUZZED = new Set([
  'isSessionError', // a type guard: any input is fine
  'isSelectorString', // (string) => boolean, documented as such
  'isUserRejection', // a predicate over unknown errors
  'generateSessionKey', // no input
  'createDefaultStorage', // options only; probes the environment
  'createIndexedDbStorage',
  'createSessionConfig', // fuzzed below with parameters
  'SessionInvokeSigner', // a class (new only)
  // Actions and async factories: fuzzed below over a real config
  'createSession',
  'ensureSession',
  'executeWithSession',
  'getSessionState',
  'getSpendingPolicy',
  'listSessions',
  'revokeSession',
  'createSessionRequest',
  'approveSessionRequest',
  'waitForSessionApproval',
  'detectSessionSupport',
  'startSessionWorker',
  'createWorkerSessionStorage',
]);

/** Functions whose last declared parameter is a field label for error messages, not data. */
const LABELS: Record<string, boolean> = { parseAmount: true };

describe('fuzzing the public surface', () => {
  const functions = Object.entries(core).filter(
    ([name, value]) =>
      typeof value === 'function' && !NOT_FUZZED.has(name) && !(value.prototype instanceof Error),
  ) as [string, (...args: unknown[]) => unknown][];

  it.each(functions)('%s answers hostile input with a value or a typed SessionError', async (name, fn) => {
    await fc.assert(
      // As many arguments as the function declares before its defaults (labels such as `field` stay valid).
      fc.asyncProperty(fc.array(hostile, { minLength: fn.length, maxLength: fn.length }), (args) =>
        answersTyped(name, fn, LABELS[name] ? [...args.slice(0, -1), 'field'] : args),
      ),
      { numRuns: 150 },
    );
  });
});

describe('fuzzing the actions over a real config', () => {
  const testnet = createTestnet({ startTime: 1_800_000_000 });
  const config = testnetSessionConfig(testnet, { appId: 'fuzz', paymasterRetries: 0 });
  const owner = testnet.account(0);
  // Hostile parameters, sometimes around a real account so the checks past the first one run too.
  const parameters = fc.oneof(
    hostile,
    fc.record(
      { accountAddress: fc.oneof(fc.constant(owner.address), hostile), calls: hostile, publicKey: hostile },
      { requiredKeys: [] },
    ),
    fc.record({ owner: fc.oneof(fc.constant(owner), hostile), policy: hostile }, { requiredKeys: [] }),
  );
  const actions = {
    createSession: core.createSession,
    ensureSession: core.ensureSession,
    executeWithSession: core.executeWithSession,
    getSessionState: core.getSessionState,
    getSpendingPolicy: core.getSpendingPolicy,
    listSessions: core.listSessions,
    revokeSession: core.revokeSession,
    createSessionRequest: core.createSessionRequest,
    approveSessionRequest: core.approveSessionRequest,
    waitForSessionApproval: core.waitForSessionApproval,
  } as Record<string, (...args: unknown[]) => unknown>;

  it.each(Object.entries(actions))('%s answers hostile parameters typed', async (name, action) => {
    await fc.assert(
      fc.asyncProperty(parameters, (p) => answersTyped(name, action, [config, p])),
      { numRuns: 60 },
    );
  });

  it('createSessionConfig, detectSessionSupport and the worker storage answer hostile input typed', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (a, b) => {
        await answersTyped('createSessionConfig', core.createSessionConfig as never, [a]);
        await answersTyped('detectSessionSupport', core.detectSessionSupport as never, [
          testnet.provider(),
          a,
        ]);
        await answersTyped('detectSessionSupport', core.detectSessionSupport as never, [a, b]);
        await answersTyped('createWorkerSessionStorage', core.createWorkerSessionStorage as never, [a, b]);
        await answersTyped('startSessionWorker', core.startSessionWorker as never, [a]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzzing the query options (src/index.ts re-exports them)', () => {
  const testnet = createTestnet({ startTime: 1_800_000_000 });
  const config = testnetSessionConfig(testnet, { appId: 'fuzz-query' });
  const factories = Object.entries(query).filter(([, v]) => typeof v === 'function') as [
    string,
    (...args: unknown[]) => unknown,
  ][];

  it.each(factories)(
    '%s answers hostile input typed, and so do its query and mutation functions',
    async (name, make) => {
      await fc.assert(
        fc.asyncProperty(hostile, hostile, async (p, variables) => {
          let options: unknown;
          await answersTyped(name, (...args) => (options = make(...args)), [config, p]);
          const { queryFn, mutationFn } = (options ?? {}) as Record<string, unknown>;
          if (typeof queryFn === 'function') await answersTyped(`${name}.queryFn`, queryFn as never, []);
          if (typeof mutationFn === 'function')
            await answersTyped(`${name}.mutationFn`, mutationFn as never, [variables]);
        }),
        { numRuns: 40 },
      );
    },
  );
});
