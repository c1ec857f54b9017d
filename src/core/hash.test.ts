import { typedData } from 'starknet';
import { outsideExecutionTypedData } from '../../test/helpers/outsideExecution.js';
import { invokeParameters, loadVectors, outsideExecutionParameters } from '../../test/vectors/load.js';
import { ANY_CALLER } from './constants.js';
import { InvalidInputError } from './errors/index.js';
import { computeOutsideExecutionHash, computeSessionInvokeHash, outsideExecutionDomainHash } from './hash.js';

const { vectors: v } = loadVectors();

describe('computeSessionInvokeHash', () => {
  const input = v.invoke.input;
  const params = invokeParameters(v);

  it('matches the worked vector (spec §9.2 A)', () => {
    expect(computeSessionInvokeHash(params)).toBe(v.invoke.sessionMessageHash);
  });

  it('gives the same hash for an entrypoint name as for its selector', () => {
    const byName = params.calls.map((c) => ({ ...c, entrypoint: 'transfer' }));
    expect(computeSessionInvokeHash({ ...params, calls: byName })).toBe(v.invoke.sessionMessageHash);
  });

  it('accepts the chain as a shortstring name', () => {
    const name = Buffer.from(input.chainId.slice(2), 'hex').toString('ascii');
    expect(computeSessionInvokeHash({ ...params, chainId: name })).toBe(v.invoke.sessionMessageHash);
  });

  it('binds the nonce, validUntil, chain and every call field', () => {
    const base = computeSessionInvokeHash(params);
    const variants = [
      { ...params, nonce: BigInt(input.nonce) + 1n },
      { ...params, validUntil: input.validUntil + 1 },
      { ...params, chainId: '0x534e5f5345504f4c4941' },
      { ...params, calls: [{ ...params.calls[0]!, calldata: ['0xbeef', 1000001, 0] }] },
      { ...params, calls: [...params.calls, ...params.calls] },
    ];
    for (const variant of variants) expect(computeSessionInvokeHash(variant)).not.toBe(base);
  });

  it('refuses malformed input with a typed error instead of hashing garbage', () => {
    const bad = [
      { ...params, accountAddress: 'not an address' },
      { ...params, nonce: -1 },
      { ...params, validUntil: 2n ** 64n },
      { ...params, calls: [{ ...params.calls[0]!, entrypoint: 'trans fer' }] },
      { ...params, calls: [{ ...params.calls[0]!, calldata: ['0xzz'] }] },
      { ...params, calls: [{ ...params.calls[0]!, calldata: [-5] }] },
    ];
    for (const b of bad) expect(() => computeSessionInvokeHash(b)).toThrow(InvalidInputError);
  });
});

describe('computeOutsideExecutionHash', () => {
  const oe = v.outsideExecution;
  const params = outsideExecutionParameters(v);

  it('matches the worked u128 vector (spec §9.2 B), which is the default', () => {
    expect(computeOutsideExecutionHash(params)).toBe(oe.messageHashU128);
    expect(computeOutsideExecutionHash({ ...params, timestampType: 'u128' })).toBe(oe.messageHashU128);
  });

  it('matches the domain hashes of both public chains', () => {
    for (const [name, expected] of Object.entries(v.domainHash)) {
      const chainId = BigInt(`0x${Buffer.from(name, 'ascii').toString('hex')}`);
      expect(`0x${outsideExecutionDomainHash(chainId).toString(16)}`).toBe(expected);
    }
  });

  it('defaults the caller to ANY_CALLER', () => {
    const { caller: _, ...rest } = params.outsideExecution;
    expect(oe.oe.caller).toBe(ANY_CALLER);
    expect(computeOutsideExecutionHash({ ...params, outsideExecution: rest })).toBe(oe.messageHashU128);
  });

  // The felt variant is cross-checked against starknet.js's own SNIP-12 encoder, an independent path.
  it.each(['u128', 'felt'] as const)('agrees with starknet.js typedData for the %s variant', (ts) => {
    const td = outsideExecutionTypedData({
      chainId: oe.chainId,
      caller: oe.oe.caller,
      nonce: oe.oe.nonce,
      executeAfter: oe.oe.execute_after,
      executeBefore: oe.oe.execute_before,
      calls: oe.oe.calls.map((c) => ({ To: c.to, Selector: c.selector, Calldata: c.calldata.map(String) })),
      timestamps: ts,
    });
    const expected = typedData.getMessageHash(td, oe.account);
    expect(BigInt(computeOutsideExecutionHash({ ...params, timestampType: ts }))).toBe(BigInt(expected));
  });

  it('gives different hashes for the two timestamp variants', () => {
    expect(computeOutsideExecutionHash({ ...params, timestampType: 'felt' })).not.toBe(oe.messageHashU128);
  });

  it('refuses an unknown timestamp type and out-of-range timestamps', () => {
    // @ts-expect-error: testing a runtime guard
    expect(() => computeOutsideExecutionHash({ ...params, timestampType: 'u64' })).toThrow(InvalidInputError);
    expect(() =>
      computeOutsideExecutionHash({
        ...params,
        outsideExecution: { ...params.outsideExecution, executeBefore: 2n ** 64n },
      }),
    ).toThrow(InvalidInputError);
  });
});
