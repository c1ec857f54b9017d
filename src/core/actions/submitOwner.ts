import type { Call, TypedData } from 'starknet';
import { normalizeCalls } from '../call.js';
import type { AccountCall } from '../calls.js';
import { toChainId } from '../chain.js';
import {
  PaymasterRejectedError,
  PaymasterUnavailableError,
  TransactionRevertedError,
} from '../errors/index.js';
import { toHex } from '../felt.js';
import { type PaymasterTypedData, verifyPaymasterTypedData } from '../paymaster.js';
import { messageOf, revertReason, rpcError, walletError } from './classify.js';
import type { SessionConfig } from './config.js';
import { buildInvoke, executeInvoke, requestedTimeBounds } from './paymasterRequest.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from './types.js';

/**
 * Sends owner calls (create / revoke) with ONE wallet prompt: an invoke the account pays, or, when
 * `sponsored`, an outside execution the owner signs as typed data and the paymaster pays. Returns the
 * transaction hash.
 */
export async function submitOwnerCalls(
  config: SessionConfig,
  p: { sponsored?: boolean | undefined; paymaster?: PaymasterLike | undefined },
  owner: OwnerAccountLike,
  calls: AccountCall[],
  chainId: string,
): Promise<string> {
  if (!p.sponsored) return ownerExecute(owner, calls);
  const paymaster = p.paymaster ?? config.paymaster;
  if (!paymaster) throw new PaymasterRejectedError('Sponsoring needs a paymaster.');
  if (!owner.signMessage) throw new PaymasterRejectedError('This wallet cannot sign typed data.');
  const feeMode = { mode: 'sponsored' } as const;
  const bounds = requestedTimeBounds(config);
  const { typed_data: typedData } = await buildInvoke(
    paymaster,
    owner.address,
    calls,
    feeMode,
    undefined,
    bounds,
  );
  verifyPaymasterTypedData({
    typedData: typedData as PaymasterTypedData,
    accountAddress: BigInt(owner.address),
    chainId: toChainId(chainId),
    calls: normalizeCalls(calls),
    feeMode,
    now: config.now(),
    maxExecuteWindowSeconds: config.maxExecuteWindowSeconds,
    paymasterForwarder:
      config.paymasterForwarder === undefined ? undefined : BigInt(config.paymasterForwarder),
    allowAnyCaller: config.allowAnyCaller,
  });
  let signature: string[];
  try {
    // Wallets return string[] while starknet.js signers return a noble `{ r, s }`: accept both.
    const answer = await owner.signMessage(typedData as unknown as TypedData);
    const rs = answer as { r?: unknown; s?: unknown } | null;
    const felts: unknown[] = Array.isArray(answer) ? answer : [rs?.r, rs?.s];
    if (felts.includes(undefined))
      throw new TransactionRevertedError(undefined, { details: 'The wallet returned no signature.' });
    signature = felts.map((v) => toHex(BigInt(v as string)));
  } catch (error) {
    throw walletError(error);
  }
  try {
    return (await executeInvoke(paymaster, owner.address, typedData, signature, feeMode)).transaction_hash;
  } catch (error) {
    // The signed payload has left: unless the paymaster refused it, it may have run.
    if (error instanceof PaymasterUnavailableError && error.retryable) {
      throw new PaymasterUnavailableError('The paymaster did not answer; it may have executed.', {
        cause: error,
        details: error.details,
        retryable: false,
      });
    }
    throw error;
  }
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
  // starknet.js (^10) receipts carry the RPC fields themselves (its ReceiptTx assigns them).
  const r = receipt as { execution_status?: string; revert_reason?: string } | undefined;
  if (r?.execution_status === 'REVERTED') {
    throw new TransactionRevertedError(transactionHash, { details: r.revert_reason });
  }
  return receipt;
}
