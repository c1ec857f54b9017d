// Package-contents check, run by post-build (so `npm run build` and CI fail on it):
// - every declaration file describes a shipped .js or is reachable from a "types" entry of package.json
//   "exports" (no orphans such as a .d.ts of a module the build never shipped), and every relative import
//   in one resolves to a shipped file;
// - every source map, and every sourceMappingURL comment, points only at files the package ships.
// `node scripts/check-dist.mjs` prints what it found; exit code 1 on any problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const shipped = (file) =>
  existsSync(file) && pkg.files.some((f) => file === f || file.startsWith(`${normalize(f)}/`));
const all = readdirSync('dist', { recursive: true }).map((f) => join('dist', String(f)));
const problems = [];

/** The "types" of every export condition (and the top-level "types"). */
function typeEntries() {
  const found = new Set(pkg.types ? [normalize(pkg.types)] : []);
  const walk = (v) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (k === 'types' && typeof x === 'string') found.add(normalize(x));
      else walk(x);
    }
  };
  walk(pkg.exports);
  return [...found];
}

/** Relative module specifiers of a declaration file, resolved to the .d.ts they load. */
function declarationImports(file) {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map(
    (m) => m[1],
  );
  return specs.map((spec) => {
    const base = join(dirname(file), spec.replace(/\.(m?js|jsx)$/, ''));
    const candidates = [`${base}.d.ts`, join(base, 'index.d.ts')];
    const hit = candidates.find((c) => existsSync(c));
    if (!hit) problems.push(`${file}: imports ${spec}, which the package does not ship`);
    return hit;
  });
}

const reached = new Set();
const queue = typeEntries();
for (const entry of queue) if (!existsSync(entry)) problems.push(`exports "types" ${entry} is missing`);
while (queue.length) {
  const file = queue.pop();
  if (reached.has(file) || !existsSync(file)) continue;
  reached.add(file);
  for (const next of declarationImports(file)) if (next) queue.push(next);
}
// A declaration describes either a shipped module (its .js beside it) or types an entry reaches.
const orphans = all.filter(
  (f) => f.endsWith('.d.ts') && !reached.has(f) && !existsSync(f.replace(/\.d\.ts$/, '.js')),
);
for (const f of orphans)
  problems.push(`${f}: orphan declaration file (no .js, no exported entry reaches it)`);

for (const file of all.filter((f) => /\.(m?js|d\.ts|css)$/.test(f))) {
  const url = /[#@] sourceMappingURL=(\S+)/.exec(readFileSync(file, 'utf8'))?.[1];
  if (url && !url.startsWith('data:') && !shipped(join(dirname(file), url)))
    problems.push(`${file}: sourceMappingURL ${url} is not shipped`);
}
for (const map of all.filter((f) => f.endsWith('.map'))) {
  const { sources = [], sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8'));
  for (const source of sources) {
    const target = relative('.', join(dirname(map), sourceRoot, source));
    if (!shipped(target)) problems.push(`${map}: points at ${target}, which the package does not ship`);
  }
}

const dts = all.filter((f) => f.endsWith('.d.ts')).length;
const maps = all.filter((f) => f.endsWith('.map')).length;
if (problems.length) {
  console.error(`check-dist: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-dist: ${dts} declaration files, none orphan, ${maps} source maps, none dangling`);
