import { toSelector } from '../call.js';
import {
  InvalidInputError,
  isSessionError,
  SessionKeyMissingError,
  SessionRequestMismatchError,
  SessionRequestTimeoutError,
} from '../errors/index.js';
import { toHex } from '../felt.js';
import { inputObject } from '../input.js';
import { checkRequest, decodeSessionRequest, encodeSessionRequest, type SessionRequest } from '../request.js';
import type { StoredSession } from '../storage/types.js';
import { providerOf, readAllowedSelectors, readSessionData, readSpendingPolicies } from './chain.js';
import { rpcError } from './classify.js';
import type { SessionConfig } from './config.js';
import { requestScope } from './createSessionRequest.js';
import type { SessionProviderLike } from './types.js';

export interface WaitForSessionApprovalParameters {
  /** The request `createSessionRequest` returned (or its text). */
  request: SessionRequest | string;
  /** Give up after this long (default 10 minutes): `SESSION_REQUEST_TIMEOUT`. */
  timeoutMs?: number | undefined;
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** How often the chain is read (default 2000 ms). */
  pollIntervalMs?: number | undefined;
  provider?: SessionProviderLike | undefined;
}

export interface WaitForSessionApprovalReturnType {
  accountAddress: string;
  publicKey: string;
  /** The agent's session, now active: `executeWithSession(config, { accountAddress, … })` uses it. */
  session: StoredSession;
}

/** What `starknet_getEvents` needs from the provider (starknet.js RpcProvider has it). */
interface EventsProvider {
  getEvents(filter: {
    keys: string[][];
    chunk_size: number;
    continuation_token?: string;
  }): Promise<{ events: EmittedEvent[]; continuation_token?: string }>;
  getBlockWithTxHashes(block: number): Promise<{ timestamp: number }>;
}
interface EmittedEvent {
  from_address: string;
  block_number?: number;
}

/**
 * The agent's side: polls the chain until an account holds the request's key, checks that what was
 * registered is exactly what was asked (expiry, call limit, entrypoints, spending policies; else
 * SESSION_REQUEST_MISMATCH, and the key is wiped so it is never used) and marks the session active.
 */
export async function waitForSessionApproval(
  config: SessionConfig,
  parameters: WaitForSessionApprovalParameters,
): Promise<WaitForSessionApprovalReturnType> {
  const request = await ownRequest(config, inputObject(parameters).request);
  const provider = providerOf(config, parameters.provider);
  const timeoutMs = parameters.timeoutMs ?? 600_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    parameters.signal?.throwIfAborted();
    const approved = await poll(config, provider, request).catch(async (error: unknown) => {
      // A session that is not what was asked is never used: its key is wiped (status revoked).
      if (isSessionError(error, 'SESSION_REQUEST_MISMATCH')) {
        await config.storage.update(requestScope(config, request), request.publicKey, { status: 'revoked' });
      }
      throw error;
    });
    if (approved) return approved;
    if (Date.now() >= deadline) throw new SessionRequestTimeoutError(request.publicKey, timeoutMs);
    await sleep(
      Math.min(parameters.pollIntervalMs ?? 2000, Math.max(0, deadline - Date.now())),
      parameters.signal,
    );
  }
}

/** The request as the agent stored it: a request edited since (or not ours) is refused. */
async function ownRequest(config: SessionConfig, given: SessionRequest | string): Promise<SessionRequest> {
  const request = typeof given === 'string' ? decodeSessionRequest(given) : checkRequest(given);
  const stored = await config.storage.get(requestScope(config, request), request.publicKey);
  if (!stored) throw new SessionKeyMissingError(request.publicKey);
  const text = (stored.policy as { sessionRequest?: unknown } | undefined)?.sessionRequest;
  if (typeof text === 'string' && text !== encodeSessionRequest(request)) {
    throw new SessionRequestMismatchError('request', 'the stored request', 'another request');
  }
  return request;
}

