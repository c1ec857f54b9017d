import { type Call, type InvocationsSignerDetails, type Signature, SignerInterface } from 'starknet';
import { normalizeCalls, type SessionCall } from '../call.js';
import { toChainId } from '../chain.js';
import { SessionError } from '../errors/index.js';
import { toAddress, toFelt } from '../felt.js';
import { sessionInvokeHashOf } from '../hash.js';
import { formatSessionSignature } from '../sign.js';
import type { SessionSigner } from '../storage/types.js';

/**
 * A starknet.js signer for direct invokes by a session key: signs the §3.1 session hash with the nonce,
 * chain and account starknet.js hands it, and returns `[pubkey, r, s, validUntil]`. It can only sign
 * invokes; any other request is refused.
 */
export class SessionInvokeSigner extends SignerInterface {
  // Declared, not initialised: assigned once below (no class-field definitions to ship).
  declare private readonly signer: SessionSigner;
  declare private readonly validUntil: bigint;

  constructor(signer: SessionSigner, validUntil: bigint) {
    super();
    this.signer = signer;
    this.validUntil = validUntil;
  }

  async getPubKey(): Promise<string> {
    return this.signer.publicKey;
  }

  async signTransaction(transactions: Call[], details: InvocationsSignerDetails): Promise<Signature> {
    const hash = sessionInvokeHashOf(
      toAddress(details.walletAddress, 'walletAddress'),
      toChainId(String(details.chainId)),
      toFelt(details.nonce, 'nonce'),
      this.validUntil,
      normalizeCalls(transactions as SessionCall[]),
    );
    const sig = await this.signer.signHash(hash);
    return formatSessionSignature(BigInt(this.signer.publicKey), sig, this.validUntil);
  }

  async signMessage(): Promise<Signature> {
    throw refused();
  }

  async signDeployAccountTransaction(): Promise<Signature> {
    throw refused();
  }

  async signDeclareTransaction(): Promise<Signature> {
    throw refused();
  }
}

/** Every request but an invoke: one refusal says why. */
function refused() {
  return new SessionError('SESSION_SIGNER_REFUSED', 'A session key signs invokes only.');
}
