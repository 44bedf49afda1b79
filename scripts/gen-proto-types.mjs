#!/usr/bin/env node
// Generates TypeScript types for protos/berth/v1/*.proto into packages/api/src/gen with proto-loader's
// generator. The flags MUST match the loadSync options in packages/api/src/load.ts
// (keepCase false, longs String, enums String, defaults false, oneofs false), or the types lie.
import { execFileSync } from 'node:child_process';
import { rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = root + 'packages/api/src/gen';
rmSync(out, { recursive: true, force: true });
const protos = readdirSync(root + 'protos/berth/v1').filter((f) => f.endsWith('.proto')).map((f) => 'berth/v1/' + f);
// File names go first: --includeDirs is an array option and would swallow them.
execFileSync(root + 'node_modules/.bin/proto-loader-gen-types', [...protos,
  '--grpcLib=@grpc/grpc-js', `--outDir=${out}`, '--longs=String', '--enums=String',
  '--importFileExtension=.js', `--includeDirs=${root}protos`,
], { stdio: 'inherit' });
// Keep the generated headers free of this machine's absolute paths.
for (const f of readdirSync(out, { recursive: true })) {
  if (!String(f).endsWith('.ts')) continue;
  const file = `${out}/${f}`;
  writeFileSync(file, readFileSync(file, 'utf8').replace(`// Original file: ${root}`, '// Original file: '));
}
console.log(`generated types for ${protos.join(', ')}`);
