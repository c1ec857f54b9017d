// Size check: what this package adds on top of its peers (starknet, react, @starknet-react/core,
// @tanstack/react-query), minified + gzipped, for what an app imports. Also fails if the Stark curve code
// is bundled a second time (it must come from the starknet peer). `node scripts/size.mjs --json` for figures,
// `--by-file` for each source file's share of the gzipped bytes.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { SourceMapConsumer } from 'source-map-js';

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
const hasComponents = existsSync('src/components/index.ts');

const entries = [
  {
    name: 'core protocol (hash, sign, calls, policy, preflight, support)',
    code: `export { ${PROTOCOL} } from './src/core/index.ts';`,
    budget: 12 * KiB,
  },
  { name: 'core, every export (+ actions, storage)', code: `export * from './src/core/index.ts';` },
  {
    name: `React app: provider + hooks${hasComponents ? ' + components' : ''} + styles.css`,
    code: `export { ${[...REACT, ...(hasComponents ? COMPONENTS : [])]} } from './src/index.ts';`,
    css: 'src/styles.css',
    budget: 30 * KiB,
    // Over budget today; reported until the size work of the "Speed, size and resilience" issue lands.
    enforced: false,
  },
  {
    name: 'everything (starknet-sessions, every export, + styles.css)',
    code: `export * from './src/index.ts';`,
    css: 'src/styles.css',
  },
];
const curveCode = [/node_modules\/@noble\//, /node_modules\/@scure\//];

const byFile = process.argv.includes('--by-file');

/** Each source's share of the gzipped output: its minified pieces gzipped alone, scaled to the real total. */
function shares(result) {
  const js = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = new SourceMapConsumer(JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map')).text));
  const lines = js.split('\n');
  const segments = [];
  map.eachMapping((m) => segments.push(m));
  segments.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  const text = new Map();
  segments.forEach((s, i) => {
    const next = segments[i + 1];
    const line = lines[s.generatedLine - 1];
    const end = next?.generatedLine === s.generatedLine ? next.generatedColumn : line.length;
    const source = (s.source ?? '?').replace(/^.*?src\//, 'src/');
    text.set(source, (text.get(source) ?? '') + line.slice(s.generatedColumn, end));
  });
  const rows = [...text].map(([source, t]) => [source, gzipSync(t, { level: 9 }).length, t.length]);
  const scale = gzipSync(js, { level: 9 }).length / rows.reduce((n, r) => n + r[1], 0);
  return rows
    .map(([source, g, m]) => ({ source, gzip: Math.round(g * scale), minified: m }))
    .sort((a, b) => b.gzip - a.gzip);
}

let failed = 0;
const figures = [];
for (const entry of entries) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    outdir: '.size-out',
    metafile: true,
    sourcemap: byFile ? 'external' : false,
    external: peers,
    logLevel: 'error',
  });
  const js = result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.contents);
  if (byFile) {
    for (const row of shares(result)) {
      if (row.gzip >= 100)
        console.log(
          `  ${String(row.gzip).padStart(6)} B gz ${String(row.minified).padStart(6)} B min  ${row.source}`,
        );
    }
  }
  let gz = js.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0);
  let min = js.reduce((n, c) => n + c.length, 0);
  if (entry.css) {
    // What an app's bundler ships: the stylesheet minified.
    const css = (await transform(readFileSync(entry.css, 'utf8'), { loader: 'css', minify: true })).code;
    gz += gzipSync(css, { level: 9 }).length;
    min += Buffer.byteLength(css);
  }
  const curve = Object.keys(result.metafile.inputs).filter((p) => curveCode.some((re) => re.test(p)));
  const ok = (entry.budget === undefined || gz <= entry.budget) && curve.length === 0;
  if (!ok && (entry.enforced !== false || curve.length > 0)) failed++;
  figures.push({ name: entry.name, gzip: gz, minified: min, budget: entry.budget, ok, curve });
  console.log(
    `${ok ? 'ok  ' : entry.enforced === false && curve.length === 0 ? 'OVER' : 'FAIL'} ${entry.name}: ${(gz / KiB).toFixed(1)} KiB min+gz (${(min / KiB).toFixed(1)} KiB min)` +
      (entry.budget ? `, budget ${(entry.budget / KiB).toFixed(0)} KiB` : ', reported') +
      (curve.length ? `; bundles a second copy of curve code: ${curve.join(', ')}` : ''),
  );
}
if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
process.exit(failed ? 1 : 0);
