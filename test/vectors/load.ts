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
