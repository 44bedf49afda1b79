// Bundles the browser app into the server's package (packages/server/dist/console-assets), which serves
// it: one script, one stylesheet and the page, nothing fetched from elsewhere. `make build` runs it after
// tsc (which type-checks the app).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const out = here('../server/dist/console-assets/');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [here('src/main.tsx')],
  outfile: out + 'app.js',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(here('src/index.html'), out + 'index.html');
copyFileSync(here('src/app.css'), out + 'app.css');
