/**
 * A session request: what an agent asks a human to approve, carried in a link. It is public (the
 * agent's public key, the policy, who asks), never a secret, and versioned so links outlive releases.
 */
import { InvalidSessionRequestError } from './errors/index.js';
import type { SessionPolicy, SessionPolicyAction } from './policy.js';
import { checkRequest, dropUndefined, invalid, malformed } from './requestCheck.js';

export { checkRequest };

/** Who asks. Nothing proves it: the consent shows it as "unverified". */
export interface SessionRequestApp {
  name: string;
  url?: string | undefined;
  icon?: string | undefined;
}

/** A per-token cap as the request carries it: amounts in base units, as decimal strings. */
export interface SessionRequestSpendingLimit {
  token: string;
  symbol?: string | undefined;
  /** For display only: the amounts here are always base units. */
  decimals?: number | undefined;
  maxPerCall: string;
  maxPerWindow: string;
  windowSeconds: number;
}

/** The policy, fixed at request time: an absolute `validUntil`, amounts in base units. */
export interface SessionRequestPolicy {
  actions: SessionPolicyAction[];
  allowAnyAction?: boolean | undefined;
  /** Unix seconds. */
  validUntil: number;
  maxCalls: number;
  spendingLimits: SessionRequestSpendingLimit[];
}

export interface SessionRequest {
  version: 1;
  /** 0x hex chain id. */
  chainId: string;
  /** The account the agent asks of; absent: whichever account approves (learned from its events). */
  accountAddress?: string | undefined;
  /** The agent's session public key (0x hex). Its private key never leaves the agent's storage. */
  publicKey: string;
  policy: SessionRequestPolicy;
  app: SessionRequestApp;
  /** Unix seconds: only an approval after this counts. */
  requestedAt: number;
}

export const SESSION_REQUEST_VERSION = 1;
/** The name of the link's fragment parameter (a fragment never reaches the approval page's server). */
export const SESSION_REQUEST_PARAM = 'session-request';

/** The request's policy as a SessionPolicy for the library's validation and consent (bigints = base units). */
export function sessionRequestPolicy(request: SessionRequest): SessionPolicy {
  const { policy } = checkRequest(request);
  return {
    actions: policy.actions,
    allowAnyAction: policy.allowAnyAction,
    validUntil: policy.validUntil,
    maxCalls: policy.maxCalls,
    spendingLimits: policy.spendingLimits.map((l) => ({
      ...l,
      maxPerCall: BigInt(l.maxPerCall),
      maxPerWindow: BigInt(l.maxPerWindow),
    })),
  };
}

/** The compact, URL-safe text of a request: `1.` + base64url of a positional JSON array. */
export function encodeSessionRequest(request: SessionRequest): string {
  const r = checkRequest(request);
  const { policy, app } = r;
  const tuple = [
    packFelt(r.chainId),
    r.accountAddress === undefined ? 0 : packFelt(r.accountAddress),
    packFelt(r.publicKey),
    policy.validUntil,
    policy.maxCalls,
    policy.allowAnyAction ? 1 : 0,
    policy.actions.map((a) =>
      trim([a.entrypoint, a.contractAddress && packFelt(a.contractAddress), a.label, a.contractLabel]),
    ),
    policy.spendingLimits.map((l) =>
      trim([packFelt(l.token), l.maxPerCall, l.maxPerWindow, l.windowSeconds, l.symbol, l.decimals]),
    ),
    trim([app.name, app.url, app.icon]),
    r.requestedAt,
  ];
  return `${SESSION_REQUEST_VERSION}.${toBase64Url(JSON.stringify(tuple))}`;
}

