// deploy/install.sh's refusals and warnings, on a machine the test makes (machine-root.ts): the token only from
// a file, a malformed token, a control plane whose CA is not the token's, and the warning about a disabled
// memory cgroup (this machine's /proc/cgroups replaced, in the machine only, by one where memory is off). The
// whole install is in install-machines.test.ts.
import t from 'tap';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { REPO_ROOT } from './e2e-helpers.js';
import { machineRoot } from './machine-root.js';

// A stand-in control plane serving a CA that is not the token's (a certificate's DER is all the check reads).
const CA_DER = Buffer.from('not the cluster CA');
const caPem = `-----BEGIN CERTIFICATE-----\n${CA_DER.toString('base64')}\n-----END CERTIFICATE-----\n`;
const server = createServer((req, res) => res.writeHead(req.url === '/install/ca.pem' ? 200 : 404).end(req.url === '/install/ca.pem' ? caPem : ''));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const m = await machineRoot('/');
t.teardown(async () => {
  await m.close();
  server.close();
});
await m.run(['sh', '-c', 'cat > /root/install.sh'], { input: readFileSync(`${REPO_ROOT}deploy/install.sh`, 'utf8') });
const token = `K10${createHash('sha256').update('the cluster CA').digest('hex')}::abcdef.${'A'.repeat(20)}`;
await m.run(['sh', '-c', 'umask 077; cat > /root/token'], { input: token });
const install = (...args: string[]) => m.run(['sh', '/root/install.sh', '--url', url, '--server', '127.0.0.1:7420', ...args]);

t.test('the token comes from a file, never the command line, and must be one', async (t) => {
  const onLine = await install('--token', token);
  t.equal(onLine.code, 1);
  t.match(onLine.stderr, /never from the command line/);
  t.notMatch(onLine.stderr, /A{20}/, 'the secret is not echoed');
  await m.run(['sh', '-c', 'echo not-a-token > /root/bad']);
  t.match((await install('--token-file', '/root/bad')).stderr, /the token is malformed/);
});

t.test('a control plane whose CA is not the token\'s is refused before anything is installed', async (t) => {
  const r = await install('--token-file', '/root/token');
  t.equal(r.code, 1);
  t.match(r.stderr, new RegExp(`is not the control plane this token is for: its CA's fingerprint is ${createHash('sha256').update(CA_DER).digest('hex')}`));
  t.equal((await m.run(['sh', '-c', 'dpkg -s berth-agent'])).code, 1, 'no berth-agent installed');
});

t.test('a disabled memory cgroup is named, with what to change', async (t) => {
  const enabled = await install('--token-file', '/root/token');
  t.notMatch(enabled.stderr, /memory cgroup/, 'no warning where it is enabled');
  // cgroup v1's table with memory disabled (this machine is v1; on v2 install.sh reads cgroup.controllers).
  await m.run(['sh', '-c', 'cat > /root/cgroups && mount --bind /root/cgroups /proc/cgroups'], { input: '#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t2\t1\t1\nmemory\t0\t1\t0\n' });
  const disabled = await install('--token-file', '/root/token');
  t.match(disabled.stderr, /WARNING: the kernel's memory cgroup is disabled/);
  t.match(disabled.stderr, /cgroup_enable=memory cgroup_memory=1.*\n.*\/boot\/firmware\/cmdline\.txt/);
});
