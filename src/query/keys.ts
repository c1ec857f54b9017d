/** Query keys: an entity name, then a plain object of the inputs (invalidate by prefix). */
export interface SessionScopeKey {
  chainId: string | undefined;
  accountAddress: string | undefined;
  appId: string;
}

export const sessionStateQueryKey = (scope: SessionScopeKey & { publicKey?: string | undefined }) =>
  [
    'sessionState',
    {
      ...scope,
      publicKey: typeof scope.publicKey === 'string' ? scope.publicKey.toLowerCase() : scope.publicKey,
    },
  ] as const;

export const sessionsQueryKey = (scope: SessionScopeKey) => ['sessions', scope] as const;

export const sessionSupportQueryKey = (p: {
  chainId: string | undefined;
  accountAddress: string | undefined;
}) => ['sessionSupport', p] as const;

export const spendingPolicyQueryKey = (
  p: SessionScopeKey & { publicKey: string | undefined; token: string | undefined },
) => ['spendingPolicy', p] as const;

export const createSessionMutationKey = (appId: string) => ['createSession', { appId }] as const;
export const executeWithSessionMutationKey = (appId: string) => ['executeWithSession', { appId }] as const;
export const revokeSessionMutationKey = (appId: string) => ['revokeSession', { appId }] as const;
