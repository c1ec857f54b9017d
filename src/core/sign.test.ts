import fc from 'fast-check';
import { invokeParameters, loadVectors, outsideExecutionParameters } from '../../test/vectors/load.js';
import { verifyHash } from './crypto/ecdsa.js';
import { InvalidInputError } from './errors/index.js';
import { computeOutsideExecutionHash, computeSessionInvokeHash } from './hash.js';
import { generateSessionKey, getSessionPublicKey, signOutsideExecution, signSessionInvoke } from './sign.js';

const { vectors: v } = loadVectors();
const invoke = v.invoke.input;
const invokeParams = invokeParameters(v);
const oe = v.outsideExecution;
const oeParams = outsideExecutionParameters(v);

describe('signSessionInvoke', () => {
  it('derives the vector public key', () => {
    expect(getSessionPublicKey(v.sessionPrivateKey)).toBe(v.sessionPublicKey);
  });

  it('produces the vector signature [pubkey, r, s, validUntil] (RFC 6979)', () => {
    expect(signSessionInvoke({ ...invokeParams, privateKey: v.sessionPrivateKey })).toEqual(
      v.invoke.signature,
    );
  });

  it('skips key derivation when the public key is given, with the same result', () => {
    const sig = signSessionInvoke({
      ...invokeParams,
      privateKey: v.sessionPrivateKey,
      publicKey: v.sessionPublicKey,
    });
    expect(sig).toEqual(v.invoke.signature);
  });

  it('refuses an invalid private key without echoing it', () => {
    for (const privateKey of [
      '0x0',
      'secret-ish',
      '0x800000000000011000000000000000000000000000000000000000000000001',
    ]) {
      try {
        signSessionInvoke({ ...invokeParams, privateKey });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(String((error as Error).message)).not.toContain(privateKey);
      }
    }
  });
});

describe('signOutsideExecution', () => {
  it('produces the vector signature over the u128 message hash', () => {
    const sig = signOutsideExecution({
      ...oeParams,
      privateKey: v.sessionPrivateKey,
      validUntil: invoke.validUntil,
    });
    expect(sig).toEqual(oe.sessionSignatureOverU128);
  });

  it('puts the given validUntil in signature[3] without hashing it', () => {
    const a = signOutsideExecution({ ...oeParams, privateKey: v.sessionPrivateKey, validUntil: 100 });
    const b = signOutsideExecution({ ...oeParams, privateKey: v.sessionPrivateKey, validUntil: 200 });
    expect(a.slice(0, 3)).toEqual(b.slice(0, 3));
    expect([a[3], b[3]]).toEqual(['0x64', '0xc8']);
  });
});

describe('generateSessionKey', () => {
  it('returns a fresh key pair whose public key matches the private key', () => {
    const a = generateSessionKey();
    const b = generateSessionKey();
    expect(a.privateKey).not.toBe(b.privateKey);
    expect(getSessionPublicKey(a.privateKey)).toBe(a.publicKey);
    expect(a.publicKey).toMatch(/^0x[0-9a-f]+$/);
  });
});

describe('signatures always verify against the public key (property)', () => {
  const felt = fc.bigInt({ min: 0n, max: 2n ** 251n });
  const address = fc.bigInt({ min: 1n, max: 2n ** 251n - 257n });
  const call = fc.record({
    contractAddress: address.map((a) => `0x${a.toString(16)}`),
    entrypoint: fc.constantFrom('transfer', 'approve', 'attack', 'move', '0x1234'),
    calldata: fc.array(
      felt.map((f) => `0x${f.toString(16)}`),
      { maxLength: 4 },
    ),
  });

  it('for direct invokes', () => {
    const key = generateSessionKey();
    fc.assert(
      fc.property(
        address,
        felt,
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.array(call, { minLength: 1, maxLength: 3 }),
        (acc, nonce, vu, calls) => {
          const params = {
            accountAddress: `0x${acc.toString(16)}`,
            chainId: 'SN_SEPOLIA',
            nonce,
            validUntil: vu,
            calls,
          };
          const [pub, r, s, validUntil] = signSessionInvoke({ ...params, privateKey: key.privateKey });
          expect(pub).toBe(key.publicKey);
          expect(BigInt(validUntil!)).toBe(BigInt(vu));
          const hash = BigInt(computeSessionInvokeHash(params));
          expect(verifyHash(hash, { r: BigInt(r!), s: BigInt(s!) }, BigInt(pub!))).toBe(true);
          expect(verifyHash(hash + 1n, { r: BigInt(r!), s: BigInt(s!) }, BigInt(pub!))).toBe(false);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('for outside executions', () => {
    const key = generateSessionKey();
    fc.assert(
      fc.property(felt, fc.array(call, { minLength: 1, maxLength: 3 }), (nonce, calls) => {
        const params = {
          accountAddress: oe.account,
          chainId: 'SN_MAIN',
          outsideExecution: { nonce, executeAfter: 1, executeBefore: 2 ** 40, calls },
        };
        const [pub, r, s] = signOutsideExecution({ ...params, privateKey: key.privateKey, validUntil: 5 });
        const hash = BigInt(computeOutsideExecutionHash(params));
        expect(verifyHash(hash, { r: BigInt(r!), s: BigInt(s!) }, BigInt(pub!))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
