import {
  NoSessionError,
  SessionExpiredError,
  SessionKeyMissingError,
  SessionRevokedError,
} from '../../errors/index.js';
import { scopeOf } from '../chain.js';
import type { SessionConfig } from '../config.js';
import { withEntrypointNames } from '../entrypoints.js';
import type { ExecuteWithSessionParameters } from '../executeWithSession.js';
import { pickSession } from '../getSessionState.js';
import type { ResolvedSession } from './context.js';

/** The given session, else the newest active one, with its signer; a typed error says why there is none. */
export async function resolveSession(
  config: SessionConfig,
  parameters: ExecuteWithSessionParameters,
): Promise<ResolvedSession> {
  const [provider, scope] = await scopeOf(config, parameters);
  const record = await pickSession(config, scope, parameters.publicKey, ['active']);
  if (!record || record.status === 'pending') throw new NoSessionError();
  if (record.status === 'revoked') throw new SessionRevokedError(record.publicKey);
  if (record.status === 'expired') throw new SessionExpiredError(record.validUntil, config.now());
  const signer = await config.storage.getSigner(scope, record.publicKey);
  if (!signer) throw new SessionKeyMissingError(record.publicKey);
  const address = BigInt(parameters.accountAddress);
  const paymaster = parameters.paymaster ?? config.paymaster;
  return {
    ...parameters, // accountAddress as given, maxFeeInGasToken, owner
    // Paymaster when one is configured (or asked for), else direct.
    mode: parameters.mode ?? (paymaster ? 'paymaster' : 'direct'),
    paymaster,
    feeMode: parameters.feeMode ?? config.feeMode,
    config,
    calls: withEntrypointNames([parameters.calls].flat(), record),
    provider,
    scope,
    record,
    signer,
    address,
    key: `${scope.chainId}:${address}:${record.publicKey}`,
  };
}
