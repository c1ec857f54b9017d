// One fresh process, one measurement: the cost of a first use (constants built, self-check, cold JIT)
// and of a later one. Run by scripts/bench-first-use.mjs, which starts many of these.
import { ec, hash, outsideExecution, typedData } from 'starknet';
import { poseidonHashMany } from '../../src/core/crypto/poseidon.js';
import { scheduleSigningWarmup } from '../../src/core/crypto/warmup.js';
import { signOutsideExecution } from '../../src/core/sign.js';
import { loadVectors } from '../../test/vectors/load.js';

const { vectors } = loadVectors();
const o = vectors.outsideExecution;
const key = vectors.sessionPrivateKey;
const calls = o.oe.calls.map((c) => ({
  contractAddress: c.to,
  entrypoint: c.selector,
  calldata: c.calldata.map(String),
}));
const felts = [0x1234n, 0xabcdn, 0x5678n]; // 2 permutations
let nonce = 0x77n;

const routes: Record<string, () => unknown> = {
  'poseidon:starknet-sessions': () => poseidonHashMany(felts),
  'poseidon:starknet.js': () => hash.computePoseidonHashOnElements(felts),
  'sign:starknet-sessions': () =>
    signOutsideExecution({
      accountAddress: o.account,
      chainId: o.chainId,
      outsideExecution: {
        caller: o.oe.caller,
        nonce: nonce++,
        executeAfter: o.oe.execute_after,
        executeBefore: o.oe.execute_before,
        calls,
      },
      privateKey: key,
      publicKey: vectors.sessionPublicKey,
      validUntil: 1767225600,
    }),
  // starknet.js's own route (typed data hashed generically); 'transfer' is the vector call's entrypoint.
  'sign:starknet.js': () => {
    const data = outsideExecution.getTypedData(
      o.chainId,
      { caller: o.oe.caller, execute_after: o.oe.execute_after, execute_before: o.oe.execute_before },
      nonce++,
      calls.map((c) => ({ ...c, entrypoint: 'transfer' })),
      '2',
    );
    const h = BigInt(typedData.getMessageHash(data, o.account));
    return ec.starkCurve.sign(h.toString(16).padStart(64, '0'), BigInt(key).toString(16).padStart(64, '0'));
  },
};

const route = routes[process.argv[2] ?? ''];
if (!route) throw new Error(`unknown route ${process.argv[2]}; one of ${Object.keys(routes).join(', ')}`);
// `warmup`: what a page does once a session is restored, then the user acts after the idle warm-up.
// Node has no requestIdleCallback: this one runs each round as a browser would, between tasks.
if (process.argv[3] === 'warmup') {
  const idle: (() => void)[] = [];
  Object.assign(globalThis, { requestIdleCallback: (run: () => void) => idle.push(run) });
  scheduleSigningWarmup(o.chainId);
  for (let run = idle.shift(); run; run = idle.shift()) {
    run();
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
const t0 = performance.now();
route();
const first = performance.now() - t0;
for (let i = 0; i < 100; i++) route(); // warm
const t1 = performance.now();
route();
const warm = performance.now() - t1;
process.stdout.write(JSON.stringify({ first, warm }));
