'use client';
// The README's Next.js recipe: the providers in a client component of the layout.
import { sepolia } from '@starknet-react/chains';
import { InjectedConnector, jsonRpcProvider, StarknetConfig } from '@starknet-react/core';
import { createSessionConfig, SessionProvider } from 'starknet-sessions';

const config = createSessionConfig({ appId: 'consumer-next' }); // module level: storage opens lazily
const connectors = [new InjectedConnector({ options: { id: 'argentX' } })];
const provider = jsonRpcProvider({ rpc: () => ({ nodeUrl: 'http://127.0.0.1:5050/rpc' }) });

export function Providers({ children }) {
  return (
    <StarknetConfig chains={[sepolia]} provider={provider} connectors={connectors}>
      <SessionProvider config={config}>{children}</SessionProvider>
    </StarknetConfig>
  );
}
