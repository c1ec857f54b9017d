'use client';
import { type ReactNode, type Ref, useId, useMemo } from 'react';
import type { AccountVersion } from '../../core/accountRules.js';
import {
  type ConsentWarning,
  describeSessionPolicy,
  type SessionConsentSummary,
  spendingTokenInfo,
  type TokenDisplayInfo,
} from '../../core/consent.js';
import { isSessionError } from '../../core/errors/index.js';
import type { FeeMode } from '../../core/paymaster.js';
import type { SessionPolicy } from '../../core/policy.js';
import { cx } from '../classNames.js';
import { type ErrorLike, errorText, isRejection } from '../errorLike.js';
import {
  formatDate,
  formatDuration,
  formatInteger,
  formatTokenValue,
  formatWindow,
  isoDate,
  joinList,
  shortHex,
  tokenName,
} from '../format.js';
import { SeverityIcon, Spinner } from '../icons.js';
import { mergeText, type SessionText } from '../text.js';

/** Who pays gas: a SNIP-29 fee mode, or `direct` (no paymaster: the account pays its own fees). */
export type ConsentFeeMode = FeeMode | { mode: 'direct' };

export type SessionConsentStatus = 'idle' | 'pending' | 'error';

export interface SessionConsentViewProps {
  /** What the app asks for. */
  policy: SessionPolicy;
  /** The app's name, as the user knows it. */
  appName: string;
  /** Where the app runs, e.g. "dragon.example" (shown under the name). */
  appOrigin?: string | undefined;
  /** The paymaster's name for "Sponsored by …". */
  paymasterName?: string | undefined;
  /** Default sponsored. */
  feeMode?: ConsentFeeMode | undefined;
  /** Gas-token mode: the app's bound on one fee (base units), shown beside the gas token. */
  maxFeeInGasToken?: bigint | undefined;
  /** Symbols and decimals of tokens that appear in actions or as the gas token. */
  tokens?: readonly TokenDisplayInfo[] | undefined;
  /** Unix seconds; the expiry shown is now + duration. Default: the system clock. */
  now?: number | undefined;
  /** The account's session-account version: adds what that version cannot do to the warnings. */
  accountVersion?: AccountVersion | undefined;
  /** Longest session the app allows (default 30 days), as in createSessionConfig. */
  maxDurationSeconds?: number | undefined;
  /** `pending` while the wallet prompt is open; `error` shows `error` with a retry. */
  status?: SessionConsentStatus | undefined;
  /** A SessionError (its shortMessage is shown); code USER_REJECTED reads as a rejection, not a failure. */
  error?: ErrorLike | undefined;
  onApprove?: (() => void) | undefined;
  onReject?: (() => void) | undefined;
  /** Default: onApprove. */
  onRetry?: (() => void) | undefined;
  locale?: string | undefined;
  /** IANA zone for the expiry (default the user's). */
  timeZone?: string | undefined;
  /** 2 by default; sections use the next level. */
  headingLevel?: 2 | 3 | 4 | undefined;
  text?: Partial<SessionText> | undefined;
  className?: string | undefined;
  /** The title element, for focus handling in a dialog. */
  titleRef?: Ref<HTMLHeadingElement> | undefined;
  /** Id of the title element (the dialog labels itself with it). */
  titleId?: string | undefined;
  /** Id of the lead paragraph (the dialog's description). */
  descriptionId?: string | undefined;
}

/**
 * The consent card: the app, each allowed action, limits, exact expiry, spending caps, who pays gas,
 * and every warning the protocol makes necessary. Renders from props alone.
 */
export function SessionConsentView(props: SessionConsentViewProps) {
  const text = mergeText(props.text);
  const ownIds = useId();
  const titleId = props.titleId ?? `${ownIds}-title`;
  const leadId = props.descriptionId ?? `${ownIds}-lead`;
  const result = useConsentSummary(props);
  const level = props.headingLevel ?? 2;
  const H = `h${level}` as 'h2';
  const head: ConsentHead = { props, text, titleId, leadId, H };
  if ('invalid' in result) return invalidConsent(head, result.invalid);
  const { summary } = result;
  const status: SessionConsentStatus = props.status ?? (props.error ? 'error' : 'idle');
  const pending = status === 'pending';
  const part: ConsentPart = {
    ...head,
    summary,
    // Names for tokens: the caps' own symbols first (as SessionStatus reads them), then the app's list.
    known: [...spendingTokenInfo(props.policy), ...(props.tokens ?? [])],
    ownIds,
    H2: `h${level + 1}` as 'h3',
    duration: formatDuration(summary.durationSeconds, text),
    status,
  };
  return (
    <section
      className={cx('ss-root ss-card ss-consent', props.className)}
      aria-labelledby={titleId}
      aria-describedby={leadId}
      aria-busy={pending || undefined}
    >
      {consentHeader(part)}
      <div className="ss-consent__body">
        {consentActions(part)}
        {consentFacts(part)}
        {summary.spendingLimits.length > 0 ? consentCaps(part) : null}
        {consentWarnings(part)}
      </div>
      {consentFooter(part)}
    </section>
  );
}

