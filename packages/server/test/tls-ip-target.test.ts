// A client that reaches the control plane by IP address sends no IP address as TLS's server name (Node's
// DEP0123, "Setting the TLS ServerName to an IP address is not permitted by RFC 6066", printed once by
// every such process) and still verifies that the server's certificate names that address
// (api/credentials.ts: channelCredentials and channelOptions). Each client runs in a child process, since
// Node prints the warning once per process.
import t, { type Test } from 'tap';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { IP_TARGET_SERVER_NAME, serverCredentials } from '@berth/api';
import { createCertificateAuthority, issueServerCertificate } from '../src/fleet/certificates.js';

// The compiled test runs from dist/test: the package's directory, where @berth/api resolves.
const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ca = await createCertificateAuthority();

/** A gRPC server on 127.0.0.1 serving a certificate for `hosts`; it implements no method. */
async function serve(t: Test, hosts: string[]): Promise<string> {
  const cert = await issueServerCertificate(ca, hosts);
  const server = new grpc.Server();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', serverCredentials({ caPem: ca.certPem, ...cert }), (e, p) => (e ? reject(e) : resolve(p))));
  t.teardown(() => server.forceShutdown());
  return `127.0.0.1:${port}`;
}

/**
 * One call from a fresh process: `berth` uses Berth's channel (channelCredentials + channelOptions), `plain`
 * grpc-js's own createSsl (what every client did before). The call names a method nobody serves: a
 * verified connection answers UNIMPLEMENTED, a refused certificate UNAVAILABLE.
 */
function callFrom(way: 'berth' | 'plain', addr: string): Promise<{ code: number; details: string; stderr: string }> {
  const script = `
    import * as grpc from '@grpc/grpc-js';
    import { channelCredentials, channelOptions } from '@berth/api';
    const [way, addr, caPem] = process.argv.slice(1);
    const tls = { caPem };
    const client = way === 'berth'
      ? new grpc.Client(addr, channelCredentials(tls, addr), channelOptions(addr, tls))
      : new grpc.Client(addr, grpc.credentials.createSsl(Buffer.from(caPem)));
    client.makeUnaryRequest('/nobody.Serves/This', (b) => b, (b) => b, Buffer.alloc(0), { deadline: Date.now() + 20000 }, (e) => {
      console.log(JSON.stringify({ code: e ? e.code : 0, details: e ? e.details : '' }));
      client.close();
    });`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script, way, addr, ca.certPem], { cwd: serverDir, timeout: 30_000 }, (e, stdout, stderr) => {
      if (e) return reject(new Error(`${e.message}\n${stderr}`));
      resolve({ ...JSON.parse(stdout.trim().split('\n').pop()!), stderr });
    });
  });
}

t.test('by IP: no DEP0123, and the certificate naming the address is accepted', async (t) => {
  const addr = await serve(t, ['127.0.0.1']);
  const got = await callFrom('berth', addr);
  t.equal(got.code, grpc.status.UNIMPLEMENTED, `the TLS connection was made (${got.details})`);
  t.notMatch(got.stderr, /DEP0123|ServerName to an IP/, 'no warning printed');
  t.equal(got.stderr, '', 'nothing at all on stderr');
});

t.test('the warning this removes: grpc-js alone prints it for the same connection', async (t) => {
  const addr = await serve(t, ['127.0.0.1']);
  const got = await callFrom('plain', addr);
  t.equal(got.code, grpc.status.UNIMPLEMENTED);
  t.match(got.stderr, /DEP0123/);
});

t.test('a certificate for another address is refused, even one naming the server name sent', async (t) => {
  const addr = await serve(t, ['127.0.0.2', IP_TARGET_SERVER_NAME, 'localhost']);
  const got = await callFrom('berth', addr);
  t.equal(got.code, grpc.status.UNAVAILABLE, 'no connection');
  t.match(got.details, /IP: 127\.0\.0\.1 is not in the cert's list|does not match certificate/, `refused for the address: ${got.details}`);
  t.notMatch(got.stderr, /DEP0123/);
});
