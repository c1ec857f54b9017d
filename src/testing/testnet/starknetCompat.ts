/**
 * Where starknet.js 8, 9 and 10 differ for the simulated network: how a provider's tip estimate is
 * replaced. 10 extends providers through plugins (`defaultPlugins` + ours); 8 and 9 have no plugins,
 * so the estimate is set on the instance. Accounts read through their provider in every version
 * (core's createAccountOnProvider), so they get the same estimate.
 */

import type {
  BlockIdentifier,
  RpcProvider,
  RpcProviderOptions,
  StarknetPlugin,
  TipAnalysisOptions,
  TipEstimate,
} from 'starknet';
import * as starknet from 'starknet';

export type EstimateTip = (
  provider: RpcProvider,
  blockIdentifier?: BlockIdentifier,
  options?: TipAnalysisOptions,
) => Promise<TipEstimate>;

// Read off the namespace, not imported by name: 8 and 9 do not export it, and Node's ESM linker or
// a strict bundler would refuse a named import of a missing export.
const defaultPlugins: unknown = Reflect.get(starknet, 'defaultPlugins');

/** An RpcProvider whose `getEstimateTip` is `estimateTip`, in every supported starknet.js. */
export function createRpcProviderWithTips(
  options: RpcProviderOptions,
  estimateTip: EstimateTip,
): RpcProvider {
  if (Array.isArray(defaultPlugins)) {
    const plugin: StarknetPlugin<Pick<RpcProvider, 'getEstimateTip'>> = {
      name: 'starknet-sessions:testnet-tips',
      extend: (provider) => ({
        getEstimateTip: (blockIdentifier, tipOptions) =>
          estimateTip(provider as RpcProvider, blockIdentifier, tipOptions),
      }),
    };
    return new starknet.RpcProvider({ ...options, plugins: [...defaultPlugins, plugin] });
  }
  const provider = new starknet.RpcProvider(options);
  provider.getEstimateTip = (blockIdentifier, tipOptions) =>
    estimateTip(provider, blockIdentifier, tipOptions);
  return provider;
}
