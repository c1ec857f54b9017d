import { describe, expect, it } from 'vitest';
import { signHash, starkPublicKey, verifyHash } from '../crypto/ecdsa.js';
import { createMemoryStorage } from './memory.js';
import { createStoredSession } from './record.js';
import { createRemoteSigner, withExternalSigner } from './signer.js';

const privateKey = 0x9999n;
const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
// Stands for a back end holding the key: it answers with hex strings, as JSON would.
const remote = async (hash: string) => {
  const { r, s } = signHash(BigInt(hash), privateKey);
  return { r: `0x${r.toString(16)}`, s: `0x${s.toString(16)}` };
};

describe('createRemoteSigner', () => {
  it('returns the remote signature once it verifies against the session key', async () => {
    const signer = createRemoteSigner({ publicKey, sign: remote });
    const signature = await signer.signHash(12345n);
    expect(verifyHash(12345n, signature, BigInt(publicKey))).toBe(true);
  });

  it('accepts an [r, s] pair as well', async () => {
    const signer = createRemoteSigner({
      publicKey,
      sign: async (hash) => {
        const { r, s } = signHash(BigInt(hash), privateKey);
        return [r, s] as const;
      },
    });
    expect(verifyHash(7n, await signer.signHash(7n), BigInt(publicKey))).toBe(true);
  });

  it('refuses a signature made with another key (SIGNER_FAILED, invalid-signature)', async () => {
    const signer = createRemoteSigner({
      publicKey,
      sign: async (hash) => signHash(BigInt(hash), privateKey + 1n),
    });
    await expect(signer.signHash(1n)).rejects.toMatchObject({
      code: 'SIGNER_FAILED',
      reason: 'invalid-signature',
    });
  });

  it('reports a malformed answer and a failing signer with their reasons', async () => {
    const garbage = createRemoteSigner({ publicKey, sign: async () => ({ r: 'nope', s: '0x1' }) });
    await expect(garbage.signHash(1n)).rejects.toMatchObject({ reason: 'invalid-response' });
    const down = createRemoteSigner({
      publicKey,
      sign: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await expect(down.signHash(1n)).rejects.toMatchObject({ code: 'SIGNER_FAILED', reason: 'failed' });
  });
});

describe('withExternalSigner', () => {
  const scope = { chainId: 'SN_SEPOLIA', accountAddress: '0x42', appId: 'agent' };
  const session = () =>
    createStoredSession({ scope, publicKey, validUntil: 2 ** 40, maxCalls: 5, status: 'active' });

  it('keeps the records locally and signs remotely, refusing to store a private key', async () => {
    const storage = withExternalSigner(createMemoryStorage(), async (_scope, key) =>
      createRemoteSigner({ publicKey: key, sign: remote }),
    );
    await expect(storage.set(session(), privateKey)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await storage.set(session());
    const signer = await storage.getSigner(scope, publicKey);
    expect(verifyHash(3n, await signer!.signHash(3n), BigInt(publicKey))).toBe(true);
    expect(storage.kind).toBe('memory+external-signer');
  });

  it('stops signing once the session is revoked in storage', async () => {
    const storage = withExternalSigner(createMemoryStorage(), async (_scope, key) =>
      createRemoteSigner({ publicKey: key, sign: remote }),
    );
    await storage.set(session());
    const signer = await storage.getSigner(scope, publicKey);
    await storage.update(scope, publicKey, { status: 'revoked' });
    await expect(signer!.signHash(3n)).rejects.toMatchObject({ code: 'SESSION_REVOKED' });
    expect(await storage.getSigner(scope, publicKey)).toBeUndefined();
  });

  it('refuses a resolved signer that holds another key', async () => {
    const storage = withExternalSigner(createMemoryStorage(), async () =>
      createRemoteSigner({ publicKey: '0x1', sign: remote }),
    );
    await storage.set(session());
    await expect(storage.getSigner(scope, publicKey)).rejects.toMatchObject({ reason: 'key-mismatch' });
  });
});
