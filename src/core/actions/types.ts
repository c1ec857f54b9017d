import type { Call, PaymasterInterface, TypedData } from 'starknet';

/** The parts of a starknet.js provider (RpcProvider, or starknet-react's) the actions use. */
export interface SessionProviderLike {
  getChainId(): Promise<string>;
  /** `block`: a block number to pin the read to (default: the node's latest). */
  callContract(
    call: { contractAddress: string; entrypoint: string; calldata?: string[] },
    block?: number,
  ): Promise<string[]>;
  /** Used to pin reads that would change stored state (a revocation must be confirmed). */
  getBlockNumber?(): Promise<number>;
  /** Used to find a session's revocation event when no pinned read can confirm it. */
  getEvents?(filter: SessionEventFilter): Promise<{
    events: { keys: string[]; data: string[]; block_number?: number | undefined }[];
    continuation_token?: string | undefined;
  }>;
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

/** The starknet_getEvents filter the actions send (the spec's EVENT_FILTER + RESULT_PAGE_REQUEST). */
export interface SessionEventFilter {
  address: string;
  keys: string[][];
  from_block: { block_number: number };
  to_block: 'latest';
  chunk_size: number;
  continuation_token?: string | undefined;
}
