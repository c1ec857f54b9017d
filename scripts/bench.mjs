// npm run bench: runs every vitest bench once, then prints the medians side by side per group, with each
// line's ratio to the group's first (starknet-sessions) line. Extra args go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

mkdirSync('.ci-out', { recursive: true });
const out = '.ci-out/bench.json';
const run = spawnSync(
  'npx',
  ['vitest', 'bench', '--run', '--project', 'node', '--outputJson', out, ...process.argv.slice(2)],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
if (run.status !== 0) process.exit(run.status ?? 1);

const report = JSON.parse(readFileSync(out, 'utf8'));
const ms = (v) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
console.log('\nMedians (ms), ratio to the first line of each group:');
for (const file of report.files) {
  for (const group of file.groups) {
    console.log(`\n${group.fullName.replace(/^.*?\.bench\.ts > /, '')}`);
    const [first] = group.benchmarks;
    for (const b of group.benchmarks) {
      const ratio = b === first ? '' : `  ${(b.median / first.median).toFixed(2)}x`;
      console.log(`  ${ms(b.median).padStart(9)}  ${b.name}${ratio}`);
    }
  }
}

// First use (cold constants, cold JIT, the curve's generator table) needs fresh processes: not a vitest bench.
if (process.argv.length <= 2) {
  const cold = spawnSync('node', ['scripts/bench-first-use.mjs'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (cold.status !== 0) process.exit(cold.status ?? 1);
}

// Render count of a component using useSession during 10 executes (a React tree in happy-dom: counted, not timed).
if (process.argv.length <= 2) {
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'dom', 'test/renders.test.tsx'], {
    encoding: 'utf8',
  });
  const count = /render count: (\d+) renders/.exec(run.stdout + run.stderr)?.[1];
  if (run.status !== 0 || count === undefined) {
    console.error(run.stdout, run.stderr);
    process.exit(run.status || 1);
  }
  console.log(
    `\nRender count: ${count} renders of a component using useSession during 10 executes (bound: 5)`,
  );
}
