import { normalizeCalls } from '../call.js';
import { toChainId } from '../chain.js';
import { outsideExecutionHashOf } from '../hash.js';
import { signHash } from './ecdsa.js';

// The first signature of a page pays for what later ones reuse: starknet.js builds the curve's
// generator table (~80 ms), our Poseidon builds its constants and checks a known answer, and the JIT
// is cold. Warming does that work on a throwaway key and message, in idle time, before the user acts.
// The same steps as executeWithSession's (parse the calls, hash, sign): warm, and no extra bundle bytes.
const CALLS = [{ contractAddress: '0x1', entrypoint: '0x1', calldata: ['0x1'] }];
const WINDOW = { caller: 1n, nonce: 1n, executeAfter: 1n, executeBefore: 1n };

let scheduled = false;

type IdleScheduler = (run: () => void) => unknown;

/**
 * Warms signing once per page or process, in idle time (requestIdleCallback, else a timer that does
 * not keep a Node process alive): one round builds the tables, the next ones warm the JIT (24 rounds,
 * about 1 ms each after the first: a first action at 1.3–1.7x a warm one, against 1.8–1.9x with 8).
 * Never at import time: call it when a session is restored, with its chain (its domain hash is cached).
 */
export function scheduleSigningWarmup(chainId: string, rounds = 24): void {
  if (scheduled) return;
  scheduled = true;
  const idle = (globalThis as { requestIdleCallback?: IdleScheduler }).requestIdleCallback;
  const later = (run: () => void) =>
    idle ? idle(run) : (setTimeout(run) as { unref?: () => void }).unref?.();
  const round = (left: number) => () => {
    const oe = { ...WINDOW, calls: normalizeCalls(CALLS) };
    signHash(outsideExecutionHashOf(1n, toChainId(chainId), oe, 'u128'), 1n); // throwaway key
    if (left > 1) later(round(left - 1));
  };
  later(round(rounds));
}
