import type { Call, TypedData } from 'starknet';
import { normalizeCalls } from '../call.js';
import type { AccountCall } from '../calls.js';
import { toChainId } from '../chain.js';
import { PaymasterRejectedError, TransactionRevertedError } from '../errors/index.js';
import { toHex } from '../felt.js';
import { type PaymasterTypedData, verifyPaymasterTypedData } from '../paymaster.js';
import { messageOf, paymasterError, revertReason, rpcError, walletError } from './classify.js';
import type { SessionConfig } from './config.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from './types.js';

type OutsideExecutionTypedData = Parameters<PaymasterLike['executeTransaction']>[0] extends {
  invoke: { typedData: infer T };
}
  ? T
  : never;

export interface OwnerSubmission {
  transactionHash: string;
  /** Who paid: the owner's account, or the paymaster (sponsored owner outside execution). */
  paidBy: 'account' | 'paymaster';
}

/**
 * Sends owner calls (create / revoke) with ONE wallet prompt: an invoke the account pays, or, when
 * `sponsored`, an outside execution the owner signs as typed data and the paymaster pays.
 */
export async function submitOwnerCalls(
  config: SessionConfig,
  p: {
    owner: OwnerAccountLike;
    calls: AccountCall[];
    chainId: string;
    sponsored?: boolean | undefined;
    paymaster?: PaymasterLike | undefined;
  },
): Promise<OwnerSubmission> {
  if (!p.sponsored) {
    try {
      const { transaction_hash } = await p.owner.execute(p.calls);
      return { transactionHash: transaction_hash, paidBy: 'account' };
    } catch (error) {
      throw walletError(error);
    }
  }
  const paymaster = p.paymaster ?? config.paymaster;
  if (!paymaster) throw new PaymasterRejectedError('Sponsored creation needs a paymaster.');
  if (!p.owner.signMessage) throw new PaymasterRejectedError('This wallet cannot sign typed data.');
  const feeMode = { mode: 'sponsored' } as const;
  let built: unknown;
  try {
    built = await paymaster.buildTransaction(
      { type: 'invoke', invoke: { userAddress: p.owner.address, calls: p.calls as Call[] } },
      { version: '0x1', feeMode },
    );
  } catch (error) {
    throw paymasterError(error);
  }
  const typedData = (built as { typed_data?: PaymasterTypedData }).typed_data as PaymasterTypedData;
  verifyPaymasterTypedData({
    typedData,
    accountAddress: BigInt(p.owner.address),
    chainId: toChainId(p.chainId),
    calls: normalizeCalls(p.calls),
    feeMode,
    now: config.now(),
  });
  let signature: string[];
  try {
    signature = signatureToHex(await p.owner.signMessage(typedData as unknown as TypedData));
  } catch (error) {
    throw walletError(error);
  }
  try {
    const result = await paymaster.executeTransaction(
      {
        type: 'invoke',
        invoke: {
          userAddress: p.owner.address,
          typedData: typedData as unknown as OutsideExecutionTypedData,
          signature,
        },
      },
      { version: '0x1', feeMode },
    );
    return { transactionHash: result.transaction_hash, paidBy: 'paymaster' };
  } catch (error) {
    throw paymasterError(error);
  }
}

/** Wallets return string[] while starknet.js signers return a noble `{ r, s }`: accept both. */
export function signatureToHex(signature: unknown): string[] {
  if (Array.isArray(signature)) return signature.map((v) => toHex(BigInt(v as string)));
  const rs = signature as { r?: unknown; s?: unknown } | null;
  if (rs && rs.r !== undefined && rs.s !== undefined) {
    return [toHex(BigInt(rs.r as bigint)), toHex(BigInt(rs.s as bigint))];
  }
  throw new TransactionRevertedError(undefined, { details: 'The wallet returned no signature.' });
}

/** Waits for a transaction and throws if it reverted. Returns the receipt. */
export async function waitForSuccess(
  provider: SessionProviderLike,
  transactionHash: string,
): Promise<unknown> {
  let receipt: unknown;
  try {
    receipt = await provider.waitForTransaction(transactionHash, { retryInterval: 200 });
  } catch (error) {
    // starknet.js throws on REJECTED/REVERTED statuses too; anything else means "outcome unknown".
    if (/REVERTED|REJECTED/.test(messageOf(error))) {
      throw new TransactionRevertedError(transactionHash, { cause: error, details: revertReason(error) });
    }
    throw rpcError(error, 'starknet_getTransactionReceipt');
  }
  const r = receipt as {
    execution_status?: string;
    revert_reason?: string;
    value?: { execution_status?: string; revert_reason?: string };
  };
  const status = r?.execution_status ?? r?.value?.execution_status;
  if (status === 'REVERTED') {
    throw new TransactionRevertedError(transactionHash, {
      details: r?.revert_reason ?? r?.value?.revert_reason,
    });
  }
  return receipt;
}
