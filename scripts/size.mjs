// Size check: what this package adds on top of its peers (starknet, react, @starknet-react/core,
// @tanstack/react-query), minified + gzipped, for what an app imports. It measures the built package
// (dist/: run `npm run build` first) as a Vite app's bundler (Rolldown) takes it: tree-shaken, lazy imports
// in their own chunks, minified; the stylesheet minified too (Lightning CSS, as Vite 8 does). Fails over a budget or if the Stark curve code
// is bundled a second time (it must come from the starknet peer). A budget counts what a page loads up front:
// the entry chunk and every chunk it imports statically. A chunk reached only through `import()` is
// reported on its own line, with the total of every chunk: none is hidden. (The library has none today:
// Rolldown splits the modules such a chunk shares with the entry into common chunks gzipped apart, which
// made the up-front download larger, not smaller, when revoking and sponsored creation were tried lazily.)
// `node scripts/size.mjs --json` for figures, `--by-file` for each module's share of the gzipped bytes (listed
// under its entry), `--entry react` for the entries whose name holds that word, `--floor` for what an entry
// weighs with every prose string emptied (printed anyway for an entry over its budget).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transform as minifyCss } from 'lightningcss';
import { rolldown } from 'rolldown';

const KiB = 1024;
const peers = [
  'starknet',
  'react',
  'react-dom',
  'react/jsx-runtime',
  '@starknet-react/core',
  '@tanstack/react-query',
];
const PROTOCOL = [
  'computeSessionInvokeHash',
  'computeOutsideExecutionHash',
  'signSessionInvoke',
  'signOutsideExecution',
  'generateSessionKey',
  'buildAddSessionCall',
  'buildRevokeSessionCall',
  'buildSetSpendingPolicyCall',
  'buildRemoveSpendingPolicyCall',
  'parseSessionData',
  'parseSpendingPolicy',
  'checkSessionCalls',
  'detectSessionSupport',
  'normalizeSessionPolicy',
  'SESSION_KEY_MANAGER_INTERFACE_ID',
  'SRC9_V2_INTERFACE_ID',
  'ANY_CALLER',
  'ADMIN_SELECTORS',
];
const REACT = [
  'SessionProvider',
  'createSessionConfig',
  'useSession',
  'useSessions',
  'useCreateSession',
  'useSessionExecute',
  'useRevokeSession',
  'useSessionSupport',
  'useSpendingPolicy',
];
const COMPONENTS = ['SessionConsent', 'SessionStatus', 'SessionList'];

const entries = [
  {
    name: 'core protocol (hash, sign, calls, policy, preflight, support)',
    code: `export { ${PROTOCOL} } from './dist/core.js';`,
    budget: 12 * KiB,
  },
  { name: 'core, every export (+ actions, storage)', code: `export * from './dist/core.js';` },
  {
    name: 'a React app (provider, hooks, the three components) plus styles.css, gzipped separately as a browser downloads them',
    code: `export { ${[...REACT, ...COMPONENTS]} } from './dist/index.js';`,
    css: 'dist/styles.css',
    budget: 30 * KiB,
    // The 30 KiB budget is NOT met (35.1 KiB, see the README): with every prose string emptied (the floor
    // line) the app is still 31.6 KiB. Until the budget is decided again, CI fails on growth past this.
    ceiling: 35.25 * KiB,
  },
  {
    name: 'everything (starknet-sessions, every export, + styles.css)',
    code: `export * from './dist/index.js';`,
    css: 'dist/styles.css',
  },
];
// Vite 8 minifies an app's CSS with Lightning CSS for its default browser targets (baseline widely available).
const version = (major, minor = 0) => (major << 16) | (minor << 8);
const viteCssTargets = {
  chrome: version(111),
  edge: version(111),
  firefox: version(114),
  safari: version(16, 4),
  ios_saf: version(16, 4),
};
const curveCode = [/node_modules\/@noble\//, /node_modules\/@scure\//];

if (!existsSync('dist/index.js') || !existsSync('dist/core.js')) {
  console.error('size: no dist/ — run `npm run build` first.');
  process.exit(1);
}
const builtFiles = readdirSync('dist', { recursive: true }).map(String);
const byFile = process.argv.includes('--by-file');
const floorFlag = process.argv.includes('--floor');
const gz = (text) => gzipSync(text, { level: 9 }).length;

/** The [start, end) of every string literal or template that holds a space (prose), outermost only. */
function proseRanges(node, out = []) {
  if (!node || typeof node.type !== 'string') return out;
  const prose =
    (node.type === 'Literal' && typeof node.value === 'string' && node.value.includes(' ')) ||
    (node.type === 'TemplateLiteral' && node.quasis.some((q) => q.value.raw.includes(' ')));
  if (prose) out.push([node.start, node.end]);
  else {
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) proseRanges(child, out);
    }
  }
  return out;
}

