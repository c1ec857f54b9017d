// Whether the wallet is still asking the visitor: the status says "waiting for your wallet" until the
// wallet answered, and only then "confirming".
import { useIsMutating } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { DemoSetup } from './setup.js';

const WALLET_MUTATIONS = new Set(['createSession', 'ensureSession', 'revokeSession']);
const noSubscribe = () => () => {};
const nothing = () => undefined;

/**
 * Simulated network: the demo wallet's own prompt state. A real wallet does not say when it answered,
 * so there any wallet-signed step in progress counts as asking.
 */
export function useWalletAsking(setup: DemoSetup): boolean {
  const bridge = setup.simulated?.bridge;
  const prompt = useSyncExternalStore(
    bridge?.subscribe ?? noSubscribe,
    bridge ? () => bridge.getSnapshot().pending : nothing,
    bridge ? () => bridge.getSnapshot().pending : nothing,
  );
  const walletSteps = useIsMutating({
    predicate: (m) => WALLET_MUTATIONS.has(String(m.options.mutationKey?.[0])),
  });
  return bridge ? prompt !== undefined : walletSteps > 0;
}
