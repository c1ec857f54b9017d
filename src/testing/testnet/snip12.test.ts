import { typedData } from 'starknet';
import { describe, expect, it } from 'vitest';
import { outsideExecutionTypes } from '../../../test/helpers/outsideExecution.js';
import { loadVectors, type VectorCall } from '../../../test/vectors/load.js';
import {
  outsideExecutionDomainHash,
  outsideExecutionMessageHash,
  sessionMessageHash,
  snip12TypeHashes,
} from './snip12.js';

const { vectors } = loadVectors();

const toCall = (c: VectorCall) => ({
  to: BigInt(c.to),
  selector: BigInt(c.selector),
  calldata: c.calldata.map((v) => BigInt(v)),
});

describe('the session account model hashes as the spec says', () => {
  it('derives the SNIP-12 type hashes from their revision-1 type strings', () => {
    const t = snip12TypeHashes();
    expect(t.domain).toBe(0x1ff2f602e42168014d405a94f75e8a93d640751d71d16311266e140d8b0a210n);
    expect(t.call).toBe(0x3635c7f2a7ba93844c0d064e18e487f35ab90f7c39d00f186a781fc3f0c2ca9n);
    expect(t.oeU128).toBe(0x312b56c05a7965066ddbda31c016d8d05afc305071c0ca3cdc2192c3c2f1f0fn);
    expect(t.oeFelt).toBe(0x5a4b49e17039355cd95d1f0981d75901191d1319b1f4b05a9a791d218d7e0cn);
  });

  it('computes the outside-execution domain hash of both networks', () => {
    expect(outsideExecutionDomainHash(0x534e5f4d41494en)).toBe(BigInt(vectors.domainHash.SN_MAIN!));
    expect(outsideExecutionDomainHash(0x534e5f5345504f4c4941n)).toBe(BigInt(vectors.domainHash.SN_SEPOLIA!));
  });

  it('computes the u128 outside-execution message hash of the worked vector', () => {
    const v = vectors.outsideExecution;
    const oe = {
      caller: BigInt(v.oe.caller),
      nonce: BigInt(v.oe.nonce),
      executeAfter: BigInt(v.oe.execute_after),
      executeBefore: BigInt(v.oe.execute_before),
      calls: v.oe.calls.map(toCall),
    };
    expect(outsideExecutionMessageHash(BigInt(v.account), BigInt(v.chainId), oe, 'u128')).toBe(
      BigInt(v.messageHashU128),
    );
  });

  it('gives the felt-timestamp variant a different hash than the u128 one', () => {
    const v = vectors.outsideExecution;
    const oe = {
      caller: BigInt(v.oe.caller),
      nonce: BigInt(v.oe.nonce),
      executeAfter: BigInt(v.oe.execute_after),
      executeBefore: BigInt(v.oe.execute_before),
      calls: v.oe.calls.map(toCall),
    };
    const felt = outsideExecutionMessageHash(BigInt(v.account), BigInt(v.chainId), oe, 'felt');
    expect(felt).not.toBe(BigInt(v.messageHashU128));
  });

  it('agrees with starknet.js typed-data hashing of the same outside execution', () => {
    const v = vectors.outsideExecution;
    const typed = {
      types: outsideExecutionTypes(),
      primaryType: 'OutsideExecution',
      domain: { name: 'Account.execute_from_outside', version: '2', chainId: 'SN_MAIN', revision: '1' },
      message: {
        Caller: v.oe.caller,
        Nonce: v.oe.nonce,
        'Execute After': v.oe.execute_after,
        'Execute Before': v.oe.execute_before,
        Calls: v.oe.calls.map((c) => ({ To: c.to, Selector: c.selector, Calldata: c.calldata.map(String) })),
      },
    };
    const oe = {
      caller: BigInt(v.oe.caller),
      nonce: BigInt(v.oe.nonce),
      executeAfter: BigInt(v.oe.execute_after),
      executeBefore: BigInt(v.oe.execute_before),
      calls: v.oe.calls.map(toCall),
    };
    // starknet.js is the wallet side; the model must land on the same number independently.
    expect(outsideExecutionMessageHash(BigInt(v.account), BigInt(v.chainId), oe, 'u128')).toBe(
      BigInt(typedData.getMessageHash(typed, v.account)),
    );
  });

  it('computes the direct-invoke session message hash of the worked vector', () => {
    const v = vectors.invoke;
    const h = sessionMessageHash(
      BigInt(v.input.account),
      BigInt(v.input.chainId),
      BigInt(v.input.nonce),
      BigInt(v.input.validUntil),
      v.input.calls.map(toCall),
    );
    expect(h).toBe(BigInt(v.sessionMessageHash));
  });
});