/**
 * `--floor`: every sentence of the library emptied (error messages, UI text, class lists: any string
 * literal holding a space becomes ""), to show what the code alone weighs against a budget.
 */
const emptyProse = {
  name: 'empty-prose',
  transform(code, id) {
    if (!/[\\/]dist[\\/]/.test(id) || !id.endsWith('.js')) return null;
    let out = code;
    for (const [start, end] of proseRanges(this.parse(code)).reverse()) {
      out = `${out.slice(0, start)}""${out.slice(end)}`;
    }
    return { code: out };
  },
};

/** Bundles `code` (an app's imports from dist/) with peers external; returns the emitted chunks. */
async function bundle(code, floor = false) {
  const input = '\0size-entry';
  const build = await rolldown({
    input,
    external: (id) => peers.some((p) => id === p || id.startsWith(`${p}/`)),
    platform: 'browser',
    logLevel: 'silent',
    plugins: [
      {
        name: 'size-entry',
        resolveId: (id) => (id === input ? id : null),
        load: (id) => (id === input ? code : null),
      },
      ...(floor ? [emptyProse] : []),
    ],
  });
  // The output options a Vite 8 app build uses when it minifies (no comments, not even @__PURE__ ones).
  const { output } = await build.generate({
    format: 'esm',
    minify: true,
    comments: false,
    topLevelVar: true,
  });
  await build.close();
  return output.filter((o) => o.type === 'chunk');
}

