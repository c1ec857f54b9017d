import type { Call } from 'starknet';
import { toChainId } from '../../chain.js';
import {
  NonceConflictError,
  PaymasterResponseMismatchError,
  PaymasterUnavailableError,
} from '../../errors/index.js';
import { parseBigInt, toHex } from '../../felt.js';
import { outsideExecutionHashOf } from '../../hash.js';
import { type PaymasterTypedData, verifyPaymasterTypedData } from '../../paymaster.js';
import { formatSessionSignature } from '../../sign.js';
import { canSignOutsideExecution } from '../../worker/client.js';
import { messageOf } from '../classify.js';
import { buildInvoke, executeInvoke } from '../paymasterRequest.js';
import type { PaymasterLike } from '../types.js';
import type { Checked, ResolvedSession, Route, Sent } from './context.js';

/** Gasless: the paymaster builds the outside execution, we verify it, sign it with the session key, send it. */
export async function submitPaymaster(
  session: ResolvedSession,
  route: Route,
  paymaster: PaymasterLike,
  checked: Checked,
): Promise<Sent> {
  for (let round = 0; ; round++) {
    try {
      return await paymasterRound(session, route, paymaster, checked);
    } catch (error) {
      // Someone else used this outside-execution nonce: build (new nonce) and sign once more, then give up.
      if (round > 0 || !(error instanceof NonceConflictError)) throw error;
    }
  }
}

async function paymasterRound(
  session: ResolvedSession,
  route: Route,
  paymaster: PaymasterLike,
  checked: Checked,
): Promise<Sent> {
  const { config, address, accountAddress, signer, record } = session;
  const chainId = toChainId(session.scope.chainId);
  // Nothing is signed yet: retrying the build is always safe.
  const built = await buildInvoke(paymaster, accountAddress, session.calls as Call[], route.feeMode, config);
  const typedData = built.typed_data as PaymasterTypedData;
  const fee = built.fee?.suggested_max_fee_in_gas_token;
  const suggested = parseBigInt(fee);
  if (fee !== undefined && suggested === undefined) {
    throw new PaymasterResponseMismatchError('fee.suggested_max_fee_in_gas_token', 'not an amount');
  }
  const { outsideExecution, feeCall } = verifyPaymasterTypedData({
    typedData,
    accountAddress: address,
    chainId,
    calls: checked.calls,
    feeMode: route.feeMode,
    maxFeeInGasToken: route.maxFeeInGasToken ?? suggested,
    now: config.now(),
  });
  checked.recheck(
    feeCall && [
      {
        contractAddress: toHex(feeCall.to),
        entrypoint: toHex(feeCall.selector),
        calldata: feeCall.calldata.map(toHex),
      },
    ],
  );
  // A worker signer hashes where it signs: the page's main thread does no Poseidon and no ECDSA.
  const rs = canSignOutsideExecution(signer)
    ? await signer.signOutsideExecution({ accountAddress: address, chainId, outsideExecution })
    : await signer.signHash(outsideExecutionHashOf(address, chainId, outsideExecution, 'u128'));
  const signature = formatSessionSignature(BigInt(record.publicKey), rs, BigInt(record.validUntil));
  const sent = await executeInvoke(
    paymaster,
    accountAddress,
    typedData,
    signature,
    route.feeMode,
    config,
    onSendFailure(),
  );
  return { transactionHash: sent.transaction_hash, trackingId: sent.tracking_id, via: 'paymaster' };
}

/**
 * Re-sending the same signed payload can never execute twice (the nonce dedupes it), so it is retried on
 * any retryable failure. A "duplicated nonce" answer is only read as "taken by someone else" when no
 * earlier send of this payload may have landed.
 */
function onSendFailure() {
  let mayHaveLanded = false;
  return (error: unknown, e: unknown, retried: boolean) => {
    // (The message holds the mapped error's details too.)
    if (/duplicated nonce/i.test(messageOf(error))) {
      if (!mayHaveLanded) throw new NonceConflictError({ cause: error });
      throw new PaymasterUnavailableError(
        'The paymaster did not confirm the submission; it may have been executed.',
        {
          cause: error,
          retryable: false,
        },
      );
    }
    if (e instanceof PaymasterUnavailableError && e.retryable) {
      // 429 and 503 answers mean the request was turned away before anything ran.
      mayHaveLanded ||= !/\b429\b|\b503\b|rate.?limit|too many requests|service unavailable/i.test(
        messageOf(error),
      );
      if (!retried && mayHaveLanded) {
        throw new PaymasterUnavailableError(
          'The paymaster did not answer; the transaction may still be executed.',
          {
            cause: error,
            retryable: false,
          },
        );
      }
    }
  };
}