/** The summary, or the typed reason the policy cannot be shown. */
function useConsentSummary(
  props: SessionConsentViewProps,
): { summary: SessionConsentSummary } | { invalid: ErrorLike } {
  const now = props.now ?? Math.floor(Date.now() / 1000);
  const direct = props.feeMode?.mode === 'direct';
  const feeMode = direct ? undefined : (props.feeMode as FeeMode | undefined);
  return useMemo(() => {
    try {
      return {
        summary: describeSessionPolicy(props.policy, {
          now,
          feeMode,
          maxFeeInGasToken: props.maxFeeInGasToken,
          maxDurationSeconds: props.maxDurationSeconds,
          accountVersion: props.accountVersion,
        }),
      };
    } catch (error) {
      if (isSessionError(error)) return { invalid: error };
      throw error;
    }
  }, [props.policy, now, feeMode, props.maxFeeInGasToken, props.maxDurationSeconds, props.accountVersion]);
}

/** What the card's title parts share. */
interface ConsentHead {
  props: SessionConsentViewProps;
  text: SessionText;
  titleId: string;
  leadId: string;
  H: 'h2';
}

/** What every part of the card reads. */
interface ConsentPart extends ConsentHead {
  summary: SessionConsentSummary;
  known: readonly TokenDisplayInfo[];
  ownIds: string;
  H2: 'h3';
  duration: string;
  status: SessionConsentStatus;
}

/** The policy cannot be described: say why, offer only a close. */
function invalidConsent({ props, text, titleId, leadId, H }: ConsentHead, error: ErrorLike) {
  return (
    <section
      className={cx('ss-root ss-card ss-consent', props.className)}
      aria-labelledby={titleId}
      aria-describedby={leadId}
    >
      <header className="ss-consent__header">
        <H id={titleId} className="ss-title" tabIndex={-1} ref={props.titleRef}>
          {text.invalidTitle}
        </H>
      </header>
      <div className="ss-alert ss-alert--danger" role="alert">
        <p id={leadId}>{text.invalidBody(props.appName)}</p>
        <p className="ss-alert__detail">{errorText(error)}</p>
      </div>
      <footer className="ss-consent__footer">
        <div className="ss-button-row">
          <button type="button" className="ss-button ss-button--secondary" onClick={props.onReject}>
            {text.close}
          </button>
        </div>
      </footer>
    </section>
  );
}

function consentHeader({ props, text, titleId, leadId, H, summary, duration }: ConsentPart) {
  const maxCalls = text.transactions(summary.maxCalls, formatInteger(summary.maxCalls, props.locale));
  return (
    <header className="ss-consent__header">
      <div className="ss-consent__app">
        <span className="ss-avatar" aria-hidden="true">
          {props.appName.trim().charAt(0).toUpperCase() || '?'}
        </span>
        <div className="ss-consent__app-text">
          <H id={titleId} className="ss-title" tabIndex={-1} ref={props.titleRef}>
            {text.consentTitle(props.appName)}
          </H>
          {props.appOrigin ? <p className="ss-muted ss-consent__origin">{props.appOrigin}</p> : null}
        </div>
      </div>
      <p id={leadId} className="ss-lead">
        {text.consentLead(props.appName, duration, maxCalls)}
      </p>
    </header>
  );
}

function consentActions({ text, summary, ownIds, H2 }: ConsentPart) {
  return (
    <section className="ss-section" aria-labelledby={`${ownIds}-actions`}>
      <H2 id={`${ownIds}-actions`} className="ss-section__title">
        {text.consentActionsHeading}
      </H2>
      {summary.anyAction ? (
        <p className="ss-action ss-action--any">{text.consentAnyAction}</p>
      ) : (
        <ul className="ss-action-list">{summary.actions.map((action) => consentAction(action, text))}</ul>
      )}
    </section>
  );
}

