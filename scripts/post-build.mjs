// After `vite build` + `tsc`: mark the React entry as a client module, ship the stylesheet, then check
// what the package ships (scripts/check-dist.mjs: no orphan declarations, no dangling maps).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const entry = 'dist/index.js';
const code = readFileSync(entry, 'utf8');
// Bundlers drop module-level directives; Next.js needs it first in the file.
if (!code.startsWith('"use client"'))
  writeFileSync(entry, `"use client";\n${code.replace(/^['"]use client['"];?\n?/m, '')}`);
copyFileSync('src/styles.css', 'dist/styles.css');
// Types for `import 'starknet-sessions/styles.css'`: TypeScript checks side-effect imports, and a project
// without a bundler's `*.css` declaration would report the import as unresolved.
writeFileSync('dist/styles.css.d.ts', '// The stylesheet: imported for its side effect only.\nexport {};\n');
console.log('post-build: "use client" on dist/index.js, dist/styles.css (+ .d.ts) copied');
await import('./check-dist.mjs');
