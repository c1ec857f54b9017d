'use client';
import { useAccount, useNetwork, useProvider } from '@starknet-react/core';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from '../core/actions/index.js';

export interface StarknetBindings {
  provider: SessionProviderLike;
  paymaster: PaymasterLike | undefined;
  owner: OwnerAccountLike | undefined;
  accountAddress: string | undefined;
  /** 0x hex chain id, undefined until known. */
  chainId: string | undefined;
}

/** What the session hooks take from starknet-react: provider, paymaster provider, account, chain. */
export function useStarknetBindings(): StarknetBindings {
  const { provider, paymasterProvider } = useProvider();
  const { account, address, chainId } = useAccount();
  const { chain } = useNetwork();
  const id = chainId ?? chain?.id;
  return {
    provider: provider as unknown as SessionProviderLike,
    paymaster: paymasterProvider as unknown as PaymasterLike | undefined,
    owner: account as unknown as OwnerAccountLike | undefined,
    accountAddress: address,
    chainId: id === undefined ? undefined : `0x${id.toString(16)}`,
  };
}
