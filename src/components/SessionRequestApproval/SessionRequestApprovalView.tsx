'use client';
import { useId } from 'react';
import type { TokenDisplayInfo } from '../../core/consent.js';
import { decodeShortString } from '../../core/felt.js';
import { type SessionRequest, sessionRequestPolicy } from '../../core/request.js';
import { cx } from '../classNames.js';
import { type ErrorLike, errorText } from '../errorLike.js';
import { shortHex } from '../format.js';
import {
  type ConsentFeeMode,
  type SessionConsentStatus,
  SessionConsentView,
} from '../SessionConsent/SessionConsentView.js';
import type { SessionText } from '../text.js';
import { defaultRequestText, type SessionRequestText } from './text.js';

/** Where the approval stands: the consent shows only in `ready`. */
export type SessionRequestApprovalState =
  | 'invalid'
  | 'disconnected'
  | 'wrong-chain'
  | 'wrong-account'
  | 'ready'
  | 'approved';

export interface SessionRequestApprovalViewProps {
  state: SessionRequestApprovalState;
  /** The decoded request (absent when `invalid`). */
  request?: SessionRequest | undefined;
  /** Why the link cannot be used (`invalid`). */
  invalid?: ErrorLike | undefined;
  /** The connected account and the wallet's chain (0x hex), for the wrong-chain/account messages. */
  accountAddress?: string | undefined;
  chainId?: string | undefined;
  /** The owner transaction once approved. */
  transactionHash?: string | undefined;
  /** `pending` while the wallet prompt is open; `error` shows `error` with a retry. */
  status?: SessionConsentStatus | undefined;
  error?: ErrorLike | undefined;
  feeMode?: ConsentFeeMode | undefined;
  paymasterName?: string | undefined;
  tokens?: readonly TokenDisplayInfo[] | undefined;
  /** Unix seconds (default the system clock). */
  now?: number | undefined;
  maxDurationSeconds?: number | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
  onApprove?: (() => void) | undefined;
  onReject?: (() => void) | undefined;
  text?: Partial<SessionRequestText> | undefined;
  consentText?: Partial<SessionText> | undefined;
  className?: string | undefined;
}

/** A chain id as people know it (SN_SEPOLIA), else short hex. */
const chainName = (chainId: string | undefined) =>
  chainId === undefined ? '?' : (decodeShortString(BigInt(chainId)) ?? shortHex(chainId));

/**
 * An agent's session request, from props alone: who asks (marked unverified: a link proves nothing),
 * the agent's key, and the consent for exactly the policy the link carries; or why it cannot be approved.
 */
export function SessionRequestApprovalView(props: SessionRequestApprovalViewProps) {
  const text = { ...defaultRequestText, ...props.text };
  const { request, state } = props;
  if (state === 'ready' && request) return <ReadyView {...props} request={request} text={text} />;
  const notice = noticeOf(props, text);
  return <Notice className={props.className} {...notice} onClose={props.onReject} close={text.close} />;
}

function noticeOf(props: SessionRequestApprovalViewProps, text: SessionRequestText) {
  const { request } = props;
  switch (props.state) {
    case 'disconnected':
      return { title: text.disconnectedTitle, body: text.disconnectedBody, tone: 'neutral' };
    case 'wrong-chain':
      return {
        title: text.wrongChainTitle,
        body: text.wrongChainBody(chainName(request?.chainId), chainName(props.chainId)),
        tone: 'danger',
      };
    case 'wrong-account':
      return {
        title: text.wrongAccountTitle,
        body: text.wrongAccountBody(
          shortHex(request?.accountAddress ?? '0x0'),
          shortHex(props.accountAddress ?? '0x0'),
        ),
        tone: 'danger',
      };
    case 'approved':
      return {
        title: text.approvedTitle,
        body: text.approvedBody(request?.app.name ?? ''),
        detail: props.transactionHash ? ([text.transaction, props.transactionHash] as const) : undefined,
        tone: 'success',
      };
    default:
      return {
        title: text.invalidTitle,
        body: props.invalid ? errorText(props.invalid) : '',
        tone: 'danger',
      };
  }
}

function Notice(props: {
  title: string;
  body: string;
  /** A label and a value shown as code (the transaction hash). */
  detail?: readonly [label: string, value: string] | undefined;
  tone: string;
  className?: string | undefined;
  close: string;
  onClose?: (() => void) | undefined;
}) {
  const id = useId();
  return (
    <section className={cx('ss-root ss-card ss-request', props.className)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="ss-title">
        {props.title}
      </h2>
      <div className={`ss-alert ss-alert--${props.tone}`} role={props.tone === 'danger' ? 'alert' : 'status'}>
        <p>{props.body}</p>
        {props.detail ? (
          <p className="ss-alert__detail">
            {props.detail[0]}: <code>{props.detail[1]}</code>
          </p>
        ) : null}
      </div>
      {props.onClose ? (
        <div className="ss-button-row">
          <button type="button" className="ss-button ss-button--secondary" onClick={props.onClose}>
            {props.close}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function ReadyView(
  props: SessionRequestApprovalViewProps & { request: SessionRequest; text: SessionRequestText },
) {
  const { request, text } = props;
  const origin = request.app.url ? new URL(request.app.url).host : undefined;
  return (
    <div className={cx('ss-root ss-request', props.className)}>
      <div className="ss-alert ss-alert--caution ss-request__notice" role="note">
        <p className="ss-alert__title">{text.unverifiedTitle}</p>
        <p>{text.unverifiedBody(request.app.name, origin)}</p>
        <p className="ss-alert__detail">
          {text.agentKey}: <code title={request.publicKey}>{shortHex(request.publicKey)}</code>
        </p>
      </div>
      <SessionConsentView
        policy={sessionRequestPolicy(request)}
        appName={`${request.app.name} (${text.unverified})`}
        appOrigin={origin ? `${origin} (${text.unverified})` : undefined}
        status={props.status}
        error={props.error}
        feeMode={props.feeMode}
        paymasterName={props.paymasterName}
        tokens={props.tokens}
        now={props.now}
        maxDurationSeconds={props.maxDurationSeconds}
        locale={props.locale}
        timeZone={props.timeZone}
        onApprove={props.onApprove}
        onReject={props.onReject}
        text={props.consentText}
      />
    </div>
  );
}
