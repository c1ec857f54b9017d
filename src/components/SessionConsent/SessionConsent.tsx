'use client';
import type { CreateSessionReturnType } from '../../core/actions/index.js';
import { useSessionConfig } from '../../react/context.js';
import { useSessionSupport } from '../../react/queries.js';
import { useCreateSession } from '../../react/useCreateSession.js';
import { useStarknetBindings } from '../../react/useStarknet.js';
import { SessionConsentDialog } from './SessionConsentDialog.js';
import {
  type ConsentFeeMode,
  SessionConsentView,
  type SessionConsentViewProps,
} from './SessionConsentView.js';

export interface SessionConsentProps
  extends Omit<
    SessionConsentViewProps,
    'status' | 'error' | 'onApprove' | 'onRetry' | 'now' | 'feeMode' | 'maxDurationSeconds'
  > {
  /** Reuse a live session that already covers the policy instead of asking again (ensureSession). */
  reuse?: boolean | undefined;
  /** The owner signs a typed message and the paymaster pays for the creation (still one prompt). */
  sponsored?: boolean | undefined;
  /** The session is live (or an existing one was reused). */
  onApproved?: ((result: CreateSessionReturnType) => void) | undefined;
  /** Show the consent in a modal `<dialog>` instead of inline. */
  dialog?: boolean | undefined;
  /** With `dialog`: whether it is open (default true). */
  open?: boolean | undefined;
  /** With `dialog`: Escape pressed. Default onReject. */
  onClose?: (() => void) | undefined;
}

/**
 * The consent card wired to the session hooks: Approve asks the connected wallet for ONE transaction
 * (useCreateSession), shows pending while the wallet is open, and an error with retry when it fails.
 * Fee mode, clock and limits come from the SessionProvider's config.
 */
export function SessionConsent({
  reuse,
  sponsored,
  onApproved,
  dialog,
  open = true,
  onClose,
  ...view
}: SessionConsentProps) {
  const config = useSessionConfig();
  const { paymaster } = useStarknetBindings();
  const create = useCreateSession();
  const support = useSessionSupport();
  const feeMode: ConsentFeeMode = (config.paymaster ?? paymaster) ? config.feeMode : { mode: 'direct' };
  const props: SessionConsentViewProps = {
    ...view,
    feeMode,
    maxFeeInGasToken: config.maxFeeInGasToken,
    now: config.now(),
    maxDurationSeconds: config.maxDurationSeconds,
    accountVersion: view.accountVersion ?? support.data?.accountVersion,
    status: create.isPending ? 'pending' : create.error ? 'error' : 'idle',
    error: create.error ?? undefined,
    // useCreateSession reads the account from the connector if this component has not received it yet.
    onApprove: () => {
      create.mutate(
        { policy: view.policy, sponsored, reuse },
        { onSuccess: (result) => onApproved?.(result) },
      );
    },
    onReject: () => {
      create.reset();
      view.onReject?.();
    },
  };
  if (dialog) return <SessionConsentDialog {...props} open={open} onClose={onClose} />;
  return <SessionConsentView {...props} />;
}
