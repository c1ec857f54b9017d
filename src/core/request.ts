/**
 * A session request: what an agent asks a human to approve, carried in a link. It is public (the
 * agent's public key, the policy, who asks), never a secret, and versioned so links outlive releases.
 */
import { toChainId } from './chain.js';
import { InvalidInputError, InvalidSessionRequestError } from './errors/index.js';
import { parseBigInt, STARK_PRIME, toAddress, toHex, U32_MAX, U64_MAX, U256_MAX } from './felt.js';
import type { SessionPolicy, SessionPolicyAction } from './policy.js';

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
  const { policy } = request;
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
    r.chainId,
    r.accountAddress ?? 0,
    r.publicKey,
    policy.validUntil,
    policy.maxCalls,
    policy.allowAnyAction ? 1 : 0,
    policy.actions.map((a) => trim([a.entrypoint, a.contractAddress, a.label, a.contractLabel])),
    policy.spendingLimits.map((l) =>
      trim([l.token, l.maxPerCall, l.maxPerWindow, l.windowSeconds, l.symbol, l.decimals]),
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
    chainId: chainId as string,
    accountAddress: account === 0 ? undefined : (account as string),
    publicKey: publicKey as string,
    policy: {
      validUntil: validUntil as number,
      maxCalls: maxCalls as number,
      allowAnyAction: any === 1 ? true : undefined,
      actions: list(actions, 'policy.actions').map(([entrypoint, contractAddress, label, contractLabel]) =>
        dropUndefined({ entrypoint, contractAddress, label, contractLabel }),
      ) as SessionPolicyAction[],
      spendingLimits: list(limits, 'policy.spendingLimits').map(
        ([token, maxPerCall, maxPerWindow, windowSeconds, symbol, decimals]) =>
          dropUndefined({ token, symbol, decimals, maxPerCall, maxPerWindow, windowSeconds }),
      ) as unknown as SessionRequestSpendingLimit[],
    },
    app: dropUndefined({ name, url, icon }) as unknown as SessionRequestApp,
    requestedAt: requestedAt as number,
  };
}

/** Validates every field and returns a clean, normalized copy (0x lowercase hex, no unknown keys). */
export function checkRequest(request: SessionRequest): SessionRequest {
  if (typeof request !== 'object' || request === null)
    throw malformed('The session request must be an object.');
  const { policy, app } = request;
  if (typeof policy !== 'object' || policy === null) throw invalid('policy', 'policy must be an object.');
  if (typeof app !== 'object' || app === null) throw invalid('app', 'app must be an object.');
  return {
    version: 1,
    chainId: field('chainId', () => toHex(toChainId(request.chainId as string))),
    ...(request.accountAddress === undefined
      ? {}
      : { accountAddress: field('accountAddress', () => toHex(toAddress(request.accountAddress))) }),
    publicKey: feltOf(request.publicKey, 'publicKey'),
    policy: {
      actions: listOf(policy.actions, 'policy.actions').map((a, i) => checkAction(a, `policy.actions[${i}]`)),
      ...(policy.allowAnyAction === true ? { allowAnyAction: true } : {}),
      validUntil: uint(policy.validUntil, U64_MAX, 'policy.validUntil'),
      maxCalls: uint(policy.maxCalls, U32_MAX, 'policy.maxCalls'),
      spendingLimits: listOf(policy.spendingLimits, 'policy.spendingLimits').map((l, i) =>
        checkLimit(l, `policy.spendingLimits[${i}]`),
      ),
    },
    app: dropUndefined({
      name: text(app.name, 'app.name', 80),
      url: app.url === undefined ? undefined : webUrl(app.url, 'app.url', ['https:', 'http:']),
      icon: app.icon === undefined ? undefined : webUrl(app.icon, 'app.icon', ['https:', 'data:']),
    }) as SessionRequestApp,
    requestedAt: uint(request.requestedAt, U64_MAX, 'requestedAt'),
  };
}