function consentAction(action: SessionConsentSummary['actions'][number], text: SessionText) {
  const code = action.name ?? shortHex(action.selector);
  const contract =
    action.contractLabel ?? (action.contractAddress ? shortHex(action.contractAddress) : undefined);
  return (
    <li key={action.selector} className="ss-action">
      <span className="ss-action__label">{action.label ?? <code>{code}</code>}</span>
      <span className="ss-action__meta">
        {action.label ? <code>{code}</code> : null}
        {contract ? <span title={action.contractAddress}>{text.consentActionOn(contract)}</span> : null}
      </span>
    </li>
  );
}

/** Calls, duration, exact expiry and who pays gas. */
function consentFacts({ props, text, summary, known, ownIds, H2, duration }: ConsentPart) {
  const locale = props.locale;
  const gas =
    props.feeMode?.mode === 'direct'
      ? text.consentGasNoPaymaster
      : summary.fees.mode === 'gas-token'
        ? gasTokenText(summary.fees, known, text, locale)
        : text.consentGasSponsored(props.paymasterName);
  return (
    <section className="ss-section" aria-labelledby={`${ownIds}-facts`}>
      <H2 id={`${ownIds}-facts`} className="ss-section__title">
        {text.consentFactsHeading}
      </H2>
      <dl className="ss-facts">
        {fact(text.consentMaxCalls, text.consentMaxCallsValue(formatInteger(summary.maxCalls, locale)))}
        {fact(text.consentDuration, duration)}
        {fact(
          text.consentExpires,
          <time dateTime={isoDate(summary.validUntil)}>
            {formatDate(summary.validUntil, { locale, timeZone: props.timeZone })}
          </time>,
        )}
        {fact(text.consentGas, gas)}
      </dl>
    </section>
  );
}

/** One term and its value in the facts list. */
const fact = (term: string, value: ReactNode) => (
  <div className="ss-fact">
    <dt>{term}</dt>
    <dd>{value}</dd>
  </div>
);

