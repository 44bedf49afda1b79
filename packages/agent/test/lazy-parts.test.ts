// lazy-parts.ts: each deferred part of a dependency is not loaded when the module that requires it is, and
// works as the real one when used (in a Node process of its own, since this one may have loaded them).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './e2e-helpers.js';

const SCRIPT = `
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
await import(${JSON.stringify(`${REPO_ROOT}packages/agent/dist/src/lazy-parts.js`)});
const req = createRequire(${JSON.stringify(`${REPO_ROOT}packages/agent/package.json`)});
const loaded = (re) => Object.keys(req.cache).some((f) => re.test(f));
const out = {};
const Docker = req('dockerode');
req('prom-client');
new Docker({ socketPath: '/run/docker.sock' });
const dockerode = createRequire(req.resolve('dockerode'));
const modem = createRequire(dockerode.resolve('docker-modem'));
const promMetrics = createRequire(createRequire(req.resolve('prom-client')).resolve('./lib/metrics/processCpuTotal.js'));
out.before = { ssh2: loaded(/\\/ssh2\\//), tarStream: loaded(/\\/tar-stream\\//), readableStream: loaded(/\\/readable-stream\\//), otel: loaded(/\\/@opentelemetry\\/api\\/dist\\/(?!index\\.cjs$)/) };
// Used: each behaves as the real module.
const HttpDuplex = modem('./http_duplex.js');
const res = new PassThrough(), sent = new PassThrough();
const duplex = new HttpDuplex(sent, res);
out.duplex = duplex instanceof modem('readable-stream').Duplex;
const got = new Promise((r) => duplex.once('data', (d) => r(String(d))));
res.write('from docker');
out.duplexData = await got;
out.ignore = dockerode('@balena/dockerignore')({ ignorecase: false }).add('*.log').ignores('a.log');
out.pack = typeof dockerode('tar-fs').pack(mkdtempSync(tmpdir() + '/berth-lazy-')).pipe;
out.tarKeys = [Object.keys(dockerode('tar-fs')).sort(), 'extract' in dockerode('tar-fs'), Object.getOwnPropertyDescriptor(dockerode('tar-fs'), 'nothing') === undefined];
const otel = promMetrics('@opentelemetry/api');
out.otel = otel.trace.getSpan(otel.context.active()) === undefined && typeof otel.trace.getTracer === 'function';
out.after = { tarStream: loaded(/\\/tar-stream\\//), readableStream: loaded(/\\/readable-stream\\//), otel: loaded(/\\/@opentelemetry\\/api\\/dist\\/(?!index\\.cjs$)/) };
console.log(JSON.stringify(out));
process.exit(0);
`;

t.test('deferred parts load on first use, and work as the real ones', async (t) => {
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { encoding: 'utf8', env: { PATH: process.env.PATH } }));
  t.same(out.before, { ssh2: false, tarStream: false, readableStream: false, otel: false }, 'dockerode, a client and prom-client loaded: none of the deferred parts');
  t.equal(out.duplex, true, 'a hijacked connection\'s duplex is docker-modem\'s (readable-stream\'s Duplex)');
  t.equal(out.duplexData, 'from docker', 'and carries what Docker sends');
  t.equal(out.ignore, true, '@balena/dockerignore');
  t.equal(out.pack, 'function', 'tar-fs packs a directory');
  t.same(out.tarKeys, [['extract', 'pack'], true, true], 'an object module\'s stand-in shows the real one\'s members, and only those');
  t.equal(out.otel, true, '@opentelemetry/api');
  t.same(out.after, { tarStream: true, readableStream: true, otel: true }, 'loaded once used');
});
