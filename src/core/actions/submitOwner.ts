import type { Call, TypedData } from 'starknet';
import { normalizeCalls } from '../call.js';
import type { AccountCall } from '../calls.js';
import { toChainId } from '../chain.js';
import { PaymasterRejectedError, TransactionRevertedError } from '../errors/index.js';
import { toHex } from '../felt.js';
import { type PaymasterTypedData, verifyPaymasterTypedData } from '../paymaster.js';
import { messageOf, revertReason, rpcError, walletError } from './classify.js';
import type { SessionConfig } from './config.js';
import { buildInvoke, executeInvoke } from './paymasterRequest.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from './types.js';

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
  if (!p.sponsored) return { transactionHash: await ownerExecute(p.owner, p.calls), paidBy: 'account' };
  const paymaster = p.paymaster ?? config.paymaster;
  if (!paymaster) throw new PaymasterRejectedError('Sponsored creation needs a paymaster.');
  if (!p.owner.signMessage) throw new PaymasterRejectedError('This wallet cannot sign typed data.');
  const feeMode = { mode: 'sponsored' } as const;
  const { typed_data: typedData } = await buildInvoke(paymaster, p.owner.address, p.calls, feeMode);
  verifyPaymasterTypedData({
    typedData: typedData as PaymasterTypedData,
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
  const { transaction_hash } = await executeInvoke(paymaster, p.owner.address, typedData, signature, feeMode);
  return { transactionHash: transaction_hash, paidBy: 'paymaster' };
}

/** Sends calls from the owner's wallet (one prompt); what the wallet throws becomes the library's error. */
export async function ownerExecute(owner: OwnerAccountLike, calls: Call[]): Promise<string> {
  try {
    const { transaction_hash } = await owner.execute(calls);
    return transaction_hash;
  } catch (error) {
    throw walletError(error);
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
