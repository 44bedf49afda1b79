// The files a new machine fetches to join (install/install-files.ts): install.sh filled in with the address it
// was fetched from and the gRPC port; the package list signed by the CA's key; only listed packages; a Host
// header that could not go into a shell script refused.
import t from 'tap';
import { createServer, request } from 'node:http';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { installFiles } from '../src/install/install-files.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-install-files-'));
writeFileSync(join(dir, 'install.sh'), "#!/bin/sh\nBERTH_URL='@BERTH_URL@'\nBERTH_SERVER='@BERTH_SERVER@'\n");
writeFileSync(join(dir, 'berth-agent_1_arm64.deb'), 'a package');
writeFileSync(join(dir, 'notes.txt'), 'not a package');
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const handler = installFiles({ dir, ca: async () => ({ certPem: 'THE CA\n', keyPem }), grpcPort: 7420, https: false });
const server = createServer((req, res) => {
  if (!handler(req, res)) res.writeHead(418).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
t.teardown(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, host = `berth.example:7421`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject).end();
  });
}

t.test('install.sh names the address it was fetched from and the gRPC port', async (t) => {
  const r = await get('/install.sh');
  t.equal(r.status, 200);
  t.equal(r.body, "#!/bin/sh\nBERTH_URL='http://berth.example:7421'\nBERTH_SERVER='berth.example:7420'\n");
  t.equal((await get('/install.sh', "x';reboot;'")).status, 400, 'a Host header unfit for a script is refused');
});

t.test('the package list is signed by the CA key, and only listed packages are served', async (t) => {
  const sums = await get('/install/SHA256SUMS');
  t.match(sums.body, /^[0-9a-f]{64} {2}berth-agent_1_arm64\.deb\n$/);
  const sig = await get('/install/SHA256SUMS.sig');
  t.ok(verify('sha256', Buffer.from(sums.body), createPublicKey(keyPem), Buffer.from(sig.body.trim(), 'base64')), 'the signature verifies');
  t.equal((await get('/install/ca.pem')).body, 'THE CA\n');
  t.same(await get('/install/berth-agent_1_arm64.deb'), { status: 200, body: 'a package' });
  t.equal((await get('/install/notes.txt')).status, 404);
  t.equal((await get('/install/../install.sh')).status, 200, 'a path is resolved before it is looked up');
  t.equal((await get('/elsewhere')).status, 418, 'other paths are left to the AWS protocols');
});