/** Reads a request from its text or from a whole link (fragment `#session-request=…`). */
export function decodeSessionRequest(text: string): SessionRequest {
  if (typeof text !== 'string' || text.length === 0 || text.length > 16_384) {
    throw malformed('The session request is empty or too long.');
  }
  const encoded = requestTextOf(text.trim());
  const dot = encoded.indexOf('.');
  const version = encoded.slice(0, dot);
  if (dot < 0 || !/^\d+$/.test(version)) throw malformed('The session request has no version.');
  if (Number(version) !== SESSION_REQUEST_VERSION) {
    throw new InvalidSessionRequestError(
      'unsupported-version',
      `Session request version ${version} is not supported (this library reads version ${SESSION_REQUEST_VERSION}).`,
    );
  }
  let tuple: unknown;
  try {
    tuple = JSON.parse(fromBase64Url(encoded.slice(dot + 1)));
  } catch (cause) {
    throw malformed('The session request is not valid base64url JSON.', cause);
  }
  if (!Array.isArray(tuple) || tuple.length !== 10)
    throw malformed('The session request has the wrong shape.');
  return checkRequest(fromTuple(tuple));
}

/** The link's request text: after `session-request=` in a fragment or query, else the text itself. */
function requestTextOf(text: string): string {
  const match = /[#?&]session-request=([^&#\s]+)/.exec(text);
  return match ? decodeURIComponent(match[1]!) : text;
}

function fromTuple(t: unknown[]): SessionRequest {
  const [chainId, account, publicKey, validUntil, maxCalls, any, actions, limits, app, requestedAt] = t;
  const list = (value: unknown, field: string) => {
    if (!Array.isArray(value)) throw invalid(field, `${field} must be a list.`);
    return value.map((item, i) => {
      if (!Array.isArray(item)) throw invalid(`${field}[${i}]`, `${field}[${i}] must be a list.`);
      return item as unknown[];
    });
  };
  const [name, url, icon] = Array.isArray(app) ? app : [];
  return {
    version: 1,
    chainId: unpackFelt(chainId, 'chainId'),
    accountAddress: account === 0 ? undefined : unpackFelt(account, 'accountAddress'),
    publicKey: unpackFelt(publicKey, 'publicKey'),
    policy: {
      validUntil: validUntil as number,
      maxCalls: maxCalls as number,
      allowAnyAction: any === 1 ? true : undefined,
      actions: list(actions, 'policy.actions').map(([entrypoint, contractAddress, label, contractLabel]) =>
        dropUndefined({
          entrypoint,
          contractAddress:
            contractAddress == null ? undefined : unpackFelt(contractAddress, 'contractAddress'),
          label,
          contractLabel,
        }),
      ) as SessionPolicyAction[],
      spendingLimits: list(limits, 'policy.spendingLimits').map(
        ([token, maxPerCall, maxPerWindow, windowSeconds, symbol, decimals]) =>
          dropUndefined({
            token: unpackFelt(token, 'token'),
            symbol,
            decimals,
            maxPerCall,
            maxPerWindow,
            windowSeconds,
          }),
      ) as unknown as SessionRequestSpendingLimit[],
    },
    app: dropUndefined({ name, url, icon }) as unknown as SessionRequestApp,
    requestedAt: requestedAt as number,
  };
}

function trim(values: unknown[]): unknown[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === undefined) end--;
  return values.slice(0, end).map((v) => (v === undefined ? null : v));
}

/** A felt as base64url of its big-endian bytes (43 characters at most instead of 66 in hex). */
function packFelt(hex: string): string {
  let digits = BigInt(hex).toString(16);
  if (digits.length % 2) digits = `0${digits}`;
  let binary = '';
  for (let i = 0; i < digits.length; i += 2)
    binary += String.fromCharCode(Number.parseInt(digits.slice(i, i + 2), 16));
  return base64Url(binary);
}

/** Back to 0x hex (the field checks then judge the value). */
function unpackFelt(value: unknown, field: string): string {
  let hex = '';
  try {
    if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,43}$/.test(value)) throw new SyntaxError(field);
    for (const c of unBase64Url(value)) {
      hex += c.charCodeAt(0).toString(16).padStart(2, '0');
    }
  } catch (cause) {
    throw new InvalidSessionRequestError('invalid-field', `${field} is not a packed felt.`, { field, cause });
  }
  return `0x${hex || '0'}`;
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return base64Url(binary);
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SyntaxError('not base64url');
  const binary = unBase64Url(text);
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Bytes (a binary string) as unpadded base64url, and back. */
const base64Url = (binary: string) => btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unBase64Url = (text: string) => atob(text.replace(/-/g, '+').replace(/_/g, '/'));
