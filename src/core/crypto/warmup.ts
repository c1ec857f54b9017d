import { signOutsideExecution } from '../sign.js';

// The first signature of a page pays for what later ones reuse: starknet.js builds the curve's
// generator table (~80 ms), our Poseidon builds its constants and checks a known answer, and the JIT
// is cold. Warming does that work on a throwaway key and message, in idle time, before the user acts.
const ROUNDS = 8; // one round builds the tables; the next ones bring the JIT close to warm
const SAMPLE = {
  accountAddress: '0x1',
  chainId: '0x534e5f5345504f4c4941', // SN_SEPOLIA
  outsideExecution: {
    nonce: 1,
    executeAfter: 0,
    executeBefore: 1,
    calls: [{ contractAddress: '0x2', entrypoint: 'warm_up', calldata: ['0x1'] }],
  },
};

// The Stark public key of the throwaway private key 1 (the generator's x): no scalar multiplication.
const PUBLIC_KEY_OF_1 = '0x1ef15c18599971b7beced415a40f0c7deacfd9b0d1819e03d723d8bc943cfca';

let state: 'idle' | 'scheduled' | 'done' = 'idle';

/** One warm-up round: hash a sample outside execution and sign it with a throwaway key (no secret). */
export function warmSigningOnce(chainId = SAMPLE.chainId): void {
  signOutsideExecution({ ...SAMPLE, chainId, privateKey: 1n, publicKey: PUBLIC_KEY_OF_1, validUntil: 1 });
}

type IdleScheduler = (run: () => void, options: { timeout: number }) => unknown;

/**
 * Warms signing once per page or process, in idle time (requestIdleCallback, else a timer that does
 * not keep a Node process alive). Never at import time: call it when a session is restored, with its chain.
 */
export function scheduleSigningWarmup(options: { chainId?: string; rounds?: number } = {}): void {
  const { chainId, rounds = ROUNDS } = options;
  if (state !== 'idle') return;
  state = 'scheduled';
  const idle = (globalThis as { requestIdleCallback?: IdleScheduler }).requestIdleCallback;
  const later = (run: () => void) => {
    if (idle) idle(run, { timeout: 2000 });
    else (setTimeout(run, 0) as { unref?: () => void }).unref?.();
  };
  const round = (left: number) => () => {
    warmSigningOnce(chainId); // the session's chain: its domain hash is cached too
    if (left > 1) later(round(left - 1));
    else state = 'done';
  };
  later(round(rounds));
}

/** Whether the warm-up has finished (for tests and benchmarks). */
export function signingWarmupState(): 'idle' | 'scheduled' | 'done' {
  return state;
}
