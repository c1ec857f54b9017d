/**
 * The one error hierarchy of starknet-sessions. Every failure the library reports is a
 * `SessionError` with a stable `code`; users switch on `error.code`, never on the message.
 * A subclass adds a code (its name follows from it: errorName) and structured fields, which it
 * `declare`s and assigns in its constructor (a plain field would also compile to an initialiser).
 */
export interface SessionErrorOptions {
  /** What the contract, node, paymaster or wallet said, verbatim where possible. */
  details?: string | undefined;
  cause?: unknown;
  /** Extra lines for `message` (never secrets). */
  metaMessages?: string[] | undefined;
}

export class SessionError<TCode extends string = string> extends Error {
  override name = 'SessionError';
  // Assigned in the constructor (no initialiser needed); `cause` stays a field so it is enumerable.
  declare readonly code: TCode;
  declare readonly shortMessage: string;
  declare readonly details: string | undefined;
  override readonly cause: unknown;

  constructor(code: TCode, shortMessage: string, options: SessionErrorOptions = {}) {
    // `message` is composed from the parts, so logs read well.
    const details = options.details ?? detailsOf(options.cause);
    const lines = [shortMessage, ...(options.metaMessages ?? [])];
    if (details && details !== shortMessage) lines.push(`Details: ${details}`);
    lines.push(`Code: ${code}`);
    super(lines.join('\n'), { cause: options.cause });
    this.code = code;
    this.shortMessage = shortMessage;
    this.details = details;
    this.cause = options.cause;
  }
}

function detailsOf(cause: unknown): string | undefined {
  if (cause instanceof SessionError) return cause.details ?? cause.shortMessage;
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'string') return cause;
  return undefined;
}

/**
 * The name of a library error class, from its code: USER_REJECTED -> UserRejectedError. Classes whose
 * name does not follow their code spell it out. (Not the constructor's name: minifiers rename classes.)
 */
export function errorName(code: string): string {
  return `${code.toLowerCase().replace(/(?:^|_)(.)/g, (_, letter: string) => letter.toUpperCase())}Error`;
}

/** The base of the library's error classes named after their code (one name initialiser for all). */
export class CodeNamedError<TCode extends string = string> extends SessionError<TCode> {
  override name = errorName(this.code);
}

/** True when `value` is a SessionError, optionally with the given code. */
export function isSessionError<TCode extends string>(
  value: unknown,
  code?: TCode,
): value is SessionError<TCode> {
  return value instanceof SessionError && (code === undefined || value.code === code);
}
