#!/usr/bin/env node
// Stages one workspace package for a Debian package: its built JavaScript and its production dependencies
// only, as `npm ls --omit=dev` resolves them in this checkout's node_modules (offline: nothing is fetched).
// Usage: node deploy/packages/stage.mjs @berth/agent DEST
// DEST/node_modules/... mirrors the installed tree; Berth's own packages keep package.json, bin/ and dist/src
// (no tests, sources, declarations or source maps), and the .proto files go where @berth/api finds them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const [name, dest] = process.argv.slice(2);
if (!name || !dest) {
  process.stderr.write('usage: stage.mjs WORKSPACE-PACKAGE DEST\n');
  process.exit(2);
}
const root = realpathSync(new URL('../..', import.meta.url).pathname);
const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '-w', name], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const paths = [...new Set(out.split('\n').filter((p) => p.startsWith(`${root}/node_modules/`)))].sort();
if (!paths.some((p) => p === join(root, 'node_modules', name))) throw new Error(`${name} is not a workspace package of ${root}`);

/**
 * A dependency without its nested node_modules (npm ls names those itself), TypeScript (sources and
 * declarations) and source maps; a native one (binding.gyp) also
 * without what only building it needs: its sources, vendored C and objects, all but build/Release/*.node.
 */
function copyDependency(from, to) {
  const native = existsSync(join(from, 'binding.gyp'));
  cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const [top, ...rest] = relative(from, src).split('/');
      if (top === 'node_modules' || /\.([cm]?ts|map)$/.test(src)) return false;
      if (!native) return true;
      if (top === 'deps' || top === 'src' || top === 'binding.gyp') return false;
      if (top !== 'build') return true;
      const sub = rest.join('/');
      return sub === '' || sub === 'Release' || (/^Release\/[^/]+\.node$/.test(sub) && !sub.startsWith('Release/test_'));
    },
  });
}

function copyWorkspace(from, to) {
  mkdirSync(to, { recursive: true });
  cpSync(join(from, 'package.json'), join(to, 'package.json'));
  if (existsSync(join(from, 'bin'))) cpSync(join(from, 'bin'), join(to, 'bin'), { recursive: true });
  cpSync(join(from, 'dist', 'src'), join(to, 'dist', 'src'), { recursive: true, filter: (src) => !/\.(d\.ts|map)$/.test(src) });
}

rmSync(dest, { recursive: true, force: true });
for (const p of paths) {
  const to = join(dest, relative(root, p));
  if (lstatSync(p).isSymbolicLink()) copyWorkspace(realpathSync(p), to);
  else copyDependency(p, to);
}
// @berth/api loads the .proto files from the repository's protos/, four levels above its dist/src/load.js:
// in this tree, node_modules/protos.
if (paths.includes(join(root, 'node_modules', '@berth', 'api'))) {
  cpSync(join(root, 'protos', 'berth'), join(dest, 'node_modules', 'protos', 'berth'), { recursive: true });
}
process.stdout.write(`${paths.length} packages staged for ${name} in ${dest}\n`);
