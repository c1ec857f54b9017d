import { shortString } from 'starknet';
import { InvalidInputError } from './errors/index.js';
import { parseBigInt, STARK_PRIME } from './felt.js';
import { describeInput } from './input.js';

/** A chain id as a felt: accepts '0x534e5f4d41494e' or the shortstring name 'SN_MAIN'. */
export function toChainId(chainId: string | bigint, field = 'chainId'): bigint {
  if (typeof chainId === 'bigint') return chainId;
  const n = parseBigInt(chainId);
  if (n !== undefined && n < STARK_PRIME) return n;
  if (typeof chainId === 'string' && /^[A-Z0-9_]{1,31}$/.test(chainId))
    return BigInt(shortString.encodeShortString(chainId));
  throw new InvalidInputError(field, `${field} is not a chain id.`, { details: describeInput(chainId) });
}
