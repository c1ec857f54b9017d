/** Validation of a session request: every field checked, a clean normalized copy returned. */
import { toChainId } from './chain.js';
import { InvalidInputError, InvalidSessionRequestError } from './errors/index.js';
import { parseBigInt, STARK_PRIME, toAddress, toHex, U32_MAX, U64_MAX, U256_MAX } from './felt.js';
import type { SessionPolicyAction } from './policy.js';
import type { SessionRequest, SessionRequestApp, SessionRequestSpendingLimit } from './request.js';

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

export const invalid = (path: string, message: string) =>
  new InvalidSessionRequestError('invalid-field', message, { field: path });
export const malformed = (message: string, cause?: unknown) =>
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

export function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}
