// First use in a fresh process: our Poseidon builds its constants and checks a known answer on first use,
// starknet.js builds the curve's generator table, and the JIT is cold; and the first call after the idle
// warm-up a restored session schedules (src/core/crypto/warmup.ts). Medians over fresh processes, next to starknet.js's routes.
// Run by `npm run bench`; alone: `node scripts/bench-first-use.mjs [processes]`.
import { spawnSync } from 'node:child_process';

const runs = Number(process.argv[2] ?? 11);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v) => (v >= 1 ? v.toFixed(2) : v.toFixed(3));

function measure(route, ...extra) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync('node', ['--import', 'tsx', 'bench/first-use/probe.ts', route, ...extra], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`probe ${route} failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout));
  }
  return { first: median(samples.map((s) => s.first)), warm: median(samples.map((s) => s.warm)) };
}

console.log(`\nFirst use in a fresh process (median of ${runs} processes, ms; ratio to starknet-sessions):`);
for (const [title, what] of [
  ['Poseidon hash of 3 felts (2 permutations)', 'poseidon'],
  ['Sign a 1-call outside execution', 'sign'],
]) {
  const ours = measure(`${what}:starknet-sessions`);
  const theirs = measure(`${what}:starknet.js`);
  console.log(`\n${title}`);
  console.log(`  ${ms(ours.first).padStart(9)}  starknet-sessions, first call`);
  console.log(
    `  ${ms(theirs.first).padStart(9)}  starknet.js, first call  ${(theirs.first / ours.first).toFixed(2)}x`,
  );
  if (what === 'sign') {
    // What a page gets once a session is restored: the signing tables are warmed in idle time first.
    const idle = measure(`${what}:starknet-sessions`, 'warmup');
    console.log(
      `  ${ms(idle.first).padStart(9)}  starknet-sessions, first call after the idle warm-up  ${(idle.first / ours.warm).toFixed(2)}x warm (budget 2x)`,
    );
  }
  console.log(`  ${ms(ours.warm).padStart(9)}  starknet-sessions, after 100 calls`);
  console.log(
    `  ${ms(theirs.warm).padStart(9)}  starknet.js, after 100 calls  ${(theirs.warm / ours.warm).toFixed(2)}x`,
  );
}