/** One look at the chain: undefined while no account holds the key; throws when what it holds differs. */
async function poll(
  config: SessionConfig,
  provider: SessionProviderLike,
  request: SessionRequest,
): Promise<WaitForSessionApprovalReturnType | undefined> {
  const { publicKey } = request;
  const account = request.accountAddress ?? (await approvingAccount(provider, request));
  if (account === undefined) return undefined;
  const chain = await readSessionData(provider, account, publicKey);
  if (!chain.exists) return undefined;
  await compare(provider, request, account, chain);
  const from = requestScope(config, request);
  const scope = { ...from, accountAddress: toHex(BigInt(account)) };
  if (request.accountAddress === undefined) {
    if (!config.storage.move) {
      throw new InvalidInputError(
        'storage',
        'This storage cannot move a session: name the account in the request.',
      );
    }
    await config.storage.move(from, publicKey, scope);
  }
  const session = await config.storage.update(scope, publicKey, { status: 'active' });
  if (!session) throw new SessionKeyMissingError(publicKey);
  return { accountAddress: scope.accountAddress, publicKey, session };
}

/** Every part of the registered session against the request. */
async function compare(
  provider: SessionProviderLike,
  request: SessionRequest,
  account: string,
  chain: { validUntil: number; maxCalls: number; allowedEntrypointsLen: number },
) {
  const { policy, publicKey } = request;
  const same = (field: string, expected: unknown, actual: unknown) => {
    if (String(expected) !== String(actual)) {
      throw new SessionRequestMismatchError(field, String(expected), String(actual));
    }
  };
  same('validUntil', policy.validUntil, chain.validUntil);
  same('maxCalls', policy.maxCalls, chain.maxCalls);
  const asked = [...new Set(policy.actions.map((a) => toHex(toSelector(a.entrypoint))))].sort();
  same(
    'entrypoints',
    asked,
    (await readAllowedSelectors(provider, account, publicKey, chain.allowedEntrypointsLen)).sort(),
  );
  const tokens = policy.spendingLimits.map((l) => l.token);
  const onChain = await readSpendingPolicies(provider, account, publicKey, tokens);
  for (const limit of policy.spendingLimits) {
    const state = onChain[limit.token];
    const field = `spendingLimits[${limit.token}]`;
    same(
      field,
      [limit.maxPerCall, limit.maxPerWindow, limit.windowSeconds],
      [state?.maxPerCall, state?.maxPerWindow, state?.windowSeconds],
    );
  }
}

/**
 * Block times and the agent's clock may disagree by this much. The key itself is fresh (made for this
 * request), so no account can have added it before the request existed: the time only guards reuse.
 */
const REQUEST_CLOCK_SKEW_SECONDS = 300;

/**
 * The one account whose SessionKeyAdded event carries this key, in a block after the request. Two
 * accounts holding one key is refused: the agent cannot tell which one the human meant.
 */
async function approvingAccount(provider: SessionProviderLike, request: SessionRequest) {
  const events = provider as unknown as EventsProvider;
  const keys = [[toHex(toSelector('SessionKeyAdded'))], [request.publicKey]];
  const found = new Set<string>();
  let continuation: string | undefined;
  try {
    do {
      const page = await events.getEvents({ keys, chunk_size: 100, continuation_token: continuation });
      for (const event of page.events) {
        if (event.block_number === undefined) continue; // not in a block yet: seen on the next poll
        const { timestamp } = await events.getBlockWithTxHashes(event.block_number);
        if (timestamp + REQUEST_CLOCK_SKEW_SECONDS >= request.requestedAt)
          found.add(toHex(BigInt(event.from_address)));
      }
      continuation = page.continuation_token;
    } while (continuation);
  } catch (error) {
    throw rpcError(error, 'starknet_getEvents');
  }
  if (found.size > 1) {
    throw new SessionRequestMismatchError('account', 'a single approving account', [...found].join(', '));
  }
  return [...found][0];
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}
