import { buildRemoveSpendingPolicyCall, buildRevokeSessionCall } from '../calls.js';
import { NoSessionError, WalletNotConnectedError } from '../errors/index.js';
import { toFelt, toHex } from '../felt.js';
import { inputObject } from '../input.js';
import { scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
import { type ExpectedSession, readBack } from './readBack.js';
import { submitOwnerCalls, waitForSuccess } from './submitOwner.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from './types.js';

export interface RevokeSessionParameters {
  owner: OwnerAccountLike | undefined;
  /** Sessions to revoke; omit with `all: true` to revoke every live session of this app on the account. */
  publicKeys?: readonly string[] | undefined;
  all?: boolean | undefined;
  provider?: SessionProviderLike | undefined;
  chainId?: string | undefined;
  sponsored?: boolean | undefined;
  paymaster?: PaymasterLike | undefined;
}

export interface RevokeSessionReturnType {
  transactionHash: string;
  revoked: string[];
}

/**
 * Revokes one or several sessions in ONE owner transaction, also removing their spending policies (the
 * contract keeps them after a revoke otherwise), then wipes the keys.
 */
export async function revokeSession(
  config: SessionConfig,
  parameters: RevokeSessionParameters,
): Promise<RevokeSessionReturnType> {
  const { owner } = inputObject(parameters);
  if (!owner) throw new WalletNotConnectedError();
  const [provider, scope] = await scopeOf(config, { ...parameters, accountAddress: owner.address });
  const all = await config.storage.list(scope);
  const wanted = parameters.all
    ? all.filter((s) => s.status === 'active' || s.status === 'pending')
    : (parameters.publicKeys ?? []).map((pk, i) => {
        const publicKey = toHex(toFelt(pk, `publicKeys[${i}]`)); // stored keys are normalised the same way
        // A key this storage does not know can still be revoked on chain.
        return all.find((s) => s.publicKey === publicKey) ?? { publicKey, spendingLimits: [] };
      });
  if (wanted.length === 0) throw new NoSessionError();

  const calls = wanted.flatMap((s) => [
    buildRevokeSessionCall({ accountAddress: owner.address, publicKey: s.publicKey }),
    ...s.spendingLimits.map((l) =>
      buildRemoveSpendingPolicyCall({
        accountAddress: owner.address,
        publicKey: s.publicKey,
        token: l.token,
      }),
    ),
  ]);
  const transactionHash = await submitOwnerCalls(config, parameters, owner, calls, scope.chainId);
  await waitForSuccess(provider, transactionHash);
  // Only what the account no longer holds is marked revoked; a key still live on chain stays intact.
  let mismatch: unknown;
  for (const s of wanted) {
    try {
      await readBack(provider, owner.address, expectRevoked(s), transactionHash);
      await config.storage.update(scope, s.publicKey, { status: 'revoked' });
    } catch (error) {
      mismatch ??= error;
    }
  }
  if (mismatch) throw mismatch;
  return { transactionHash, revoked: wanted.map((s) => s.publicKey) };
}

/** A revoked key: no session, and none of its spending policies (only v33 records carry limits). */
function expectRevoked(s: {
  publicKey: string;
  spendingLimits: readonly { token: string }[];
}): ExpectedSession {
  return { publicKey: s.publicKey, removedTokens: s.spendingLimits.map((l) => l.token) };
}