function consentCaps({ props, text, summary, known, ownIds, H2 }: ConsentPart) {
  const value = (amount: bigint, token: string) => formatTokenValue(amount, token, known, props.locale);
  return (
    <section className="ss-section" aria-labelledby={`${ownIds}-caps`}>
      <H2 id={`${ownIds}-caps`} className="ss-section__title">
        {text.consentCapsHeading}
      </H2>
      <ul className="ss-caps">
        {summary.spendingLimits.map((limit) => (
          <li key={limit.token} className="ss-cap">
            <span className="ss-cap__token" title={limit.token}>
              {tokenName(limit.token, known)}
            </span>
            <span className="ss-cap__value">
              <span>
                {text.consentCapPerWindow(
                  value(limit.maxPerWindow, limit.token),
                  formatWindow(limit.windowSeconds, text),
                )}
              </span>
              {limit.maxPerCall < limit.maxPerWindow ? (
                <span className="ss-muted">
                  {text.consentCapPerCall(value(limit.maxPerCall, limit.token))}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function consentWarnings({ text, summary, known, ownIds, H2 }: ConsentPart) {
  return (
    <section className="ss-section" aria-labelledby={`${ownIds}-warnings`}>
      <H2 id={`${ownIds}-warnings`} className="ss-section__title">
        {text.consentWarningsHeading}
      </H2>
      <ul className="ss-warnings">
        {summary.warnings.map((warning) => (
          <li key={warning.kind} className={`ss-warning ss-warning--${warning.severity}`}>
            <SeverityIcon severity={warning.severity} />
            <div className="ss-warning__text">{warningText(warning, summary, text, known)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Progress, the error or rejection, and the two buttons (inert while the wallet prompt is open). */
function consentFooter({ props, text, status }: ConsentPart) {
  const pending = status === 'pending';
  const rejected = status === 'error' && isRejection(props.error);
  const approve = status === 'error' ? (props.onRetry ?? props.onApprove) : props.onApprove;
  const guard = (fn: (() => void) | undefined) => () => {
    if (!pending) fn?.();
  };
  return (
    <footer className="ss-consent__footer">
      <div className="ss-consent__feedback" aria-live="polite">
        {pending ? <p className="ss-muted">{text.pendingHint}</p> : null}
      </div>
      {status === 'error' && props.error ? (
        <div className={`ss-alert ss-alert--${rejected ? 'neutral' : 'danger'}`} role="alert">
          <p className="ss-alert__title">{rejected ? text.rejectedTitle : text.errorTitle}</p>
          <p className="ss-alert__detail">{rejected ? text.rejectedBody : errorText(props.error)}</p>
        </div>
      ) : null}
      <div className="ss-button-row">
        <button
          type="button"
          className="ss-button ss-button--secondary"
          aria-disabled={pending || undefined}
          onClick={guard(props.onReject)}
        >
          {text.reject}
        </button>
        <button
          type="button"
          className="ss-button ss-button--primary"
          aria-disabled={pending || undefined}
          onClick={guard(approve)}
        >
          {pending ? <Spinner /> : null}
          {pending ? text.approvePending : status === 'error' ? text.retry : text.approve}
        </button>
      </div>
    </footer>
  );
}

/** Entrypoint names as they are; bare selectors shortened. */
const entryNames = (entrypoints: readonly string[], text: SessionText) =>
  joinList(
    entrypoints.map((e) => (e.startsWith('0x') ? shortHex(e) : e)),
    text,
  );

type TextWarningKind = Exclude<ConsentWarning['kind'], 'any-action' | 'uncapped-spend'>;
type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/** The text entry of a warning kind: 'fee-transfer-blocked' -> 'warnFeeTransferBlocked'. */
const warnKey = <K extends TextWarningKind>(kind: K) =>
  `warn${kind.replace(/(?:^|-)(\w)/g, (_, first: string) => first.toUpperCase())}` as `warn${PascalCase<K>}`;

function warningText(
  warning: ConsentWarning,
  summary: SessionConsentSummary,
  text: SessionText,
  /** Names for tokens: the caps' own symbols first, then the app's token list. */
  known: readonly TokenDisplayInfo[],
) {
  const actionToken = (address: string) => {
    const byAction = summary.actions.find((a) => a.contractAddress === address)?.contractLabel;
    const named = tokenName(address, known);
    return named.startsWith('0x') && byAction ? byAction : named;
  };
  switch (warning.kind) {
    case 'any-action':
      return (
        <>
          <strong>{text.warnAnyAction}</strong>
          <details className="ss-details">
            <summary>{text.warnAnyActionBlocked(warning.blocked.length)}</summary>
            <ul className="ss-code-list">
              {warning.blocked.map((name) => (
                <li key={name}>
                  <code>{name}</code>
                </li>
              ))}
            </ul>
          </details>
        </>
      );
    case 'uncapped-spend':
      return (
        <>
          <strong>
            {warning.entrypoints.length > 0
              ? text.warnUncappedSpend(entryNames(warning.entrypoints, text))
              : text.warnUncappedSpendAny}
          </strong>{' '}
          {warning.tokens.length > 0
            ? `${text.warnUncappedTokens(joinList(warning.tokens.map(actionToken), text))} `
            : null}
          {warning.otherTokens ? text.warnOtherTokens : null}
        </>
      );
    default: {
      // Every other warning is one entry of `text`, named after its kind ('cap-not-counted' ->
      // warnCapNotCounted): a sentence, or a function of the warning's one detail.
      const entry = text[warnKey(warning.kind)] as
        | string
        | ((detail: string, contractNamed: boolean) => string);
      return typeof entry === 'string'
        ? entry
        : entry(
            'accountVersion' in warning
              ? warning.accountVersion
              : 'gasToken' in warning
                ? tokenName(warning.gasToken, known)
                : // The rest with a function entry name entrypoints (the detail-less ones are sentences).
                  entryNames((warning as { entrypoints: string[] }).entrypoints, text),
            // every-contract: a contract the app names makes "any other app" the right words.
            summary.actions.some((a) => a.contractAddress !== undefined || a.contractLabel !== undefined),
          );
    }
  }
}

/** "Paid by your account in STRK, at most 0.1 STRK per transaction". */
function gasTokenText(
  fees: { gasToken: string; maxFee: bigint | undefined },
  known: readonly TokenDisplayInfo[],
  text: SessionText,
  locale: string | undefined,
): string {
  const paid = text.consentGasToken(tokenName(fees.gasToken, known));
  if (fees.maxFee === undefined) return paid;
  return `${paid}, ${text.consentGasFeeBound(formatTokenValue(fees.maxFee, fees.gasToken, known, locale))}`;
}
