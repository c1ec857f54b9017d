import type { SessionCall } from '../call.js';
import type { FeeMode, PaymasterTypedData } from '../paymaster.js';

/** The parts of a starknet.js provider (RpcProvider, or starknet-react's) the actions use. */
export interface SessionProviderLike {
  getChainId(): Promise<string>;
  callContract(call: { contractAddress: string; entrypoint: string; calldata?: string[] }): Promise<string[]>;
  getNonceForAddress?(address: string): Promise<string>;
  waitForTransaction(hash: string, options?: { retryInterval?: number }): Promise<unknown>;
  getTransactionTrace?(hash: string): Promise<unknown>;
  getClassAt?(address: string): Promise<unknown>;
}

/** The owner's wallet account (starknet.js AccountInterface, e.g. starknet-react's `useAccount().account`). */
export interface OwnerAccountLike {
  address: string;
  execute(calls: SessionCall[] | SessionCall): Promise<{ transaction_hash: string }>;
  signMessage?(typedData: PaymasterTypedData): Promise<unknown>;
}

/** A SNIP-29 paymaster client (starknet.js PaymasterRpc, or starknet-react's paymaster provider). */
export interface PaymasterLike {
  isAvailable?(): Promise<boolean>;
  buildTransaction(
    transaction: { type: 'invoke'; invoke: { userAddress: string; calls: SessionCall[] } },
    parameters: {
      version: '0x1';
      feeMode: FeeMode;
      timeBounds?: { executeAfter?: number; executeBefore: number };
    },
  ): Promise<unknown>;
  executeTransaction(
    transaction: {
      type: 'invoke';
      invoke: { userAddress: string; typedData: PaymasterTypedData; signature: string[] };
    },
    parameters: { version: '0x1'; feeMode: FeeMode },
  ): Promise<{ transaction_hash: string; tracking_id?: string }>;
}

/** The scope every action works in. */
export interface SessionTarget {
  /** 0x hex felt of the chain; read from the provider when omitted. */
  chainId?: string | undefined;
  accountAddress: string;
}
