/**
 * The MCP tools of `starknet-sessions-mcp`, independent of the MCP SDK: plain JSON-Schema inputs and
 * handlers over a session config. A refusal is a tool error with its code and reason; nothing is sent.
 */
import {
  createSessionRequest,
  executeWithSession,
  getSessionState,
  InvalidInputError,
  isSessionError,
  PENDING_REQUEST_ACCOUNT,
  type SessionConfig,
  type SessionPolicy,
  type SessionRequestApp,
  type StoredSession,
  waitForSessionApproval,
} from '../../core/index.js';
import type { AccountIndex } from './accountIndex.js';

export interface SessionToolsOptions {
  config: SessionConfig;
  /** Remembers which accounts approved, so a restarted server finds its sessions. */
  accounts: AccountIndex;
  app: SessionRequestApp;
  approvalUrl?: string | undefined;
  /** Ask this account by default (else whichever single account approves). */
  accountAddress?: string | undefined;
  chainId: string;
}

export interface ToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const text = { type: 'string' };

export const SESSION_TOOLS: readonly ToolDefinition[] = [
  {
    name: 'request_session',
    description:
      'Ask a human for a session: returns a link they open to approve ONE transaction in their wallet. ' +
      'The session key is made and kept here; it never leaves. Then poll session_status.',
    inputSchema: object(
      {
        actions: {
          type: 'array',
          items: object({ entrypoint: text, contractAddress: text, label: text }, ['entrypoint']),
        },
        durationSeconds: { type: 'integer', minimum: 60 },
        maxCalls: { type: 'integer', minimum: 1 },
        spendingLimits: {
          type: 'array',
          items: object(
            {
              token: text,
              maxPerCall: text,
              maxPerWindow: text,
              windowSeconds: { type: 'integer' },
              symbol: text,
            },
            ['token', 'maxPerWindow', 'windowSeconds'],
          ),
        },
        accountAddress: text,
      },
      ['actions', 'durationSeconds', 'maxCalls'],
    ),
  },
  {
    name: 'session_status',
    description: "This agent's sessions: pending (with the link), active (calls and time left), or gone.",
    inputSchema: object({ publicKey: text }),
  },
  {
    name: 'execute',
    description:
      'Send calls with the active session (gasless through the paymaster when configured). Calls the ' +
      'session does not allow are refused here with the reason, and nothing is sent.',
    inputSchema: object(
      {
        calls: {
          type: 'array',
          items: object(
            { contractAddress: text, entrypoint: text, calldata: { type: 'array', items: text } },
            ['contractAddress', 'entrypoint'],
          ),
        },
        publicKey: text,
      },
      ['calls'],
    ),
  },
  {
    name: 'forget_session',
    description: 'Delete a session key from this agent (the account owner can also revoke it on chain).',
    inputSchema: object({ publicKey: text }, ['publicKey']),
  },
];

const ok = (value: unknown): ToolResult => ({
  content: [
    { type: 'text', text: JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2) },
  ],
});

/** A library refusal as a tool error: code, sentence, details. Other failures are not ours to shape. */
export function toolError(error: unknown): ToolResult {
  if (!isSessionError(error)) throw error;
  const reason = [`${error.code}: ${error.shortMessage}`, error.details].filter(Boolean).join('\n');
  return { content: [{ type: 'text', text: reason }], isError: true };
}

/** Runs one tool; library errors come back as tool errors. */
export async function callSessionTool(
  options: SessionToolsOptions,
  name: string,
  input: Record<string, unknown>,
): Promise<ToolResult> {
  try {
    switch (name) {
      case 'request_session':
        return ok(await requestSession(options, input));
      case 'session_status':
        return ok(await sessionStatus(options, input.publicKey as string | undefined));
      case 'execute':
        return ok(await execute(options, input));
      case 'forget_session':
        return ok(await forget(options, String(input.publicKey)));
      default:
        throw new InvalidInputError('name', `Unknown tool ${name}.`);
    }
  } catch (error) {
    return toolError(error);
  }
}

async function requestSession(options: SessionToolsOptions, input: Record<string, unknown>) {
  const policy = input as unknown as SessionPolicy;
  const { request, link, publicKey } = await createSessionRequest(options.config, {
    accountAddress: (input.accountAddress as string | undefined) ?? options.accountAddress,
    policy: {
      actions: policy.actions,
      durationSeconds: policy.durationSeconds,
      maxCalls: policy.maxCalls,
      spendingLimits: policy.spendingLimits,
    },
    app: options.app,
    approvalUrl: options.approvalUrl,
  });
  await options.accounts.add(request.accountAddress ?? PENDING_REQUEST_ACCOUNT);
  return { status: 'pending', link, publicKey, validUntil: request.policy.validUntil };
}

/** Every session this agent holds, newest first (pending requests included). */
async function sessions(options: SessionToolsOptions): Promise<StoredSession[]> {
  const { config, chainId } = options;
  const all: StoredSession[] = [];
  for (const accountAddress of await options.accounts.list()) {
    all.push(...(await config.storage.list({ chainId, accountAddress, appId: config.appId })));
  }
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

async function sessionStatus(options: SessionToolsOptions, publicKey: string | undefined) {
  const found = (await sessions(options)).filter(
    (s) => publicKey === undefined || BigInt(s.publicKey) === BigInt(publicKey),
  );
  const out = [];
  for (const session of found) out.push(await statusOf(options, session));
  return out;
}

async function statusOf(options: SessionToolsOptions, session: StoredSession) {
  const { config } = options;
  const text = (session.policy as { sessionRequest?: string } | undefined)?.sessionRequest;
  if (session.status === 'pending' && text) {
    // One look at the chain: approved (and exactly as asked) makes it active.
    try {
      const approved = await waitForSessionApproval(config, { request: text, timeoutMs: 0 });
      await options.accounts.add(approved.accountAddress);
      session = approved.session;
    } catch (error) {
      if (!isSessionError(error, 'SESSION_REQUEST_TIMEOUT')) throw error;
      return { publicKey: session.publicKey, status: 'pending', validUntil: session.validUntil };
    }
  }
  if (session.status !== 'active') return { publicKey: session.publicKey, status: session.status };
  const state = await getSessionState(config, {
    chainId: options.chainId,
    accountAddress: session.scope.accountAddress,
    publicKey: session.publicKey,
  });
  return {
    publicKey: session.publicKey,
    accountAddress: session.scope.accountAddress,
    status: state.status,
    callsLeft: state.callsLeft,
    callsLeftGasless: state.callsLeftGasless,
    validUntil: session.validUntil,
  };
}

async function execute(options: SessionToolsOptions, input: Record<string, unknown>) {
  const wanted = input.publicKey as string | undefined;
  const active = (await sessions(options)).find(
    (s) => s.status === 'active' && (wanted === undefined || BigInt(s.publicKey) === BigInt(wanted)),
  );
  const sent = await executeWithSession(options.config, {
    chainId: options.chainId,
    // Without an active session, the library's own refusal says why (NO_SESSION).
    accountAddress: active?.scope.accountAddress ?? PENDING_REQUEST_ACCOUNT,
    publicKey: active?.publicKey ?? wanted,
    calls: input.calls as never,
    waitForReceipt: true,
  });
  return { transactionHash: sent.transactionHash, via: sent.via, callsUsed: sent.callsUsed };
}

async function forget(options: SessionToolsOptions, publicKey: string) {
  const found = (await sessions(options)).filter((s) => BigInt(s.publicKey) === BigInt(publicKey));
  for (const session of found) await options.config.storage.remove(session.scope, session.publicKey);
  return { forgotten: found.length };
}
