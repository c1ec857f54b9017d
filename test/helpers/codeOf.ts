import { isSessionError } from '../../src/core/index.js';

/** 'ok', or the code of the SessionError the promise rejects with; anything else is rethrown. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (isSessionError(error)) return error.code;
    throw error;
  }
}

/** The same for a function that throws synchronously. */
export function codeOfSync(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (isSessionError(error)) return error.code;
    throw error;
  }
}
