import { argent, braavos, useInjectedConnectors } from '@starknet-react/core';

// A real network: every get-starknet wallet the browser has, or links to install one.
const RECOMMENDED = [argent(), braavos()];

export function useWalletConnectors() {
  return useInjectedConnectors({ recommended: RECOMMENDED, includeRecommended: 'onlyIfNoConnectors' })
    .connectors;
}