function checkAction(value: SessionPolicyAction, path: string): SessionPolicyAction {
  if (typeof value !== 'object' || value === null) throw invalid(path, `${path} must be an object.`);
  return dropUndefined({
    entrypoint: text(value.entrypoint, `${path}.entrypoint`, 100),
    contractAddress:
      value.contractAddress === undefined
        ? undefined
        : field(`${path}.contractAddress`, () => toHex(toAddress(value.contractAddress))),
    label: value.label === undefined ? undefined : text(value.label, `${path}.label`, 100),
    contractLabel:
      value.contractLabel === undefined ? undefined : text(value.contractLabel, `${path}.contractLabel`, 100),
  }) as SessionPolicyAction;
}

function checkLimit(value: SessionRequestSpendingLimit, path: string): SessionRequestSpendingLimit {
  if (typeof value !== 'object' || value === null) throw invalid(path, `${path} must be an object.`);
  return dropUndefined({
    token: field(`${path}.token`, () => toHex(toAddress(value.token))),
    symbol: value.symbol === undefined ? undefined : text(value.symbol, `${path}.symbol`, 16),
    decimals: value.decimals === undefined ? undefined : uint(value.decimals, 77n, `${path}.decimals`),
    maxPerCall: amount(value.maxPerCall, `${path}.maxPerCall`),
    maxPerWindow: amount(value.maxPerWindow, `${path}.maxPerWindow`),
    windowSeconds: uint(value.windowSeconds, U64_MAX, `${path}.windowSeconds`),
  }) as SessionRequestSpendingLimit;
}

const invalid = (path: string, message: string) =>
  new InvalidSessionRequestError('invalid-field', message, { field: path });
const malformed = (message: string, cause?: unknown) =>
  new InvalidSessionRequestError('malformed', message, { cause });

/** Runs a library check and reports its failure as a bad field of the request. */
function field<T>(path: string, check: () => T): T {
  try {
    return check();
  } catch (cause) {
    if (cause instanceof InvalidInputError || cause instanceof TypeError || cause instanceof SyntaxError) {
      throw new InvalidSessionRequestError('invalid-field', `${path} is not valid.`, { field: path, cause });
    }
    throw cause;
  }
}

function feltOf(value: unknown, path: string): string {
  const n = typeof value === 'string' ? parseBigInt(value) : undefined;
  if (n === undefined || n <= 0n || n >= STARK_PRIME) throw invalid(path, `${path} must be a felt.`);
  return toHex(n);
}

function amount(value: unknown, path: string): string {
  const n = typeof value === 'string' ? parseBigInt(value) : undefined;
  if (n === undefined || n < 0n || n > U256_MAX) throw invalid(path, `${path} must be a u256 amount.`);
  return n.toString();
}

function uint(value: unknown, max: bigint, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || BigInt(value as number) > max) {
    throw invalid(path, `${path} must be a whole number from 0 to ${max}.`);
  }
  return value as number;
}

function text(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    throw invalid(path, `${path} must be a non-empty text of at most ${max} characters.`);
  }
  return value;
}

function webUrl(value: unknown, path: string, protocols: string[]): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' && value.length <= 2048 ? new URL(value) : undefined;
  } catch {
    // refused below
  }
  if (
    !url ||
    !protocols.includes(url.protocol) ||
    (url.protocol === 'data:' && !/^data:image\//.test(value as string))
  ) {
    throw invalid(path, `${path} must be a ${protocols.join(' or ')} URL.`);
  }
  return value as string;
}

function listOf<T>(value: readonly T[] | undefined, path: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 64)
    throw invalid(path, `${path} must be a list of at most 64.`);
  return value;
}

function trim(values: unknown[]): unknown[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === undefined) end--;
  return values.slice(0, end).map((v) => (v === undefined ? null : v));
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new SyntaxError('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
