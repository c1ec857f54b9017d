import type { StorageWarning } from './types.js';

// Module-wide on purpose: a warning logged by one storage instance is not repeated by the next.
const logged = new Set<string>();

/**
 * Hands a warning to the app's `onWarning` (every time) and to console.warn (once per `onceKey`
 * per page), so a corrupted record or a fallback is visible without flooding the console.
 */
export function emitStorageWarning(
  warning: StorageWarning,
  onWarning: ((warning: StorageWarning) => void) | undefined,
  onceKey: string,
): void {
  try {
    onWarning?.(warning);
  } catch {
    // an app's logger failing must not break storage
  }
  if (logged.has(onceKey)) return;
  logged.add(onceKey);
  console.warn(`[starknet-sessions] ${warning.message}`, warning.error);
}
