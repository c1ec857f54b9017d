// Size check: what this package adds on top of its peers (starknet, react, @starknet-react/core,
// @tanstack/react-query), minified + gzipped, for what an app imports. It measures the built package
// (dist/: run `npm run build` first) as a Vite app's bundler (Rolldown) takes it: tree-shaken, lazy imports
// in their own chunks (every chunk counted), minified; the stylesheet minified too. Fails over a budget or
// if the Stark curve code is bundled a second time (it must come from the starknet peer).
// `node scripts/size.mjs --json` for figures, `--by-file` for each module's share of the gzipped bytes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
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
  },
  {
    name: 'everything (starknet-sessions, every export, + styles.css)',
    code: `export * from './dist/index.js';`,
    css: 'dist/styles.css',
  },
];
const curveCode = [/node_modules\/@noble\//, /node_modules\/@scure\//];

if (!existsSync('dist/index.js') || !existsSync('dist/core.js')) {
  console.error('size: no dist/ — run `npm run build` first.');
  process.exit(1);
}
const builtFiles = readdirSync('dist', { recursive: true }).map(String);
const byFile = process.argv.includes('--by-file');
const gz = (text) => gzipSync(text, { level: 9 }).length;

/** Bundles `code` (an app's imports from dist/) with peers external; returns the emitted chunks. */
async function bundle(code) {
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
    ],
  });
  const { output } = await build.generate({ format: 'esm', minify: true });
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

let failed = 0;
const figures = [];
for (const entry of entries) {
  const chunks = await bundle(entry.code);
  if (byFile) {
    for (const row of shares(chunks)) {
      if (row.gzip >= 100)
        console.log(
          `  ${String(row.gzip).padStart(6)} B gz ${String(row.minified).padStart(6)} B  ${row.source}`,
        );
    }
  }
  let gzip = chunks.reduce((n, c) => n + gz(c.code), 0);
  let min = chunks.reduce((n, c) => n + Buffer.byteLength(c.code), 0);
  let split = '';
  if (entry.css) {
    // The stylesheet is its own download: gzipped apart from the script, then added.
    const css = (await transform(readFileSync(entry.css, 'utf8'), { loader: 'css', minify: true })).code;
    split = `; JS ${(gzip / KiB).toFixed(1)} + CSS ${(gz(css) / KiB).toFixed(1)} KiB`;
    gzip += gz(css);
    min += Buffer.byteLength(css);
  }
  const curve = [...chunks.flatMap((c) => Object.keys(c.modules)), ...builtFiles].filter((p) =>
    curveCode.some((re) => re.test(p.replaceAll('\\', '/'))),
  );
  const ok = (entry.budget === undefined || gzip <= entry.budget) && curve.length === 0;
  if (!ok) failed++;
  figures.push({
    name: entry.name,
    gzip,
    minified: min,
    chunks: chunks.length,
    budget: entry.budget,
    ok,
    curve,
  });
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${entry.name}: ${(gzip / KiB).toFixed(1)} KiB min+gz (${gzip} B${split}; ${(min / KiB).toFixed(1)} KiB min, ${chunks.length} chunk${chunks.length > 1 ? 's' : ''})` +
      (entry.budget ? `, budget ${(entry.budget / KiB).toFixed(0)} KiB` : ', reported') +
      (curve.length ? `; bundles a second copy of curve code: ${curve.join(', ')}` : ''),
  );
}
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
