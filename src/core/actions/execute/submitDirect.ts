import type { Call, ProviderInterface } from 'starknet';
import { isSessionError, NonceConflictError, TransactionRevertedError } from '../../errors/index.js';
import { toHex } from '../../felt.js';
import { messageOf, revertReason } from '../classify.js';
import { createAccountOnProvider } from '../starknetCompat.js';
import { SessionInvokeSigner } from '../starknetSigner.js';
import type { Checked, ResolvedSession, Sent } from './context.js';

/** The account pays: an invoke signed by the session key, re-signed once if its nonce was taken. */
export async function submitDirect(session: ResolvedSession, checked: Checked): Promise<Sent> {
  const direct = createAccountOnProvider({
    provider: session.provider as unknown as ProviderInterface,
    address: toHex(session.address),
    signer: new SessionInvokeSigner(session.signer, BigInt(session.record.validUntil)),
  });
  for (let attempt = 0; ; attempt++) {
    checked.recheck();
    try {
      const { transaction_hash } = await direct.execute(session.calls as Call[]);
      return { transactionHash: transaction_hash, via: 'direct' };
    } catch (error) {
      // Our own signer's refusal (a signer that answered no signature): nothing was sent.
      if (isSessionError(error, 'SIGNER_FAILED')) throw error;
      const message = messageOf(error);
      if (!/nonce/i.test(message) || !/invalid|taken|used|already/i.test(message)) {
        throw new TransactionRevertedError(undefined, {
          cause: error,
          details: revertReason(error) ?? message,
        });
      }
      // The nonce was taken: re-signed once with the fresh nonce starknet.js reads.
      if (attempt > 0) throw new NonceConflictError({ cause: error });
    }
  }
}
