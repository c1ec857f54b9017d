import { StarknetConfig, type StarknetConfigProps } from '@starknet-react/core';
import type { ReactNode } from 'react';
import { SessionProvider } from 'starknet-sessions';
import type { DemoSetup } from './setup.js';

type ProvidersSetup = Pick<
  DemoSetup,
  'chains' | 'provider' | 'paymasterProvider' | 'queryClient' | 'sessionConfig'
>;

/** starknet-react's config and the session provider, as a dApp mounts them. */
export function Providers({
  setup,
  connectors,
  autoConnect,
  children,
}: {
  setup: ProvidersSetup;
  connectors: NonNullable<StarknetConfigProps['connectors']>;
  autoConnect?: boolean;
  children: ReactNode;
}) {
  return (
    <StarknetConfig
      chains={setup.chains}
      provider={setup.provider}
      paymasterProvider={setup.paymasterProvider}
      connectors={connectors}
      queryClient={setup.queryClient}
      autoConnect={autoConnect}
    >
      <SessionProvider config={setup.sessionConfig}>{children}</SessionProvider>
    </StarknetConfig>
  );
}
