// Revoking a machine's certificate that is not an agent's (an exporter here), as an operator does it:
// `berth get certificates` lists each certificate issued at a join or a renewal (serial, kind, cluster,
// machine, not-after); `berth revoke certificate SERIAL` revokes it and the machine's other certificates
// (its renewal too), is audited, refuses the machine's calls and cuts its open event stream.
import t from 'tap';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import { FLEET_API, certificateSerial } from '@berth/core';
import { startServer, silentLogger } from '@berth/server';
import { cliAgainst } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-cli-certs-'));
const config = join(dir, 'config.yaml');
const auditLog = join(dir, 'audit.log');
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, bootstrapConfig: config, auditLog: { path: auditLog } });
const clients: BerthClient[] = [];
t.teardown(async () => {
  for (const c of clients) c.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const berth = cliAgainst(server.addr, { BERTH_CONFIG: config });
const caPem = server.ca!.certPem;

/** A new P-256 key: its PEMs. */
function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string };
}
/** A client presenting this certificate. */
const machine = (keyPem: string, certPem: string) => {
  const c = new BerthClient(server.addr, { tls: { caPem, keyPem, certPem } });
  clients.push(c);
  return c;
};
const serialOf = (certPem: string) => certificateSerial(new X509Certificate(certPem).serialNumber);
const refusal = async (p: Promise<unknown>) => p.then(() => ({ ecsName: 'none', message: '' }), (e: { ecsName: string; message: string }) => e);

t.test('an exporter\'s certificates are listed, revoked with the CLI (audited), its calls refused and its stream cut', async (t) => {
  t.equal((await berth('create', 'cluster', 'metrics')).code, 0);
  const created = await berth('create', 'join-token', '--kind', 'exporter', '--cluster', 'metrics', '-o', 'json');
  t.equal(created.code, 0, created.stderr);
  const key = newKey();
  const joining = new BerthClient(server.addr, { tls: { caPem } });
  clients.push(joining);
  const joined = await joining.callApi(FLEET_API, 'Join', { token: JSON.parse(created.stdout).token, publicKey: key.publicKey }) as { certificate: string };
  const exporter = machine(key.keyPem, joined.certificate);
  t.same((await exporter.call('ListTasks', { cluster: 'metrics' })).taskArns, [], 'it works');
  // It renews: a second certificate of the same machine.
  const key2 = newKey();
  const renewed = await exporter.callApi(FLEET_API, 'RenewCertificate', { publicKey: key2.publicKey }) as { certificate: string };
  const exporter2 = machine(key2.keyPem, renewed.certificate);
  const [first, second] = [serialOf(joined.certificate), serialOf(renewed.certificate)];

  const listed = await berth('get', 'certificates');
  t.equal(listed.code, 0, listed.stderr);
  t.match(listed.stdout, /^SERIAL\s+KIND\s+CLUSTER\s+MACHINE\s+NOT AFTER\s+STATUS\n/);
  t.match(listed.stdout, new RegExp(`\\n${first}\\s+exporter\\s+metrics\\s+\\w+\\s+\\d{4}-\\S+Z\\s+valid\\n`));
  t.match(listed.stdout, new RegExp(`\\n${second}\\s+exporter\\s+metrics\\s`));
  const json = JSON.parse((await berth('get', 'certificates', '-o', 'json')).stdout) as { serial: string; notAfter: number; id: string }[];
  t.same(json.map((c) => c.serial).sort(), [first, second].sort());
  t.equal(json[0]!.id, json[1]!.id, 'one machine');
  t.equal(json.find((c) => c.serial === second)!.notAfter, Date.parse(new X509Certificate(renewed.certificate).validTo) / 1000, 'not-after as in the certificate');

  // An open event stream of the renewed certificate.
  const streamEnd = refusal((async () => {
    for await (const _ of exporter2.watchEvents({ cluster: 'metrics', follow: true })) { /* events */ }
  })());
  while (server.events.size === 0) await new Promise((r) => setTimeout(r, 20)); // open, not yet refused
  const revoked = await berth('revoke', 'certificate', first.toUpperCase());
  t.equal(revoked.code, 0, revoked.stderr);
  t.equal(revoked.stdout.split('\n').filter(Boolean).length, 2, 'both of the machine\'s certificates');
  t.match(revoked.stdout, new RegExp(`certificate/${second} revoked \\(exporter metrics/`));
  t.match((await streamEnd).message, /is revoked/, 'its stream is cut');
  for (const c of [exporter, exporter2]) {
    const e = await refusal(c.call('ListTasks', { cluster: 'metrics' }));
    t.equal(e.ecsName, 'AccessDeniedException');
    t.match(e.message, /is revoked/);
  }
  t.equal((await refusal(exporter2.callApi(FLEET_API, 'RenewCertificate', { publicKey: newKey().publicKey }))).ecsName, 'AccessDeniedException', 'and cannot renew its way out');
  t.match((await berth('get', 'certificates')).stdout, new RegExp(`\\n${first}\\s.*revoked \\d{4}-`));
  const audited = readFileSync(auditLog, 'utf8').split('\n').filter((l) => l.includes('berth:RevokeCertificate')).map((l) => JSON.parse(l));
  t.equal(audited.length, 1, 'the revocation is audited');
  t.match(audited[0], { result: 'ok' });
  t.match(JSON.stringify(audited[0]), /user\/admin/);

  const unknown = await berth('revoke', 'certificate', 'abc123');
  t.equal(unknown.code, 1);
  t.match(unknown.stderr, /ResourceNotFoundException/);
  t.equal((await berth('revoke', 'certificate')).code, 2, 'the serial is required');
});
