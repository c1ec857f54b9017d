'use client';
import { useMemo } from 'react';
import type { ApproveSessionRequestReturnType } from '../../core/actions/index.js';
import { isSessionError, type SessionError } from '../../core/errors/index.js';
import { checkRequest, decodeSessionRequest, type SessionRequest } from '../../core/request.js';
import { useSessionConfig } from '../../react/context.js';
import { useApproveSessionRequest } from '../../react/useApproveSessionRequest.js';
import { useStarknetBindings } from '../../react/useStarknet.js';
import type { ConsentFeeMode } from '../SessionConsent/SessionConsentView.js';
import {
  type SessionRequestApprovalState,
  SessionRequestApprovalView,
  type SessionRequestApprovalViewProps,
} from './SessionRequestApprovalView.js';

export interface SessionRequestApprovalProps
  extends Omit<
    SessionRequestApprovalViewProps,
    | 'state'
    | 'request'
    | 'invalid'
    | 'accountAddress'
    | 'chainId'
    | 'transactionHash'
    | 'status'
    | 'error'
    | 'feeMode'
    | 'now'
    | 'maxDurationSeconds'
    | 'onApprove'
  > {
  /** The decoded request; or give `link` (the whole link, or its `1.…` text). */
  request?: SessionRequest | undefined;
  link?: string | undefined;
  /** The owner signs a typed message and the paymaster pays for the approval (still one prompt). */
  sponsored?: boolean | undefined;
  onApproved?: ((result: ApproveSessionRequestReturnType) => void) | undefined;
}

type Decoded = { request: SessionRequest } | { invalid: SessionError };

/**
 * Drop-in approval of an agent's request: decodes the link, checks the wallet's chain and account,
 * shows the consent (requester marked unverified) and approves with ONE wallet prompt.
 */
export function SessionRequestApproval({
  request,
  link,
  sponsored,
  onApproved,
  ...view
}: SessionRequestApprovalProps) {
  const config = useSessionConfig();
  const { paymaster, accountAddress, chainId } = useStarknetBindings();
  const approve = useApproveSessionRequest();
  const decoded = useMemo((): Decoded => {
    try {
      return { request: request ? checkRequest(request) : decodeSessionRequest(link ?? '') };
    } catch (error) {
      if (isSessionError(error)) return { invalid: error };
      throw error;
    }
  }, [request, link]);
  const valid = 'request' in decoded ? decoded.request : undefined;
  const feeMode: ConsentFeeMode = (config.paymaster ?? paymaster) ? config.feeMode : { mode: 'direct' };
  return (
    <SessionRequestApprovalView
      {...view}
      state={stateOf(valid, accountAddress, chainId, approve.isSuccess)}
      request={valid}
      invalid={'invalid' in decoded ? decoded.invalid : undefined}
      accountAddress={accountAddress}
      chainId={chainId}
      transactionHash={approve.data?.transactionHash}
      status={approve.isPending ? 'pending' : approve.error ? 'error' : 'idle'}
      error={approve.error ?? undefined}
      feeMode={feeMode}
      now={config.now()}
      maxDurationSeconds={config.maxDurationSeconds}
      onApprove={() => valid && approve.approve(valid, { sponsored }, { onSuccess: onApproved })}
      onReject={
        view.onReject &&
        (() => {
          approve.reset();
          view.onReject?.();
        })
      }
    />
  );
}

function stateOf(
  request: SessionRequest | undefined,
  account: string | undefined,
  chainId: string | undefined,
  approved: boolean,
): SessionRequestApprovalState {
  if (!request) return 'invalid';
  if (approved) return 'approved';
  if (!account) return 'disconnected';
  if (chainId !== undefined && BigInt(chainId) !== BigInt(request.chainId)) return 'wrong-chain';
  if (request.accountAddress !== undefined && BigInt(request.accountAddress) !== BigInt(account)) {
    return 'wrong-account';
  }
  return 'ready';
}
