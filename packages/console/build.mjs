// Bundles the browser app into the server's package (packages/server/dist/console-assets), which serves
// it: the page, one stylesheet, the app's script and the chunks it loads when needed (the YAML parser, for
// registering a task definition), nothing fetched from elsewhere. `make build` runs it after tsc (which
// type-checks the app).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const out = here('../server/dist/console-assets/');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [here('src/main.tsx')],
  outdir: out,
  entryNames: 'app',
  chunkNames: 'chunk-[hash]',
  splitting: true,
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
