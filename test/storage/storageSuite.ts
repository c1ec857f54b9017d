/**
 * The storage contract, written once and run against every adapter: in Node (memory,
 * fake-indexeddb, an in-memory localStorage) and in real Chromium (IndexedDB, localStorage).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { starkPublicKey, verifyHash } from '../../src/core/crypto/ecdsa.js';
import { isSessionError, type StoredRecordError } from '../../src/core/errors/index.js';
import {
  createStoredSession,
  type RecordKey,
  type SessionScope,
  type SessionStorage,
  type StorageChangeEvent,
  type StorageWarning,
  type StoredSession,
} from '../../src/core/storage/index.js';
import vectors from '../vectors/session-vectors.json' with { type: 'json' };

export interface StorageHarness {
  /** Creates one storage, as one tab would. Storages of the same `name` share records when `shared`. */
  create(options: {
    name: string;
    now: () => number;
    onWarning?: (warning: StorageWarning) => void;
  }): SessionStorage;
  /** True when two storages of one name see the same records (two tabs of one origin). */
  shared: boolean;
  /** Private keys are encrypted at rest (else the suite skips the encryption checks). */
  encrypted: boolean;
  /** What an attacker with the disk (or a script reading the store directly) sees. */
  raw: {
    read(name: string, key: RecordKey): Promise<unknown>;
    write(name: string, key: RecordKey, value: unknown): Promise<void>;
  };
}

export const T0 = 1_900_000_000;
const PRIVATE_KEY = BigInt(vectors.sessionPrivateKey);
const PUBLIC_KEY = vectors.sessionPublicKey;
const ACCOUNT = '0x3062f8ec52749beae94daee793871e60a4f71fdee577e9d9fb0c61260024806';
const SN_SEPOLIA = '0x534e5f5345504f4c4941';

export const scopeA: SessionScope = { chainId: SN_SEPOLIA, accountAddress: ACCOUNT, appId: 'app.example' };
const otherAccount: SessionScope = { ...scopeA, accountAddress: '0x1234' };
const otherChain: SessionScope = { ...scopeA, chainId: '0x534e5f4d41494e' };
const otherApp: SessionScope = { ...scopeA, appId: 'evil.example' };

const keyOf = (scope: SessionScope, publicKey: string): RecordKey => [
  scope.chainId,
  scope.accountAddress,
  scope.appId,
  publicKey,
];

/** A second, independent key pair. */
const PRIVATE_KEY_2 = 0xabcdef0123456789abcdef0123456789n;
const PUBLIC_KEY_2 = `0x${starkPublicKey(PRIVATE_KEY_2).toString(16)}`;
const PRIVATE_KEY_3 = 0x5eed5eed5eed5eed5eed5eedn;
const PUBLIC_KEY_3 = `0x${starkPublicKey(PRIVATE_KEY_3).toString(16)}`;

function session(overrides: Partial<StoredSession> & { now?: number } = {}): StoredSession {
  const { now = T0, ...rest } = overrides;
  return {
    ...createStoredSession({
      scope: scopeA,
      publicKey: PUBLIC_KEY,
      validUntil: now + 3600,
      maxCalls: 10,
      allowedSelectors: ['0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e'],
      spendingLimits: [
        {
          token: '0x49d36570d4e46f48e99674bd3fcc84644ddd6b96f7c741b1562b82f9e004dc7',
          maxPerCall: '1000',
          maxPerWindow: '0x2710',
          windowSeconds: 86400,
        },
      ],
      policy: { name: 'Play the game', contracts: ['0xabc'] },
      now,
    }),
    ...rest,
  };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSessionError(error) ? error.code : error).toBe(code);
  return error;
}

