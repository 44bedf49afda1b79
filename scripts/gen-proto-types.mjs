#!/usr/bin/env node
// Generates TypeScript types for protos/berth/v1/*.proto into packages/api/src/gen with proto-loader's
// generator. The flags MUST match the loadSync options in packages/api/src/load.ts
// (keepCase false, longs String, enums String, defaults false, oneofs false), or the types lie.
// The generated APIs' own protos (protos/berth/aws/) are loaded untyped: their types are the model's.
// `--check` generates into a temporary folder and fails naming every file that differs from the committed one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = root + 'packages/api/src/gen';
const check = process.argv.includes('--check');
const out = check ? mkdtempSync(join(tmpdir(), 'berth-gen-')) : committed;
rmSync(out, { recursive: true, force: true });
const protos = readdirSync(root + 'protos/berth/v1').filter((f) => f.endsWith('.proto')).map((f) => 'berth/v1/' + f);
// File names go first: --includeDirs is an array option and would swallow them.
execFileSync(root + 'node_modules/.bin/proto-loader-gen-types', [...protos,
  '--grpcLib=@grpc/grpc-js', `--outDir=${out}`, '--longs=String', '--enums=String',
  '--importFileExtension=.js', `--includeDirs=${root}protos`,
], { stdio: 'inherit' });
// Keep the generated headers free of this machine's absolute paths.
const files = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
for (const f of files) {
  const file = `${out}/${f}`;
  writeFileSync(file, readFileSync(file, 'utf8').replace(`// Original file: ${root}`, '// Original file: '));
}
if (check) {
  const mine = new Set(readdirSync(committed, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')));
  const stale = files.filter((f) => !existsSync(`${committed}/${f}`) || readFileSync(`${committed}/${f}`, 'utf8') !== readFileSync(`${out}/${f}`, 'utf8'));
  stale.push(...[...mine].filter((f) => !files.includes(f)));
  rmSync(out, { recursive: true, force: true });
  if (stale.length) {
    console.error(`not current (run make gen): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log('generated proto types are current');
} else {
  console.log(`generated types for ${protos.join(', ')}`);
}
