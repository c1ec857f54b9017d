import { InvalidInputError } from './errors/index.js';

/** A 0x-hex number: felt.ts parses it, call.ts tells a selector from a name with it. */
export const HEX_RE = /^0x[0-9a-f]+$/i;

/**
 * A short description of any input for an error's details: never throws (a prototype-less object has
 * no toString) and never carries a huge string into a message.
 */
export function describeInput(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'bigint' ? `${value}n` : String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The parameters object of a public function, or InvalidInputError naming `field` (never a TypeError later). */
export function inputObject<T>(value: T, field = 'parameters'): T & object {
  if (typeof value !== 'object' || value === null)
    throw new InvalidInputError(field, `${field} must be an object.`, { details: describeInput(value) });
  return value as T & object;
}
