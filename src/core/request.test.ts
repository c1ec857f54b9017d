import { describe, expect, it } from 'vitest';
import { InvalidSessionRequestError } from './errors/index.js';
import { decodeSessionRequest, encodeSessionRequest, type SessionRequest } from './request.js';

const request: SessionRequest = {
  version: 1,
  chainId: '0x534e5f5345504f4c4941',
  publicKey: '0x5a5c5b9b1b6c2d4e3f0a1b2c3d4e5f60718293a4b5c6d7e8f9011121314151',
  policy: {
    actions: [
      { entrypoint: 'attack', contractAddress: '0x123', label: 'Attack a monster' },
      { entrypoint: 'transfer' },
    ],
    validUntil: 1_800_003_600,
    maxCalls: 20,
    spendingLimits: [
      {
        token: '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb',
        symbol: 'USDC',
        decimals: 6,
        maxPerCall: '5000000',
        maxPerWindow: '25000000',
        windowSeconds: 86_400,
      },
    ],
  },
  app: { name: 'Trading agent', url: 'https://agent.example' },
  requestedAt: 1_800_000_000,
};

const reasonOf = (text: string) => {
  try {
    decodeSessionRequest(text);
    return 'ok';
  } catch (error) {
    if (error instanceof InvalidSessionRequestError) return error.reason;
    throw error;
  }
};

describe('session request text', () => {
  it('round-trips through a URL-safe, versioned text, also from a whole link', () => {
    const text = encodeSessionRequest(request);
    expect(text).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(decodeSessionRequest(text)).toEqual(request);
    expect(decodeSessionRequest(`https://wallet.example/approve#session-request=${text}`)).toEqual(request);
    const withoutAccount = decodeSessionRequest(
      encodeSessionRequest({ ...request, accountAddress: '0x0abc' }),
    );
    expect(withoutAccount.accountAddress).toBe('0xabc');
  });

  it('stays short for a typical policy (two actions, one cap)', () => {
    expect(encodeSessionRequest(request).length).toBeLessThan(500);
  });

  it('refuses bad input with the reason: malformed, version, field', () => {
    const text = encodeSessionRequest(request);
    expect(reasonOf('')).toBe('malformed');
    expect(reasonOf('1.%%%')).toBe('malformed');
    expect(reasonOf(`1.${text.slice(2, 30)}`)).toBe('malformed');
    expect(reasonOf(`2.${text.slice(2)}`)).toBe('unsupported-version');
    const tamper = (edit: (tuple: unknown[]) => void) => {
      const tuple = JSON.parse(Buffer.from(text.slice(2), 'base64url').toString()) as unknown[];
      edit(tuple);
      return `1.${Buffer.from(JSON.stringify(tuple)).toString('base64url')}`;
    };
    expect(reasonOf(tamper((t) => (t[4] = -1)))).toBe('invalid-field');
    expect(reasonOf(tamper((t) => (t[2] = 'not a key')))).toBe('invalid-field');
    expect(reasonOf(tamper((t) => (t[2] = 'A')))).toBe('invalid-field');
    expect(reasonOf(tamper((t) => (t[2] = 'AA')))).toBe('invalid-field'); // the felt 0
    expect(reasonOf(tamper((t) => (t[8] = ['x', 'javascript:alert(1)'])))).toBe('invalid-field');
    expect(() => decodeSessionRequest(tamper((t) => (t[4] = 1.5)))).toThrowError(
      expect.objectContaining({ code: 'INVALID_SESSION_REQUEST', field: 'policy.maxCalls' }),
    );
  });
});
