// README check: every ```ts / ```tsx block of README.md (and demo/README.md) compiles as written against
// the PACKED package, in a consumer project as a user has it (strict, skipLibCheck, moduleResolution
// bundler, jsx react-jsx). Each block is its own module. Run after `npm run build`.
//   node scripts/check-readme.mjs [--tarball path.tgz] [--keep] [--consumer dir]
// (--consumer: reuse a consumer dir a previous --keep run installed; only the blocks are checked again)
// It packs the package (or takes the tarball), installs it with the peers into a temp dir (npm cache,
// --prefer-offline), typechecks every block with this repository's tsc, and prints one line per block.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readmeBlocks } from './check-readme-blocks.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dev = pkg.devDependencies;
// What a dApp installs beside us (README "Install"), plus what the blocks themselves import.
const consumerDeps = [
  'starknet',
  'react',
  'react-dom',
  '@tanstack/react-query',
  '@starknet-react/core',
  '@starknet-react/chains',
  '@types/react',
  '@types/react-dom',
  '@types/node',
  'vitest',
];
const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  moduleResolution: 'bundler',
  moduleDetection: 'force',
  jsx: 'react-jsx',
  strict: true,
  skipLibCheck: true,
  isolatedModules: true,
  noEmit: true,
  types: ['node'],
};
// Blocks that import an entry another issue adds: reported as waiting for it while the package lacks it.
const pendingEntries = { 'starknet-sessions/node': 'the Node entry (issue 16)' };

function pack(dir) {
  if (!existsSync(join(root, 'dist/index.js'))) throw new Error('no dist/: run `npm run build` first');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root });
  return join(dir, JSON.parse(out.toString())[0].filename);
}

function install(dir, tarball) {
  const dependencies = { 'starknet-sessions': `file:${tarball}` };
  for (const name of consumerDeps) dependencies[name] = dev[name];
  const manifest = { name: 'readme-consumer', private: true, type: 'module', dependencies };
  manifest.overrides = pkg.overrides; // README "Install": what a react 19 + starknet 10 app adds
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

const option = (name) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : undefined);
const reuse = option('--consumer');
const work = reuse ?? mkdtempSync(join(tmpdir(), 'check-readme-'));
if (!reuse) {
  const tarball = option('--tarball') ?? pack(work);
  console.log(`check-readme: ${tarball.replace(work, '<tmp>')} installed in ${work}`);
  install(work, tarball);
}
const exportsMap = JSON.parse(
  readFileSync(join(work, 'node_modules/starknet-sessions/package.json'), 'utf8'),
).exports;

const blocks = ['README.md', 'demo/README.md']
  .filter((f) => existsSync(join(root, f)))
  .flatMap((f) => readmeBlocks(f, readFileSync(join(root, f), 'utf8')));
rmSync(join(work, 'blocks'), { recursive: true, force: true });
mkdirSync(join(work, 'blocks'));
for (const b of blocks) writeFileSync(join(work, 'blocks', b.file), b.code);
writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['blocks'] }, null, 2));
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', work], {
  cwd: work,
  encoding: 'utf8',
});
const errors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));

/** `blocks/x.ts(3,5): error …` -> `README.md:77:5: error …` (block line 1 is the line after the fence). */
const atSource = (b, line) =>
  line.replace(/^blocks\/[^(]+\((\d+),(\d+)\):\s*/, (_, l, c) => `${b.source}:${b.line + Number(l)}:${c}: `);

let failed = 0;
for (const b of blocks) {
  const own = errors.filter((l) => l.startsWith(`blocks/${b.file}(`));
  const waits = Object.keys(pendingEntries).filter(
    (e) => b.code.includes(`'${e}'`) && !exportsMap[`./${e.split('/').slice(1).join('/')}`],
  );
  const where = `${b.source}:${b.line} (${b.lang})`;
  if (own.length === 0) console.log(`ok   ${where}`);
  else {
    failed++;
    const why = waits.length ? ` — waits for ${waits.map((e) => pendingEntries[e]).join(', ')}` : '';
    console.log(`FAIL ${where}${why}`);
    for (const line of own) console.log(`       ${atSource(b, line)}`);
  }
}
const stray = errors.filter((l) => !l.startsWith('blocks/'));
for (const line of stray) console.log(`FAIL ${line}`);
console.log(`check-readme: ${blocks.length - failed} of ${blocks.length} blocks compile`);
if (!keep && !reuse) rmSync(work, { recursive: true, force: true });
process.exit(failed || stray.length ? 1 : 0);
