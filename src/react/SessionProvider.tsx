'use client';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import type { SessionConfig } from '../core/actions/index.js';
import { SessionContext } from './context.js';
import { invalidateSessionQueries } from './mutation.js';

export interface SessionProviderProps {
  config: SessionConfig;
  children?: ReactNode;
}

/**
 * Put it inside starknet-react's <StarknetConfig>: it reuses that provider, connected account,
 * paymaster provider and QueryClient. Storage changes (this tab or another) refresh the session state.
 */
export function SessionProvider({ config, children }: SessionProviderProps) {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // (A storage without subscribe: nothing to listen to.)
    const unsubscribe = config.storage.subscribe?.(() => {
      // Several writes in a burst (10 executes confirming) become one refresh.
      clearTimeout(timer);
      timer = setTimeout(() => invalidateSessionQueries(queryClient), 50);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [config, queryClient]);
  return <SessionContext.Provider value={config}>{children}</SessionContext.Provider>;
}
