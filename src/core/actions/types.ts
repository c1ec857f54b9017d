import type { Call, PaymasterInterface, TypedData } from 'starknet';

/** The parts of a starknet.js provider (RpcProvider, or starknet-react's) the actions use. */
export interface SessionProviderLike {
  getChainId(): Promise<string>;
  callContract(call: { contractAddress: string; entrypoint: string; calldata?: string[] }): Promise<string[]>;
  getNonceForAddress?(address: string): Promise<string>;
  waitForTransaction(hash: string, options?: { retryInterval?: number }): Promise<unknown>;
  getTransactionTrace?(hash: string): Promise<unknown>;
  getClassAt?(address: string): Promise<unknown>;
  getClassHashAt?(address: string): Promise<string>;
}

/** The owner's wallet account (starknet.js AccountInterface, e.g. starknet-react's `useAccount().account`). */
export interface OwnerAccountLike {
  address: string;
  execute(calls: Call[]): Promise<{ transaction_hash: string }>;
  signMessage?(typedData: TypedData): Promise<unknown>;
}

/** A SNIP-29 paymaster client: starknet.js `PaymasterRpc`, or starknet-react's paymaster provider. */
export type PaymasterLike = Pick<PaymasterInterface, 'buildTransaction' | 'executeTransaction'> & {
  isAvailable?(): Promise<boolean>;
};

/** The scope every action works in. */
export interface SessionTarget {
  /** 0x hex felt of the chain; read from the provider when omitted. */
  chainId?: string | undefined;
  accountAddress: string;
}
