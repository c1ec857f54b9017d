import {
  type CreateSessionParameters,
  type CreateSessionReturnType,
  createSession,
  type EnsureSessionReturnType,
  type ExecuteWithSessionParameters,
  type ExecuteWithSessionReturnType,
  ensureSession,
  executeWithSession,
  type GetSessionStateParameters,
  type GetSpendingPolicyParameters,
  getSessionState,
  getSpendingPolicy,
  type ListSessionsParameters,
  listSessions,
  type RevokeSessionParameters,
  type RevokeSessionReturnType,
  revokeSession,
  type SessionConfig,
  type SessionProviderLike,
  type SessionState,
  type SessionSummary,
} from '../core/actions/index.js';
import type { SpendingPolicyState } from '../core/calls.js';
import { SessionError } from '../core/errors/index.js';
import { inputObject } from '../core/input.js';
import { detectSessionSupport, type SessionSupport } from '../core/support.js';
import {
  createSessionMutationKey,
  executeWithSessionMutationKey,
  revokeSessionMutationKey,
  sessionStateQueryKey,
  sessionSupportQueryKey,
  sessionsQueryKey,
  spendingPolicyQueryKey,
} from './keys.js';

const missing = (what: string) => new SessionError('NOT_READY', `${what} is not available yet.`);

export function sessionStateQueryOptions(config: SessionConfig, p: GetSessionStateParameters) {
  inputObject(p);
  return {
    queryKey: sessionStateQueryKey({
      chainId: p.chainId,
      accountAddress: p.accountAddress,
      appId: config.appId,
      publicKey: p.publicKey,
    }),
    queryFn: (): Promise<SessionState> => getSessionState(config, p),
    enabled: Boolean(p.accountAddress),
  };
}

export function sessionsQueryOptions(
  config: SessionConfig,
  p: {
    provider?: SessionProviderLike | undefined;
    chainId?: string | undefined;
    accountAddress: string | undefined;
  },
) {
  inputObject(p);
  return {
    queryKey: sessionsQueryKey({ chainId: p.chainId, accountAddress: p.accountAddress, appId: config.appId }),
    queryFn: (): Promise<SessionSummary[]> => {
      if (!p.accountAddress) throw missing('The account');
      return listSessions(config, p as ListSessionsParameters);
    },
    enabled: Boolean(p.accountAddress),
  };
}

export function sessionSupportQueryOptions(
  config: SessionConfig,
  p: {
    provider?: SessionProviderLike | undefined;
    chainId?: string | undefined;
    accountAddress: string | undefined;
  },
) {
  inputObject(p);
  return {
    queryKey: sessionSupportQueryKey({ chainId: p.chainId, accountAddress: p.accountAddress }),
    queryFn: (): Promise<SessionSupport> => {
      const provider = p.provider ?? config.provider;
      if (!p.accountAddress || !provider) throw missing('The account');
      return detectSessionSupport(provider, p.accountAddress);
    },
    enabled: Boolean(p.accountAddress),
    // Contract classes rarely change: detection once per account is enough.
    staleTime: Number.POSITIVE_INFINITY,
  };
}

export function spendingPolicyQueryOptions(
  config: SessionConfig,
  p: {
    provider?: SessionProviderLike | undefined;
    chainId?: string | undefined;
    accountAddress: string | undefined;
    publicKey: string | undefined;
    token: string | undefined;
  },
) {
  inputObject(p);
  return {
    queryKey: spendingPolicyQueryKey({
      chainId: p.chainId,
      accountAddress: p.accountAddress,
      appId: config.appId,
      publicKey: p.publicKey,
      token: p.token,
    }),
    queryFn: (): Promise<SpendingPolicyState> => {
      if (!p.accountAddress || !p.publicKey || !p.token) throw missing('The session');
      return getSpendingPolicy(config, p as GetSpendingPolicyParameters);
    },
    enabled: Boolean(p.accountAddress && p.publicKey && p.token),
  };
}

export type CreateSessionVariables = Omit<CreateSessionParameters, 'owner' | 'provider' | 'paymaster'>;

export function createSessionMutationOptions(
  config: SessionConfig,
  context: Pick<CreateSessionParameters, 'owner' | 'provider' | 'paymaster' | 'chainId'>,
) {
  inputObject(context, 'context');
  return {
    mutationKey: createSessionMutationKey(config.appId),
    mutationFn: (variables: CreateSessionVariables): Promise<CreateSessionReturnType> =>
      createSession(config, { ...context, ...variables }),
  };
}

export function ensureSessionMutationOptions(
  config: SessionConfig,
  context: Pick<CreateSessionParameters, 'owner' | 'provider' | 'paymaster' | 'chainId'>,
) {
  inputObject(context, 'context');
  return {
    mutationKey: ['ensureSession', { appId: config.appId }] as const,
    mutationFn: (variables: CreateSessionVariables): Promise<EnsureSessionReturnType> =>
      ensureSession(config, { ...context, ...variables }),
  };
}

export type ExecuteWithSessionVariables = Omit<
  ExecuteWithSessionParameters,
  'provider' | 'paymaster' | 'owner' | 'accountAddress' | 'chainId'
>;

export function executeWithSessionMutationOptions(
  config: SessionConfig,
  context: Pick<ExecuteWithSessionParameters, 'provider' | 'paymaster' | 'owner' | 'chainId'> & {
    accountAddress: string | undefined;
  },
) {
  inputObject(context, 'context');
  return {
    mutationKey: executeWithSessionMutationKey(config.appId),
    mutationFn: (variables: ExecuteWithSessionVariables): Promise<ExecuteWithSessionReturnType> => {
      if (!context.accountAddress) throw missing('The account');
      return executeWithSession(config, { ...context, ...variables, accountAddress: context.accountAddress });
    },
  };
}

export type RevokeSessionVariables = Omit<RevokeSessionParameters, 'owner' | 'provider' | 'paymaster'>;

export function revokeSessionMutationOptions(
  config: SessionConfig,
  context: Pick<RevokeSessionParameters, 'owner' | 'provider' | 'paymaster' | 'chainId'>,
) {
  inputObject(context, 'context');
  return {
    mutationKey: revokeSessionMutationKey(config.appId),
    mutationFn: (variables: RevokeSessionVariables): Promise<RevokeSessionReturnType> =>
      revokeSession(config, { ...context, ...variables }),
  };
}
