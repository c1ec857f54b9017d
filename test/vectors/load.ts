import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One call as the vector files write it. */
export interface VectorCall {
  to: string;
  selector: string;
  calldata: (string | number)[];
}

export interface SessionVectors {
  sessionPrivateKey: string;
  sessionPublicKey: string;
  invoke: {
    input: {
      account: string;
      chainId: string;
      nonce: number | string;
      validUntil: number;
      calls: VectorCall[];
    };
    sessionMessageHash: string;
    signature: string[];
  };
  outsideExecution: {
    account: string;
    chainId: string;
    oe: { caller: string; nonce: string; execute_after: number; execute_before: number; calls: VectorCall[] };
    domainHash: string;
    structHashU128: string;
    messageHashU128: string;
    sessionSignatureOverU128: string[];
  };
  domainHash: Record<string, string>;
  constants: Record<string, string>;
  addSessionCalldata: string[];
  setSpendingPolicyCalldata: string[];
}

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The shared vectors (../shared/vectors beside the repository) when present, else the copy kept
 * here. SESSION_VECTORS=path/to/other.json runs the same tests against another vector file.
 */
export function loadVectors(): { source: string; vectors: SessionVectors } {
  const candidates = [
    process.env.SESSION_VECTORS,
    `${here}../../../shared/vectors/session-vectors.json`,
    `${here}session-vectors.json`,
  ].filter((p): p is string => Boolean(p));
  const source = candidates.find((p) => existsSync(p));
  if (!source) throw new Error(`No session vectors found in ${candidates.join(', ')}`);
  return { source, vectors: JSON.parse(readFileSync(source, 'utf8')) as SessionVectors };
}

export const toSessionCall = (c: VectorCall) => ({
  contractAddress: c.to,
  entrypoint: c.selector,
  calldata: c.calldata,
});

/** The invoke vector as `computeSessionInvokeHash` / `signSessionInvoke` parameters. */
export function invokeParameters(v: SessionVectors) {
  const input = v.invoke.input;
  return {
    accountAddress: input.account,
    chainId: input.chainId,
    nonce: input.nonce,
    validUntil: input.validUntil,
    calls: input.calls.map(toSessionCall),
  };
}

/** The outside-execution vector as `computeOutsideExecutionHash` / `signOutsideExecution` parameters. */
export function outsideExecutionParameters(v: SessionVectors) {
  const oe = v.outsideExecution;
  return {
    accountAddress: oe.account,
    chainId: oe.chainId,
    outsideExecution: {
      caller: oe.oe.caller,
      nonce: oe.oe.nonce,
      executeAfter: oe.oe.execute_after,
      executeBefore: oe.oe.execute_before,
      calls: oe.oe.calls.map(toSessionCall),
    },
  };
}
