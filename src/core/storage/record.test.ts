import { describe, expect, it } from 'vitest';
import { StoredRecordError } from '../errors/index.js';
import {
  createStoredSession,
  isInScope,
  normalizePatch,
  normalizeScope,
  parseSessionRecord,
  type RecordKey,
  SESSION_RECORD_FORMAT,
  type SessionRecordMigration,
  STORAGE_SCHEMA_VERSION,
} from './record.js';

const scope = { chainId: 'SN_MAIN', accountAddress: '0x00ABC', appId: 'game' };
const key: RecordKey = ['0x534e5f4d41494e', '0xabc', 'game', '0x123'];
const anySealed = (value: unknown): value is unknown => typeof value === 'string';
const v1 = () => ({
  format: SESSION_RECORD_FORMAT,
  schemaVersion: 1,
  session: createStoredSession({ scope, publicKey: '0x123', validUntil: 200, maxCalls: 3, now: 100 }),
  key: 'sealed',
});

function problem(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof StoredRecordError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('session records', () => {
  it('normalizes a scope: chain name or felt, padded or upper-case address', () => {
    expect(normalizeScope(scope)).toEqual({
      chainId: '0x534e5f4d41494e',
      accountAddress: '0xabc',
      appId: 'game',
    });
    expect(normalizeScope({ ...scope, chainId: '0x534E5F4D41494E' }).chainId).toBe('0x534e5f4d41494e');
    expect(() => normalizeScope({ ...scope, appId: '' })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => normalizeScope({ ...scope, accountAddress: '0x0' })).toThrowError(
      expect.objectContaining({ field: 'scope.accountAddress' }),
    );
  });

  it('fills the defaults of a new session: pending, no calls used, schema version 1', () => {
    expect(
      createStoredSession({ scope, publicKey: '0x0123', validUntil: 200, maxCalls: 3, now: 100 }),
    ).toEqual({
      schemaVersion: STORAGE_SCHEMA_VERSION,
      scope: { chainId: '0x534e5f4d41494e', accountAddress: '0xabc', appId: 'game' },
      publicKey: '0x123',
      validUntil: 200,
      maxCalls: 3,
      allowedSelectors: [],
      spendingLimits: [],
      createdAt: 100,
      status: 'pending',
      callsUsed: 0,
      updatedAt: 100,
    });
  });

  it('refuses a policy that JSON cannot carry', () => {
    expect(() =>
      createStoredSession({ scope, publicKey: '0x1', validUntil: 2, maxCalls: 1, policy: { amount: 1n } }),
    ).toThrowError(expect.objectContaining({ field: 'policy' }));
  });

  it('reads a current record as it is', () => {
    expect(parseSessionRecord(v1(), key, anySealed)).toEqual(v1());
  });

  it('upgrades an older record through the migration chain', () => {
    // A made-up version 0 that stored the session flat, to show the path a v2 will take.
    const { schemaVersion: _v, ...flat } = v1().session;
    const v0 = { format: SESSION_RECORD_FORMAT, schemaVersion: 0, ...flat };
    const migrations: Record<number, SessionRecordMigration> = {
      0: ({ format, schemaVersion: _old, ...fields }) => ({
        format,
        schemaVersion: 1,
        session: { ...fields, schemaVersion: 1 },
      }),
    };
    const { key: _sealed, ...withoutKey } = v1();
    expect(parseSessionRecord(v0, key, anySealed, migrations)).toEqual(withoutKey);
  });

  it('names what is wrong with a record it cannot read', () => {
    expect(problem(() => parseSessionRecord({ ...v1(), schemaVersion: 0 }, key, anySealed))).toBe(
      'unsupported-version',
    );
    expect(problem(() => parseSessionRecord({ ...v1(), schemaVersion: 9 }, key, anySealed))).toBe(
      'unsupported-version',
    );
    expect(problem(() => parseSessionRecord({ ...v1(), schemaVersion: '1' }, key, anySealed))).toBe(
      'malformed',
    );
    expect(problem(() => parseSessionRecord('{"format":', key, anySealed))).toBe('foreign');
    expect(problem(() => parseSessionRecord({ ...v1(), key: 42 }, key, anySealed))).toBe('malformed');
    const wrongStep = { 0: (r: Record<string, unknown>) => ({ ...r, schemaVersion: 5 }) };
    expect(problem(() => parseSessionRecord({ ...v1(), schemaVersion: 0 }, key, anySealed, wrongStep))).toBe(
      'malformed',
    );
    const elsewhere: RecordKey = ['0x534e5f4d41494e', '0xabd', 'game', '0x123'];
    expect(problem(() => parseSessionRecord(v1(), elsewhere, anySealed))).toBe('scope-mismatch');
  });

  it('checks a patch field by field, as in a session, and keeps only the fields it sets', () => {
    expect(
      normalizePatch({ status: 'active', callsUsed: 2, transactionHash: '0x0ABC', validUntil: undefined }),
    ).toEqual({ status: 'active', callsUsed: 2, transactionHash: '0xabc' });
    expect(normalizePatch({ transactionHash: 0xabc as never })).toEqual({ transactionHash: '0xabc' });
    expect(normalizePatch({})).toEqual({});
    for (const [patch, field] of [
      [{ callsUsed: -1 }, 'callsUsed'],
      [{ maxCalls: 2 ** 32 }, 'maxCalls'],
      [{ validUntil: 1.5 }, 'validUntil'],
      [{ status: 'done' }, 'status'],
      [{ transactionHash: 'tx' }, 'transactionHash'],
      // A stored session refuses a zero hash: the patch must not write a record that cannot be read back.
      [{ transactionHash: '0x0' }, 'transactionHash'],
      [{ transactionHash: 0 }, 'transactionHash'],
    ] as const) {
      expect(() => normalizePatch(patch as never)).toThrowError(
        expect.objectContaining({ code: 'INVALID_INPUT', field }),
      );
    }
  });

  it('tells which stored keys belong to a scope', () => {
    const normalized = normalizeScope(scope);
    expect(isInScope(key, normalized)).toBe(true);
    expect(isInScope(['0x534e5f4d41494e', '0xabc', 'other', '0x123'], normalized)).toBe(false);
    expect(isInScope('0x534e5f4d41494e', normalized)).toBe(false); // a foreign, non-array key
    expect(isInScope('anything', undefined)).toBe(true);
  });
});
