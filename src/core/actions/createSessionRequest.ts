import { randomPrivateKey, starkPublicKey } from '../crypto/ecdsa.js';
import { InvalidInputError } from '../errors/index.js';
import { encodeShortString, toHex } from '../felt.js';
import { inputObject } from '../input.js';
import { normalizeSessionPolicy, type SessionPolicy } from '../policy.js';
import {
  checkRequest,
  encodeSessionRequest,
  SESSION_REQUEST_PARAM,
  type SessionRequest,
  type SessionRequestApp,
} from '../request.js';
import type { SessionScope, StoredSession } from '../storage/types.js';
import { scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
import type { SessionProviderLike } from './types.js';

/** Where an agent keeps a request's key until it knows which account approved it (a placeholder address). */
export const PENDING_REQUEST_ACCOUNT = /* @__PURE__ */ toHex(encodeShortString('session-request'));
/** The demo's approval page (`npm start`); pass your own `approvalUrl` in production. */
export const DEFAULT_APPROVAL_URL = 'http://127.0.0.1:5173/';

export interface CreateSessionRequestParameters {
  /** The account to ask; omit to accept whichever single account approves. */
  accountAddress?: string | undefined;
  policy: SessionPolicy;
  app: SessionRequestApp;
  /** The page that shows the consent (`<SessionRequestApproval link>`); default: the demo's. */
  approvalUrl?: string | undefined;
  provider?: SessionProviderLike | undefined;
  chainId?: string | undefined;
}

export interface CreateSessionRequestReturnType {
  request: SessionRequest;
  /** `approvalUrl#session-request=…`: the request rides in the fragment, which no server sees. */
  link: string;
  publicKey: string;
}

/** The storage scope of a request's key: its account, or the placeholder while it is unknown. */
export function requestScope(config: SessionConfig, request: SessionRequest): SessionScope {
  return {
    chainId: request.chainId,
    accountAddress: request.accountAddress ?? PENDING_REQUEST_ACCOUNT,
    appId: config.appId,
  };
}

/**
 * The agent's side: validates the policy (typed errors), fixes its absolute expiry now, generates the
 * session key in the agent's storage (pending; it never leaves) and returns the request and its link.
 */
export async function createSessionRequest(
  config: SessionConfig,
  parameters: CreateSessionRequestParameters,
): Promise<CreateSessionRequestReturnType> {
  if (inputObject(parameters).accountAddress === undefined && !config.storage.move) {
    // The key is stored before the account is known, then moved to it: this storage cannot.
    throw new InvalidInputError('accountAddress', 'Name the account: this storage cannot move a session.');
  }
  const now = config.now();
  const normalized = normalizeSessionPolicy(parameters.policy, {
    now,
    maxDurationSeconds: config.maxDurationSeconds,
  });
  const [, scope] = await scopeOf(config, {
    ...parameters,
    accountAddress: parameters.accountAddress ?? PENDING_REQUEST_ACCOUNT,
  });
  const privateKey = randomPrivateKey();
  const publicKey = toHex(starkPublicKey(privateKey));
  const request = checkRequest({
    version: 1,
    chainId: scope.chainId,
    accountAddress: parameters.accountAddress,
    publicKey,
    policy: {
      actions: [...parameters.policy.actions],
      allowAnyAction: parameters.policy.allowAnyAction,
      validUntil: normalized.validUntil,
      maxCalls: normalized.maxCalls,
      // Amounts in base units (the normalized ones), symbol and decimals kept for the consent.
      spendingLimits: normalized.spendingLimits.map((l, i) => ({
        token: l.token,
        symbol: parameters.policy.spendingLimits?.[i]?.symbol,
        decimals: parameters.policy.spendingLimits?.[i]?.decimals,
        maxPerCall: l.maxPerCall.toString(),
        maxPerWindow: l.maxPerWindow.toString(),
        windowSeconds: l.windowSeconds,
      })),
    },
    app: parameters.app,
    requestedAt: now,
  });
  const encoded = encodeSessionRequest(request);
  await config.storage.set(pendingSession(config, request, encoded, normalized.allowedSelectors), privateKey);
  const base = parameters.approvalUrl ?? DEFAULT_APPROVAL_URL;
  return { request, link: `${base.split('#')[0]}#${SESSION_REQUEST_PARAM}=${encoded}`, publicKey };
}

/** The agent's record of its request: pending, with the request itself kept for status and checks. */
function pendingSession(
  config: SessionConfig,
  request: SessionRequest,
  encoded: string,
  allowedSelectors: string[],
): StoredSession {
  const { policy } = request;
  return {
    schemaVersion: 1,
    scope: requestScope(config, request),
    publicKey: request.publicKey,
    validUntil: policy.validUntil,
    maxCalls: policy.maxCalls,
    allowedSelectors,
    spendingLimits: policy.spendingLimits.map((l) => ({
      token: l.token,
      maxPerCall: toHex(BigInt(l.maxPerCall)),
      maxPerWindow: toHex(BigInt(l.maxPerWindow)),
      windowSeconds: l.windowSeconds,
    })),
    policy: { ...policy, sessionRequest: encoded },
    createdAt: request.requestedAt,
    status: 'pending',
    callsUsed: 0,
    updatedAt: request.requestedAt,
  };
}
