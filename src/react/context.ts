'use client';
import { createContext, useContext } from 'react';
import type { SessionConfig } from '../core/actions/index.js';
import { SessionError } from '../core/errors/index.js';

export const SessionContext = createContext<SessionConfig | undefined>(undefined);

/** The config given to the nearest <SessionProvider>. */
export function useSessionConfig(): SessionConfig {
  const config = useContext(SessionContext);
  if (!config) {
    throw new SessionError('NO_SESSION_PROVIDER', 'Session hooks need a <SessionProvider>.');
  }
  return config;
}
