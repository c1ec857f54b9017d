import { SessionError } from './base.js';

/** A built-in hash failed its known-answer self-test on this platform: its results cannot be trusted. */
export class CryptoSelfTestError extends SessionError<'CRYPTO_SELF_TEST_FAILED'> {
  override name = 'CryptoSelfTestError';
  constructor(details: string) {
    super('CRYPTO_SELF_TEST_FAILED', 'Poseidon failed its self-test here.', { details });
  }
}
