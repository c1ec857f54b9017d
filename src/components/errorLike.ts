/** What the components read from an error: a SessionError fits, so does any `{ shortMessage }`. */
export interface ErrorLike {
  code?: string | undefined;
  shortMessage?: string | undefined;
  message?: string | undefined;
}

/** The sentence a user reads: SessionError's shortMessage, never a stack or a details dump. */
export function errorText(error: ErrorLike): string {
  return error.shortMessage ?? error.message ?? String(error);
}

/** The wallet's "user rejected" answer, told apart from real failures. */
export function isRejection(error: ErrorLike | undefined): boolean {
  return error?.code === 'USER_REJECTED';
}
