'use client';
export { useSessionConfig } from './context.js';
export { useSessionSupport, useSessions, useSpendingPolicy } from './queries.js';
export { SessionProvider, type SessionProviderProps } from './SessionProvider.js';
export { useCreateSession } from './useCreateSession.js';
export { useRevokeSession } from './useRevokeSession.js';
export { type UseSessionParameters, type UseSessionReturnType, useSession } from './useSession.js';
export { useSessionExecute } from './useSessionExecute.js';
export { type StarknetBindings, useStarknetBindings } from './useStarknet.js';
