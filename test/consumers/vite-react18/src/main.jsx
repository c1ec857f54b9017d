// A dApp as the README describes it: starknet-react's config, the session provider, a component.
import { sepolia } from '@starknet-react/chains';
import { InjectedConnector, jsonRpcProvider, StarknetConfig } from '@starknet-react/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSessionConfig, SessionProvider, SessionStatus } from 'starknet-sessions';
import 'starknet-sessions/styles.css';

const config = createSessionConfig({ appId: 'consumer-vite' });
const connectors = [new InjectedConnector({ options: { id: 'argentX' } })];
const provider = jsonRpcProvider({ rpc: () => ({ nodeUrl: 'http://127.0.0.1:5050/rpc' }) });

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <StarknetConfig chains={[sepolia]} provider={provider} connectors={connectors}>
      <SessionProvider config={config}>
        <SessionStatus />
      </SessionProvider>
    </StarknetConfig>
  </StrictMode>,
);