/** Each module's share of the gzipped output: its rendered code gzipped alone, scaled to the real total. */
function shares(chunks) {
  const rows = chunks.flatMap((c) =>
    Object.entries(c.modules)
      .filter(([, m]) => m.renderedLength > 0)
      .map(([id, m]) => ({
        source: id.replace(/^.*?dist\//, 'dist/'),
        gzip: gz(m.code ?? ''),
        minified: m.renderedLength,
      })),
  );
  const scale = chunks.reduce((n, c) => n + gz(c.code), 0) / rows.reduce((n, r) => n + r.gzip, 0);
  return rows.map((r) => ({ ...r, gzip: Math.round(r.gzip * scale) })).sort((a, b) => b.gzip - a.gzip);
}

/** The chunks a page loads up front: the entry and, transitively, its static imports. */
function initialChunks(chunks) {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set();
  const visit = (c) => {
    if (!c || seen.has(c)) return;
    seen.add(c);
    for (const name of c.imports) visit(byName.get(name));
  };
  for (const c of chunks) if (c.isEntry) visit(c);
  return seen;
}

/** What a lazy chunk holds, for its line: its modules' file names. */
const lazyName = (chunk) =>
  Object.keys(chunk.modules)
    .filter((id) => chunk.modules[id].renderedLength > 0)
    .map((id) => id.replace(/^.*?dist\//, ''))
    .join(', ');

let failed = 0;
const figures = [];
// `--entry react` (a word of an entry's name) measures only the entries whose name holds it.
const only = process.argv.includes('--entry') ? process.argv[process.argv.indexOf('--entry') + 1] : undefined;
for (const entry of entries) {
  if (only && !entry.name.toLowerCase().includes(only.toLowerCase())) continue;
  const allChunks = await bundle(entry.code);
  const initial = initialChunks(allChunks);
  const chunks = allChunks.filter((c) => initial.has(c));
  const lazy = allChunks
    .filter((c) => !initial.has(c))
    .map((c) => ({
      chunk: c.fileName,
      holds: lazyName(c),
      gzip: gz(c.code),
      minified: Buffer.byteLength(c.code),
    }));
  let gzip = chunks.reduce((n, c) => n + gz(c.code), 0);
  let min = chunks.reduce((n, c) => n + Buffer.byteLength(c.code), 0);
  let split = '';
  if (entry.css) {
    // The stylesheet is its own download: gzipped apart from the script, then added.
    const css = new TextDecoder().decode(
      minifyCss({
        filename: 'styles.css',
        code: readFileSync(entry.css),
        minify: true,
        targets: viteCssTargets,
      }).code,
    );
    split = `; JS ${(gzip / KiB).toFixed(1)} + CSS ${(gz(css) / KiB).toFixed(1)} KiB`;
    gzip += gz(css);
    min += Buffer.byteLength(css);
  }
  const curve = [...allChunks.flatMap((c) => Object.keys(c.modules)), ...builtFiles].filter((p) =>
    curveCode.some((re) => re.test(p.replaceAll('\\', '/'))),
  );
  const ok = (entry.budget === undefined || gzip <= entry.budget) && curve.length === 0;
  const overCeiling = curve.length > 0 || gzip > (entry.ceiling ?? entry.budget ?? Number.POSITIVE_INFINITY);
  if (overCeiling) failed++;
  figures.push({
    name: entry.name,
    gzip,
    minified: min,
    chunks: chunks.length,
    lazy,
    everyChunk: gzip + lazy.reduce((n, c) => n + c.gzip, 0),
    budget: entry.budget,
    ok,
    curve,
  });
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${entry.name}: ${(gzip / KiB).toFixed(1)} KiB min+gz (${gzip} B${split}; ${(min / KiB).toFixed(1)} KiB min, ${chunks.length} chunk${chunks.length > 1 ? 's' : ''})` +
      (entry.budget ? `, budget ${(entry.budget / KiB).toFixed(0)} KiB` : ', reported') +
      (entry.ceiling && !ok
        ? ` (OVER BUDGET by ${((gzip - entry.budget) / KiB).toFixed(1)} KiB; fails only past the ${(entry.ceiling / KiB).toFixed(2)} KiB ceiling)`
        : '') +
      (curve.length ? `; bundles a second copy of curve code: ${curve.join(', ')}` : ''),
  );
  if (entry.budget && (!ok || floorFlag)) {
    // What the code weighs with no prose at all: if even that is over, text alone cannot close the gap.
    const bare = initialChunks(await bundle(entry.code, true));
    const bareJs = [...bare].reduce((n, c) => n + gz(c.code), 0);
    const bareTotal = bareJs + (gzip - chunks.reduce((n, c) => n + gz(c.code), 0));
    console.log(
      `       floor, every string with a space emptied (messages, UI text, class lists): ${(bareTotal / KiB).toFixed(1)} KiB (${bareTotal} B; JS ${(bareJs / KiB).toFixed(1)} KiB)`,
    );
  }
  if (byFile) {
    for (const row of shares(allChunks)) {
      if (row.gzip >= 100)
        console.log(
          `  ${String(row.gzip).padStart(6)} B gz ${String(row.minified).padStart(6)} B  ${row.source}`,
        );
    }
  }
  for (const c of lazy) {
    console.log(
      `       + lazy, loaded only by the flow that needs it: ${(c.gzip / KiB).toFixed(1)} KiB min+gz (${c.gzip} B) ${c.holds}`,
    );
  }
  if (lazy.length) {
    const total = figures.at(-1).everyChunk;
    console.log(
      `       = every chunk, up front and lazy: ${(total / KiB).toFixed(1)} KiB min+gz (${total} B)`,
    );
  }
}
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
