'use client';
import { useAccount, useConnect, useNetwork, useProvider } from '@starknet-react/core';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from '../core/actions/index.js';
import { toHex } from '../core/felt.js';

export interface StarknetBindings {
  provider: SessionProviderLike;
  paymaster: PaymasterLike | undefined;
  owner: OwnerAccountLike | undefined;
  /** The owner's account, read from the connector when this component has not received it yet. */
  getOwner(): Promise<OwnerAccountLike | undefined>;
  accountAddress: string | undefined;
  /** 0x hex chain id, undefined until known. */
  chainId: string | undefined;
}

/** What the session hooks take from starknet-react: provider, paymaster provider, account, chain. */
export function useStarknetBindings(): StarknetBindings {
  const { provider, paymasterProvider } = useProvider();
  const { account, address, chainId } = useAccount();
  // starknet-react gives each newly mounted component its account a moment after the connector is set:
  // an action fired in that moment asks the connector directly instead of failing with "not connected".
  const { connector } = useConnect();
  const { chain } = useNetwork();
  const id = chainId ?? chain?.id;
  const owner = account as unknown as OwnerAccountLike | undefined;
  return {
    provider: provider as unknown as SessionProviderLike,
    paymaster: paymasterProvider as unknown as PaymasterLike | undefined,
    owner,
    async getOwner() {
      try {
        return (
          owner ?? ((await connector?.account(provider, paymasterProvider)) as unknown as OwnerAccountLike)
        );
      } catch {
        return undefined; // not connected after all
      }
    },
    accountAddress: address,
    chainId: id === undefined ? undefined : toHex(id),
  };
}