function nextEvent(
  storage: SessionStorage,
  match: (event: StorageChangeEvent) => boolean,
  timeoutMs = 2000,
): Promise<StorageChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no storage event arrived'));
    }, timeoutMs);
    const stop = storage.subscribe!((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

/** Every string and byte run inside a stored value, as an attacker dumping the store would see them. */
function dump(value: unknown, out: { text: string[]; bytes: Uint8Array[] } = { text: [], bytes: [] }) {
  if (typeof value === 'string') {
    out.text.push(value.toLowerCase());
    // base64 fields (JSON stores) are bytes too
    if (value.length >= 16 && value.length % 4 === 0 && /^[A-Za-z0-9+/]+=*$/.test(value)) {
      out.bytes.push(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
    }
  } else if (typeof value === 'number' || typeof value === 'bigint') out.text.push(String(value));
  else if (value instanceof Uint8Array) out.bytes.push(value);
  else if (value instanceof ArrayBuffer) out.bytes.push(new Uint8Array(value));
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) dump(v, out);
  return out;
}

const containsRun = (haystack: Uint8Array, needle: Uint8Array) => {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
};

let dbCounter = 0;

export function storageSuite(label: string, harness: StorageHarness): void {
  describe(`${label}: the SessionStorage contract`, () => {
    const opened: SessionStorage[] = [];
    let clock = T0;
    let warnings: StorageWarning[] = [];
    let name = '';

    const open = (shareName = name) => {
      const storage = harness.create({
        name: shareName,
        now: () => clock,
        onWarning: (w) => warnings.push(w),
      });
      opened.push(storage);
      return storage;
    };
    /** A second tab, once loaded (it has read its sessions, as a page does when it starts). */
    const loadedTab = async () => {
      const tab = open();
      await tab.list(scopeA);
      return tab;
    };
    const fresh = () => {
      clock = T0;
      warnings = [];
      name = `suite-${Date.now().toString(36)}-${++dbCounter}-${Math.random().toString(36).slice(2)}`;
      return open();
    };

    afterEach(() => {
      for (const storage of opened.splice(0)) storage.close?.();
      vi.restoreAllMocks();
    });

    it('reads back what was stored, and its signer signs for the session key (vector signature)', async () => {
      const storage = fresh();
      const stored = session();
      await storage.set(stored, PRIVATE_KEY);
      expect(await storage.get(scopeA, PUBLIC_KEY)).toEqual(stored);
      expect(await storage.list(scopeA)).toEqual([stored]);
      const signer = await storage.getSigner(scopeA, PUBLIC_KEY);
      expect(signer?.publicKey).toBe(PUBLIC_KEY);
      const hash = BigInt(vectors.invoke.sessionMessageHash);
      const signature = await signer!.signHash(hash);
      expect([`0x${signature.r.toString(16)}`, `0x${signature.s.toString(16)}`]).toEqual(
        vectors.invoke.signature.slice(1, 3),
      );
      expect(verifyHash(hash, signature, BigInt(PUBLIC_KEY))).toBe(true);
    });

    it('finds a session whatever the spelling of its scope (padded, upper case, chain name)', async () => {
      const storage = fresh();
      await storage.set(session(), PRIVATE_KEY);
      const spelled: SessionScope = {
        chainId: 'SN_SEPOLIA',
        accountAddress: `0x${ACCOUNT.slice(2).padStart(64, '0').toUpperCase()}`,
        appId: 'app.example',
      };
      expect((await storage.get(spelled, PUBLIC_KEY.toUpperCase().replace('0X', '0x')))?.publicKey).toBe(
        PUBLIC_KEY,
      );
      expect(await storage.list(spelled)).toHaveLength(1);
      expect(await storage.getSigner(spelled, PUBLIC_KEY)).toBeDefined();
    });

    it('never shows a session or its key to another account, chain or app', async () => {
      const storage = fresh();
      await storage.set(session(), PRIVATE_KEY);
      for (const scope of [otherAccount, otherChain, otherApp]) {
        expect(await storage.get(scope, PUBLIC_KEY)).toBeUndefined();
        expect(await storage.getSigner(scope, PUBLIC_KEY)).toBeUndefined();
        expect(await storage.list(scope)).toEqual([]);
      }
      // The same key registered on another account is a separate session.
      await storage.set(session({ scope: otherAccount }), PRIVATE_KEY);
      await storage.update(otherAccount, PUBLIC_KEY, { status: 'revoked' });
      expect((await storage.get(scopeA, PUBLIC_KEY))?.status).toBe('pending');
      expect(await storage.getSigner(scopeA, PUBLIC_KEY)).toBeDefined();
    });

    it('keeps several sessions per account and app, newest first, each with its status', async () => {
      const storage = fresh();
      await storage.set(session({ now: T0 - 20 }), PRIVATE_KEY);
      await storage.set(session({ publicKey: PUBLIC_KEY_2, now: T0 - 10 }), PRIVATE_KEY_2);
      await storage.set(session({ publicKey: PUBLIC_KEY_3, now: T0 }), PRIVATE_KEY_3);
      await storage.update(scopeA, PUBLIC_KEY_2, { status: 'active' });
      await storage.update(scopeA, PUBLIC_KEY_3, { status: 'revoked' });
      const listed = await storage.list(scopeA);
      expect(listed.map((s) => [s.publicKey, s.status])).toEqual([
        [PUBLIC_KEY_3, 'revoked'],
        [PUBLIC_KEY_2, 'active'],
        [PUBLIC_KEY, 'pending'],
      ]);
    });

    it('refuses a private key of another session without ever echoing it', async () => {
      const storage = fresh();
      const error = await expectCode(storage.set(session(), PRIVATE_KEY_2), 'INVALID_INPUT');
      const text = `${(error as Error).message} ${JSON.stringify(error)}`.toLowerCase();
      expect(text).not.toContain(PRIVATE_KEY_2.toString(16));
      expect(text).not.toContain(PRIVATE_KEY_2.toString(10));
      expect(await storage.get(scopeA, PUBLIC_KEY)).toBeUndefined();
      await expectCode(storage.set(session(), 0n), 'INVALID_INPUT');
    });

    it('keeps the stored key when a session is rewritten without one', async () => {
      const storage = fresh();
      await storage.set(session(), PRIVATE_KEY);
      await storage.set(session({ status: 'active', transactionHash: '0xabc' }));
      expect((await storage.get(scopeA, PUBLIC_KEY))?.status).toBe('active');
      const signer = await storage.getSigner(scopeA, PUBLIC_KEY);
      expect(verifyHash(7n, await signer!.signHash(7n), BigInt(PUBLIC_KEY))).toBe(true);
    });

    it('merges updates idempotently: calls used never go down, a status never goes back', async () => {
      const storage = fresh();
      await storage.set(session(), PRIVATE_KEY);
      expect((await storage.update(scopeA, PUBLIC_KEY, { status: 'active', callsUsed: 3 }))?.callsUsed).toBe(
        3,
      );
      clock += 5;
      const again = await storage.update(scopeA, PUBLIC_KEY, { status: 'pending', callsUsed: 2 });
      expect(again).toMatchObject({ status: 'active', callsUsed: 3, updatedAt: T0 });
      const tx = await storage.update(scopeA, PUBLIC_KEY, { transactionHash: '0x0ABC', maxCalls: 20 });
      expect(tx).toMatchObject({ transactionHash: '0xabc', maxCalls: 20, updatedAt: T0 + 5 });
      expect(await storage.update(otherAccount, PUBLIC_KEY, { callsUsed: 1 })).toBeUndefined();
      await expectCode(storage.update(scopeA, PUBLIC_KEY, { callsUsed: -1 }), 'INVALID_INPUT');
    });

    it('wipes the key on revoke: no signer, and an earlier signer refuses with SESSION_REVOKED', async () => {
      const storage = fresh();
      await storage.set(session({ status: 'active' }), PRIVATE_KEY);
      const signer = await storage.getSigner(scopeA, PUBLIC_KEY);
      await storage.update(scopeA, PUBLIC_KEY, { status: 'revoked' });
      expect(await storage.getSigner(scopeA, PUBLIC_KEY)).toBeUndefined();
      await expectCode(signer!.signHash(1n), 'SESSION_REVOKED');
      expect(
        ((await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY))) as { key?: unknown }).key,
      ).toBeUndefined();
      // revoked is final: a late "active" from elsewhere does not revive it
      expect((await storage.update(scopeA, PUBLIC_KEY, { status: 'active' }))?.status).toBe('revoked');
    });

    it('marks a session expired once past validUntil, wipes its key, and signers refuse', async () => {
      const storage = fresh();
      await storage.set(session({ status: 'active' }), PRIVATE_KEY);
      const signer = await storage.getSigner(scopeA, PUBLIC_KEY);
      clock = T0 + 3600; // validUntil itself is still valid, as on chain
      expect((await storage.get(scopeA, PUBLIC_KEY))?.status).toBe('active');
      clock = T0 + 3601;
      await expectCode(signer!.signHash(1n), 'SESSION_EXPIRED');
      expect((await storage.list(scopeA)).map((s) => s.status)).toEqual(['expired']);
      expect(await storage.getSigner(scopeA, PUBLIC_KEY)).toBeUndefined();
      expect(
        ((await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY))) as { key?: unknown }).key,
      ).toBeUndefined();
    });

    it('wipeExpired marks and wipes every due session, in one scope or in all', async () => {
      const storage = fresh();
      await storage.set(session({ validUntil: T0 + 10 }), PRIVATE_KEY);
      await storage.set(session({ publicKey: PUBLIC_KEY_2, validUntil: T0 + 1000 }), PRIVATE_KEY_2);
      await storage.set(session({ scope: otherApp, validUntil: T0 + 10 }), PRIVATE_KEY);
      clock = T0 + 11;
      expect(await storage.wipeExpired(scopeA)).toBe(1);
      expect(
        ((await harness.raw.read(name, keyOf(otherApp, PUBLIC_KEY))) as { key?: unknown }).key,
      ).toBeDefined();
      expect(await storage.wipeExpired()).toBe(1);
      expect(await storage.wipeExpired()).toBe(0);
      expect(
        ((await harness.raw.read(name, keyOf(otherApp, PUBLIC_KEY))) as { key?: unknown }).key,
      ).toBeUndefined();
      expect(await storage.getSigner(scopeA, PUBLIC_KEY_2)).toBeDefined();
    });

    it('remove deletes one session and its key and leaves the others', async () => {
      const storage = fresh();
      await storage.set(session(), PRIVATE_KEY);
      await storage.set(session({ publicKey: PUBLIC_KEY_2 }), PRIVATE_KEY_2);
      const signer = await storage.getSigner(scopeA, PUBLIC_KEY);
      await storage.remove(scopeA, PUBLIC_KEY);
      expect(await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY))).toBeUndefined();
      expect(await storage.get(scopeA, PUBLIC_KEY)).toBeUndefined();
      await expectCode(signer!.signHash(1n), 'SESSION_KEY_MISSING');
      expect((await storage.list(scopeA)).map((s) => s.publicKey)).toEqual([PUBLIC_KEY_2]);
      await storage.remove(scopeA, PUBLIC_KEY); // absent: nothing to do
    });

    it('clear(scope) empties one scope only; clear() empties every scope', async () => {
      const storage = fresh();
      await storage.set(session(), PRIVATE_KEY);
      await storage.set(session({ scope: otherChain }), PRIVATE_KEY);
      await storage.clear(scopeA);
      expect(await storage.list(scopeA)).toEqual([]);
      expect(await storage.list(otherChain)).toHaveLength(1);
      await storage.clear();
      expect(await storage.list(otherChain)).toEqual([]);
      expect(await harness.raw.read(name, keyOf(otherChain, PUBLIC_KEY))).toBeUndefined();
    });

    it('reports its own changes to subscribers until they unsubscribe', async () => {
      const storage = fresh();
      const events: StorageChangeEvent[] = [];
      const stop = storage.subscribe!((e) => events.push(e));
      await storage.set(session(), PRIVATE_KEY);
      await storage.update(scopeA, PUBLIC_KEY, { callsUsed: 1 });
      await storage.update(scopeA, PUBLIC_KEY, { callsUsed: 1 }); // no change, no event
      await storage.remove(scopeA, PUBLIC_KEY);
      stop();
      await storage.set(session(), PRIVATE_KEY);
      const normalized = { chainId: SN_SEPOLIA, accountAddress: ACCOUNT, appId: 'app.example' };
      expect(events).toEqual([
        { type: 'set', source: 'local', scope: normalized, publicKey: PUBLIC_KEY },
        { type: 'update', source: 'local', scope: normalized, publicKey: PUBLIC_KEY },
        { type: 'remove', source: 'local', scope: normalized, publicKey: PUBLIC_KEY },
      ]);
    });

    describe('unreadable records', () => {
      const problemOf = (w: StorageWarning) => (w.error as StoredRecordError).problem;

      it('skips a corrupted record with a typed warning, lists the others, deletes nothing', async () => {
        vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        const storage = fresh();
        await storage.set(session(), PRIVATE_KEY);
        await storage.set(session({ publicKey: PUBLIC_KEY_2 }), PRIVATE_KEY_2);
        const key2 = keyOf(scopeA, PUBLIC_KEY_2);
        const original = (await harness.raw.read(name, key2)) as { session: Record<string, unknown> };
        const corrupted = { ...original, session: { ...original.session, validUntil: 'soon' } };
        await harness.raw.write(name, key2, corrupted);
        expect((await storage.list(scopeA)).map((s) => s.publicKey)).toEqual([PUBLIC_KEY]);
        expect(await storage.get(scopeA, PUBLIC_KEY_2)).toBeUndefined();
        expect(await storage.update(scopeA, PUBLIC_KEY_2, { callsUsed: 1 })).toBeUndefined();
        expect(warnings.map((w) => [w.code, w.error.code, problemOf(w)])[0]).toEqual([
          'record-skipped',
          'STORED_RECORD_INVALID',
          'malformed',
        ]);
        expect(await harness.raw.read(name, key2)).toEqual(corrupted);
        expect(await storage.getSigner(scopeA, PUBLIC_KEY)).toBeDefined();
      });

      it('skips, and keeps, a record written by a newer version of the library', async () => {
        vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        const storage = fresh();
        await storage.set(session(), PRIVATE_KEY);
        const key = keyOf(scopeA, PUBLIC_KEY);
        const newer = { ...((await harness.raw.read(name, key)) as object), schemaVersion: 2 };
        await harness.raw.write(name, key, newer);
        expect(await storage.list(scopeA)).toEqual([]);
        expect(warnings.map(problemOf)).toEqual(['unsupported-version']);
        expect(await harness.raw.read(name, key)).toEqual(newer);
      });

      it('skips a foreign value stored among the sessions', async () => {
        vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        const storage = fresh();
        await storage.set(session(), PRIVATE_KEY);
        await harness.raw.write(name, keyOf(scopeA, PUBLIC_KEY_2), { hello: 'world' });
        expect((await storage.list(scopeA)).map((s) => s.publicKey)).toEqual([PUBLIC_KEY]);
        expect(warnings.map(problemOf)).toEqual(['foreign']);
      });

      it('refuses a record stored under another key than its own (scope mismatch)', async () => {
        vi.spyOn(console, 'warn').mockImplementation(() => undefined);
        const storage = fresh();
        await storage.set(session(), PRIVATE_KEY);
        const record = await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY));
        await harness.raw.write(name, keyOf(otherAccount, PUBLIC_KEY), record);
        expect(await storage.list(otherAccount)).toEqual([]);
        expect(await storage.getSigner(otherAccount, PUBLIC_KEY)).toBeUndefined();
        expect(warnings.length).toBeGreaterThan(0);
        expect(new Set(warnings.map(problemOf))).toEqual(new Set(['scope-mismatch']));
      });
    });

    // Adapters without encryption or sharing do not register these tests at all (not "skipped").
    if (harness.encrypted)
      describe('encryption at rest', () => {
        it('stores no trace of the private key, in text or in bytes', async () => {
          const storage = fresh();
          await storage.set(session(), PRIVATE_KEY);
          const { text, bytes } = dump(await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY)));
          const hex = PRIVATE_KEY.toString(16);
          for (const t of text) {
            expect(t).not.toContain(hex);
            expect(t).not.toContain(PRIVATE_KEY.toString(10));
          }
          const keyBytes = new Uint8Array(32);
          for (let i = 0, n = PRIVATE_KEY; i < 32; i++, n >>= 8n) keyBytes[31 - i] = Number(n & 0xffn);
          for (const b of bytes) expect(containsRun(b, keyBytes.slice(16))).toBe(false);
          expect(bytes.length).toBeGreaterThan(0);
        });

        it('draws a fresh IV for every write', async () => {
          const storage = fresh();
          await storage.set(session(), PRIVATE_KEY);
          const first = (await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY))) as {
            key: { iv: Uint8Array };
          };
          await storage.set(session(), PRIVATE_KEY);
          const second = (await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY))) as {
            key: { iv: Uint8Array };
          };
          expect([...second.key.iv]).not.toEqual([...first.key.iv]);
        });

        it('cannot decrypt a record moved to another scope, even with its scope rewritten', async () => {
          const storage = fresh();
          await storage.set(session(), PRIVATE_KEY);
          const record = (await harness.raw.read(name, keyOf(scopeA, PUBLIC_KEY))) as {
            session: StoredSession;
          };
          const moved = { ...record, session: { ...record.session, scope: { ...scopeA, ...otherApp } } };
          await harness.raw.write(name, keyOf(otherApp, PUBLIC_KEY), moved);
          expect((await storage.get(otherApp, PUBLIC_KEY))?.publicKey).toBe(PUBLIC_KEY);
          const error = await expectCode(storage.getSigner(otherApp, PUBLIC_KEY), 'STORED_RECORD_INVALID');
          expect((error as StoredRecordError).problem).toBe('decrypt-failed');
          expect(await storage.getSigner(scopeA, PUBLIC_KEY)).toBeDefined();
        });

        it('detects a tampered ciphertext and leaves the other sessions usable', async () => {
          const storage = fresh();
          await storage.set(session(), PRIVATE_KEY);
          await storage.set(session({ publicKey: PUBLIC_KEY_2 }), PRIVATE_KEY_2);
          const key = keyOf(scopeA, PUBLIC_KEY);
          const record = (await harness.raw.read(name, key)) as { key: { ciphertext: Uint8Array | string } };
          const stored = record.key.ciphertext;
          let flipped: Uint8Array | string;
          if (typeof stored === 'string') {
            flipped = `${stored[0] === 'A' ? 'B' : 'A'}${stored.slice(1)}`; // base64: another first byte
          } else {
            flipped = Uint8Array.from(stored);
            flipped[0] = (flipped[0] ?? 0) ^ 1;
          }
          await harness.raw.write(name, key, { ...record, key: { ...record.key, ciphertext: flipped } });
          const error = await expectCode(storage.getSigner(scopeA, PUBLIC_KEY), 'STORED_RECORD_INVALID');
          expect((error as StoredRecordError).problem).toBe('decrypt-failed');
          expect(await storage.getSigner(scopeA, PUBLIC_KEY_2)).toBeDefined();
        });
      });

    if (harness.shared)
      describe('two tabs on one store', () => {
        it('sees a session created in the other tab, and hears about it', async () => {
          const tabA = fresh();
          const tabB = await loadedTab();
          const heard = nextEvent(tabB, (e) => e.type === 'set');
          await tabA.set(session(), PRIVATE_KEY);
          expect(await heard).toMatchObject({ type: 'set', source: 'remote', publicKey: PUBLIC_KEY });
          expect(await tabB.get(scopeA, PUBLIC_KEY)).toEqual(await tabA.get(scopeA, PUBLIC_KEY));
          const signature = await (await tabB.getSigner(scopeA, PUBLIC_KEY))!.signHash(5n);
          expect(verifyHash(5n, signature, BigInt(PUBLIC_KEY))).toBe(true);
        });

        it('does not count calls twice when both tabs report them', async () => {
          const tabA = fresh();
          const tabB = await loadedTab();
          await tabA.set(session({ status: 'active' }), PRIVATE_KEY);
          const heard = nextEvent(tabB, (e) => e.type === 'update');
          await Promise.all([
            tabA.update(scopeA, PUBLIC_KEY, { callsUsed: 3 }),
            tabB.update(scopeA, PUBLIC_KEY, { callsUsed: 3 }),
          ]);
          await heard;
          expect((await tabB.get(scopeA, PUBLIC_KEY))?.callsUsed).toBe(3);
          await Promise.all([
            tabA.update(scopeA, PUBLIC_KEY, { callsUsed: 5 }),
            tabB.update(scopeA, PUBLIC_KEY, { callsUsed: 4 }),
          ]);
          expect((await tabA.get(scopeA, PUBLIC_KEY))?.callsUsed).toBe(5);
          expect((await tabB.get(scopeA, PUBLIC_KEY))?.callsUsed).toBe(5);
        });

        it('stops the other tab from signing once one tab revokes', async () => {
          const tabA = fresh();
          const tabB = await loadedTab();
          await tabA.set(session({ status: 'active' }), PRIVATE_KEY);
          const signerB = await tabB.getSigner(scopeA, PUBLIC_KEY);
          const heard = nextEvent(tabB, (e) => e.type === 'update');
          await tabA.update(scopeA, PUBLIC_KEY, { status: 'revoked' });
          expect(await heard).toMatchObject({ source: 'remote', publicKey: PUBLIC_KEY });
          await expectCode(signerB!.signHash(1n), 'SESSION_REVOKED');
          expect((await tabB.list(scopeA)).map((s) => s.status)).toEqual(['revoked']);
        });

        it('keeps a remove in one tab from being undone by a stale update in the other', async () => {
          const tabA = fresh();
          const tabB = await loadedTab();
          await tabA.set(session(), PRIVATE_KEY);
          await tabA.remove(scopeA, PUBLIC_KEY);
          expect(await tabB.update(scopeA, PUBLIC_KEY, { callsUsed: 2 })).toBeUndefined();
          expect(await tabB.list(scopeA)).toEqual([]);
        });
      });
  });
}
