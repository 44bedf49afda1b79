// Joining with a token over TLS, against a real control plane (in process, file store, TLS on loopback):
// the cluster CA (created once, shared through the store, given with --ca-cert), the join (instance and
// certificate in one call, key 0600, token never stored), refusals (unknown, expired, used up, another
// control plane's, clock skew, rate limit), a one-use token presented twice at once, and identity from the
// certificate: the agent stream without one or naming another instance, calls beyond an agent's, and
// revocation by deregistration (its stream cut, its certificate refused).
import t from 'tap';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { BerthClient, agentMessageToWire, channelCredentials, loadBerthProtos, readCliConfig, serverMessageFromWire, type ChannelTls } from '@berth/api';
import { CLOUDWATCH_API, FLEET_API, formatJoinToken, parseJoinToken, type RegisterContainerInstanceRequest } from '@berth/core';
import { EtcdStore, PrefixedStore, type Store } from '@berth/store';
import { createCertificateAuthority, startServer, silentLogger, type RunningServer, type ServerOptions } from '@berth/server';
import { joinCluster, pinnedCa } from '../src/join.js';
import { newMachineKey } from '../src/machine-credentials.js';
import { AgentSession } from '../src/session.js';
import { CertificateRenewal } from '../src/certificate-renewal.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-join-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
// etcd, so that several servers (replicas, restarts) share one store in this process.
const namespace = `/berth-test/join-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const stores: Store[] = [];
const openNs = async () => {
  const s = new PrefixedStore(await EtcdStore.open([process.env.BERTH_TEST_ETCD ?? '127.0.0.1:2379']), namespace);
  stores.push(s);
  return s;
};
t.teardown(async () => {
  const s = await openNs();
  await (s as PrefixedStore).clear();
  for (const x of stores) await x.close().catch(() => {});
});
const secretsKeyPath = join(dir, 'secrets.key');
/** Joins from one address in quick succession: the limiter is tested on a server of its own. */
const generous = { perSource: { burst: 1000, perSecond: 1000 }, overall: { burst: 1000, perSecond: 1000 } };
const bootstrapConfig = join(dir, 'config.yaml');
const start = async (more: Partial<ServerOptions> = {}) => startServer({ listen: '127.0.0.1:0', store: await openNs(), secretsKeyPath, log: silentLogger, bootstrapConfig, fleet: { joinRateLimit: generous }, ...more });
/** The bootstrapped admin's client of a replica of the namespace's store: TLS trusting its CA, calls signed. */
const adminOf = (s: RunningServer) => {
  const c = readCliConfig(bootstrapConfig).contexts[0]!;
  return new BerthClient(s.addr, { tls: { caPem: s.ca!.certPem }, credentials: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey! } });
};
const log = { debug() {}, info() {}, warn() {}, error() {} } as never;
const registration = (cluster?: string): RegisterContainerInstanceRequest => ({
  ...(cluster ? { cluster } : {}),
  totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 1024 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 512 }],
});

let server: RunningServer = await start();
let admin = adminOf(server);
t.teardown(async () => {
  admin.close();
  await server.close();
});
const createToken = async (req: Record<string, unknown> = {}) => (await admin.callApi(FLEET_API, 'CreateJoinToken', req)) as { token: string; joinToken: { id: string } };
const refusal = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: { ecsName: string; message: string }) => e);

t.test('the cluster CA is created once, sealed in the store, and kept across restarts', async (t) => {
  const before = server.ca!.fingerprint;
  t.match(before, /^[0-9a-f]{64}$/);
  admin.close();
  await server.close();
  server = await start();
  admin = adminOf(server);
  t.equal(server.ca!.fingerprint, before, 'the same CA after a restart');
  const raw = (await server.ctx.store.get('/berth/v1/cluster-ca'))!.value.toString();
  t.notMatch(raw, /PRIVATE KEY/, 'its key is sealed, never in clear');
  // A replica of the plaintext development mode mints tokens for the same CA (read when first needed).
  const plain = await startServer({ insecure: true, listen: '127.0.0.1:0', store: await openNs(), secretsKeyPath, log: silentLogger });
  const pc = new BerthClient(plain.addr);
  const { token } = (await pc.callApi(FLEET_API, 'CreateJoinToken', {})) as { token: string };
  t.equal(parseJoinToken(token).caHash, before, 'every replica shares the CA');
  pc.close();
  await plain.close();
  t.ok(new X509Certificate(server.ca!.certPem).ca);
});

t.test('a given CA (--ca-cert/--ca-key) that is not the store\'s is refused; one for an empty store is used', async (t) => {
  const given = await createCertificateAuthority();
  await t.rejects(start({ tls: { ca: { certPem: given.certPem, keyPem: given.keyPem } } }), /not this store's cluster CA/);
  const other = mkdtempSync(join(tmpdir(), 'berth-join-ca-'));
  const s = await startServer({ listen: '127.0.0.1:0', store: `file:${join(other, 'b.db')}`, log: silentLogger, tls: { ca: { certPem: given.certPem, keyPem: given.keyPem } } });
  t.equal(s.ca!.fingerprint, given.fingerprint);
  await s.close();
  rmSync(other, { recursive: true, force: true });
});

t.test('a machine joins with a token: instance and certificate in one call; key 0600; the token is stored nowhere', async (t) => {
  const { token, joinToken } = await createToken({ uses: 1 });
  t.equal(parseJoinToken(token).caHash, server.ca!.fingerprint, 'the token pins the CA');
  const listed = (await admin.callApi(FLEET_API, 'ListJoinTokens', {})) as { joinTokens: Record<string, unknown>[] };
  t.notMatch(JSON.stringify(listed), parseJoinToken(token).secret, 'listings never show the secret');
  t.ok(listed.joinTokens.some((x) => x.id === joinToken.id));
  const data = join(dir, 'agent-a');
  const joined = await joinCluster([server.addr], token, registration(), data, log);
  t.match(joined.containerInstanceArn, /:container-instance\/default\/[0-9a-f]{32}$/);
  const cert = new X509Certificate(joined.credentials.certPem);
  t.match(cert.subjectAltName, `URI:urn:berth:agent:${joined.containerInstanceArn}`);
  t.ok(Date.parse(cert.validFrom) < Date.now() - 23 * 3600_000, 'notBefore is set back a day');
  t.equal(statSync(join(data, 'tls', 'key.pem')).mode & 0o777, 0o600);
  for (const f of readdirSync(data, { recursive: true }) as string[]) {
    const p = join(data, f);
    if (statSync(p).isFile()) t.notMatch(readFileSync(p, 'utf8'), parseJoinToken(token).secret, `${f} holds no token`);
  }
  const kvs = await server.ctx.store.range('/berth/v1/', { limit: 10_000 });
  t.notOk(kvs.kvs.some((kv) => kv.value.toString().includes(parseJoinToken(token).secret)), 'the store holds no token secret');
  const e = await refusal(joinCluster([server.addr], token, registration(), join(dir, 'agent-a2'), log));
  t.match(e.message, /used up/, 'a one-use token admits one machine');
});

t.test('unknown, expired, wrong-secret and other-CA tokens are refused', async (t) => {
  const { token } = await createToken({ ttlSeconds: 1 });
  const p = parseJoinToken(token);
  t.match((await refusal(joinCluster([server.addr], formatJoinToken({ ...p, secret: 'x'.repeat(32) }), registration(), join(dir, 'w1'), log))).message, /not valid/);
  t.match((await refusal(joinCluster([server.addr], formatJoinToken({ ...p, id: 'nosuch1' }), registration(), join(dir, 'w2'), log))).message, /not valid/);
  await t.rejects(pinnedCa(server.addr, '0'.repeat(64)), /not the control plane this join token is for/);
  await new Promise((r) => setTimeout(r, 1500));
  t.match((await refusal(joinCluster([server.addr], token, registration(), join(dir, 'w3'), log))).message, /expired/);
  t.match((await refusal(admin.callApi(FLEET_API, 'Join', { token: 'K10abc', publicKey: newMachineKey().publicKeyPem }))).message, /malformed/);
  // A join refused for what it carries (a bad key, an unknown cluster) uses nothing up.
  const once = await createToken({ uses: 1 });
  t.match((await refusal(admin.callApi(FLEET_API, 'Join', { token: once.token, publicKey: 'not a key', registration: JSON.stringify(registration()) }))).message, /public key/);
  t.equal((await refusal(joinCluster([server.addr], once.token, registration('no-such-cluster'), join(dir, 'w4'), log))).ecsName, 'ClusterNotFoundException');
  t.ok(await joinCluster([server.addr], once.token, registration(), join(dir, 'w5'), log), 'the one use is still there');
});

t.test('a one-use token presented twice at once admits one', async (t) => {
  const { token } = await createToken({ uses: 1 });
  const results = await Promise.allSettled([0, 1].map((i) => joinCluster([server.addr], token, registration(), join(dir, `race-${i}`), log)));
  t.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  t.match((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message, /used up/);
});

t.test('a clock far off is refused as clock skew; joins are rate-limited per address', async (t) => {
  const { token } = await createToken();
  await t.rejects(pinnedCa(server.addr, server.ca!.fingerprint, 10_000, Date.now() - 3 * 86400_000), { name: 'Error', message: /^clock skew/ }, 'the agent sees its own clock behind the certificate');
  const skew = await refusal(admin.callApi(FLEET_API, 'Join', { token, publicKey: newMachineKey().publicKeyPem, registration: JSON.stringify(registration()), clientTime: Date.now() / 1000 - 3 * 86400 }));
  t.match(skew.message, /^clock skew/);
  const limited = await start({ fleet: { joinRateLimit: { perSource: { burst: 2, perSecond: 0.01 }, overall: { burst: 100, perSecond: 10 } } } });
  const c = adminOf(limited);
  const bad = { token: formatJoinToken({ ...parseJoinToken(token), secret: 'y'.repeat(32) }), publicKey: newMachineKey().publicKeyPem };
  const names = [];
  for (let i = 0; i < 3; i++) names.push((await refusal(c.callApi(FLEET_API, 'Join', bad))).ecsName);
  t.same(names, ['AccessDeniedException', 'AccessDeniedException', 'LimitExceededException']);
  c.close();
  await limited.close();
});

/** Opens the agent stream with these credentials and says hello as `arn`: the first message, or the status. */
function openSession(tls: ChannelTls | undefined, arn: string): { first: Promise<unknown>; status: Promise<grpc.StatusObject>; cancel(): void } {
  const AgentService = loadBerthProtos().berth.v1.AgentService;
  const c = new AgentService(server.addr, channelCredentials(tls)) as unknown as { Connect(): grpc.ClientDuplexStream<unknown, unknown>; close(): void };
  const s = c.Connect();
  s.on('error', () => {});
  const status = new Promise<grpc.StatusObject>((r) => s.on('status', (st: grpc.StatusObject) => { c.close(); r(st); }));
  const first = new Promise((r) => s.once('data', (w: Record<string, unknown>) => r(serverMessageFromWire(w))));
  s.write(agentMessageToWire({ hello: { protocolVersion: 1, cluster: arn.split('/')[1]!, containerInstanceArn: arn } }));
  return { first, status, cancel: () => s.cancel() };
}

t.test('identity comes from the certificate; an agent does what an agent does; deregistration revokes', async (t) => {
  const joinAgent = async (name: string) => {
    const j = await joinCluster([server.addr], (await createToken()).token, registration(), join(dir, name), log);
    return { ...j, containerInstanceArn: j.containerInstanceArn! };
  };
  const a = await joinAgent('id-a');
  const b = await joinAgent('id-b');
  const noCert = openSession({ caPem: server.ca!.certPem }, a.containerInstanceArn);
  t.equal((await noCert.status).code, grpc.status.UNAUTHENTICATED, 'neither a certificate nor a signature: refused');
  const impostor = openSession(a.credentials, b.containerInstanceArn);
  t.equal((await impostor.status).code, grpc.status.PERMISSION_DENIED, "a hello naming another instance than the certificate's: refused");
  const asA = new BerthClient(server.addr, { tls: a.credentials });
  t.match((await refusal(asA.call('DescribeTasks', { cluster: 'default', tasks: ['x'] }))).ecsName, 'AccessDeniedException', 'an agent describes no tasks');
  t.match((await refusal(asA.call('RegisterContainerInstance', { cluster: 'default', containerInstanceArn: b.containerInstanceArn, totalResources: registration().totalResources }))).ecsName, 'AccessDeniedException', 'nor registers another instance');
  const re = await asA.call('RegisterContainerInstance', { cluster: 'default', containerInstanceArn: a.containerInstanceArn, totalResources: registration().totalResources });
  t.equal(re.containerInstance?.containerInstanceArn, a.containerInstanceArn, 'it re-registers itself');
  const own = openSession(a.credentials, a.containerInstanceArn);
  t.ok('welcome' in ((await own.first) as object), 'its own session opens');
  await admin.call('DeregisterContainerInstance', { cluster: 'default', containerInstance: a.containerInstanceArn, force: true });
  t.equal((await own.status).code, grpc.status.NOT_FOUND, 'deregistration cuts its open stream');
  const again = openSession(a.credentials, a.containerInstanceArn);
  t.equal((await again.status).code, grpc.status.PERMISSION_DENIED, 'and its certificate is refused from then on');
  t.match((await refusal(asA.callApi(FLEET_API, 'RenewCertificate', { publicKey: newMachineKey().publicKeyPem }))).message, /revoked/);
  const asB = new BerthClient(server.addr, { tls: b.credentials });
  const renewed = (await asB.callApi(FLEET_API, 'RenewCertificate', { publicKey: newMachineKey().publicKeyPem })) as { certificate: string };
  t.match(new X509Certificate(renewed.certificate).subjectAltName, b.containerInstanceArn, 'a live machine renews its certificate, same identity');
  asA.close();
  asB.close();
});

t.test('other kinds of machine get certificates limited to what they do, in their own cluster', async (t) => {
  await admin.call('CreateCluster', { clusterName: 'metrics' });
  const { token } = await createToken({ kind: 'exporter', cluster: 'metrics' });
  const key = newMachineKey();
  const res = (await admin.callApi(FLEET_API, 'Join', { token, publicKey: key.publicKeyPem })) as { certificate: string; kind: string; cluster: string; containerInstanceArn?: string };
  t.same([res.kind, res.cluster, res.containerInstanceArn], ['exporter', 'metrics', undefined], 'no container instance for an exporter');
  const exporter = new BerthClient(server.addr, { tls: { caPem: server.ca!.certPem, keyPem: key.keyPem, certPem: res.certificate } });
  t.same((await exporter.call('ListTasks', { cluster: 'metrics' })).taskArns, [], 'it lists its cluster\'s tasks');
  t.equal((await refusal(exporter.call('ListTasks', { cluster: 'default' }))).ecsName, 'AccessDeniedException', 'not another cluster\'s');
  t.equal((await refusal(exporter.call('RunTask', { cluster: 'metrics', taskDefinition: 'x' }))).ecsName, 'AccessDeniedException', 'and runs nothing');
  t.equal((await refusal(exporter.callApi(FLEET_API, 'CreateJoinToken', {}))).ecsName, 'AccessDeniedException', 'nor mints tokens');
  // CloudWatch: its own cluster's ECS figures and the load balancers', nothing else.
  const query = (Id: string, Namespace: string, dims: Record<string, string>) => ({ Id, MetricStat: { Metric: { Namespace, MetricName: 'CPUUtilization', Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) }, Period: 60, Stat: 'Average' } });
  const read = (...queries: ReturnType<typeof query>[]) => exporter.callApi(CLOUDWATCH_API, 'GetMetricData', { StartTime: 0, EndTime: 600, MetricDataQueries: queries }) as Promise<{ MetricDataResults: unknown[] }>;
  const own = query('a', 'AWS/ECS', { ClusterName: 'metrics', ServiceName: 'web' });
  t.equal((await read(own, query('b', 'ECS/ContainerInsights', { ClusterName: 'metrics' }), query('c', 'AWS/ApplicationELB', { LoadBalancer: 'app/x/1' }))).MetricDataResults.length, 3, 'its cluster\'s figures and the load balancers\'');
  const other = await refusal(read(own, query('b', 'AWS/ECS', { ClusterName: 'default' })));
  t.equal(other.ecsName, 'AccessDeniedException', 'a query of another cluster refuses the whole call');
  t.match(other.message, /metrics of AWS\/ECS with ClusterName default/);
  t.match((await refusal(read(query('a', 'AWS/ECS', {})))).message, /without a ClusterName dimension/, 'nor every cluster\'s at once');
  t.equal((await refusal(read(query('a', 'Custom/App', { ClusterName: 'metrics' })))).ecsName, 'AccessDeniedException', 'nor another namespace');
  t.equal((await refusal(exporter.callApi(CLOUDWATCH_API, 'GetMetricStatistics', { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', StartTime: 0, EndTime: 600, Period: 60, Statistics: ['Average'], Dimensions: [{ Name: 'ClusterName', Value: 'metrics' }] }))).ecsName, 'AccessDeniedException', 'nor another action');
  exporter.close();
});

t.test('join-token listing and deletion', async (t) => {
  const { joinToken } = await createToken({ kind: 'exporter', description: 'metrics' });
  await admin.callApi(FLEET_API, 'DeleteJoinToken', { id: joinToken.id });
  const listed = (await admin.callApi(FLEET_API, 'ListJoinTokens', {})) as { joinTokens: { id: string }[] };
  t.notOk(listed.joinTokens.some((x) => x.id === joinToken.id));
  t.equal((await refusal(admin.callApi(FLEET_API, 'DeleteJoinToken', { id: joinToken.id }))).ecsName, 'ResourceNotFoundException');
});

t.test('a certificate renews before it expires: the new connection opens first, no agentConnected flap, no event', async (t) => {
  const short = await start({ fleet: { certificateLifetimeSeconds: 6, joinRateLimit: generous }, agents: { heartbeatPeriodMs: 300, sessionTtlSeconds: 2 } });
  t.teardown(() => short.close());
  const c = adminOf(short);
  t.teardown(() => c.close());
  const { token } = (await c.callApi(FLEET_API, 'CreateJoinToken', {})) as { token: string };
  const data = join(dir, 'renew');
  const joined = await joinCluster([short.addr], token, registration(), data, log);
  const arn = joined.containerInstanceArn!;
  const lines: string[] = [];
  const capture = { debug() {}, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } as never;
  const session = new AgentSession({
    servers: [short.addr], tls: joined.credentials, log: capture,
    hello: { cluster: 'default', containerInstanceArn: arn },
    engine: { applyAssignments() {}, pendingReports: () => [], ackReport() {} },
  });
  const renewal = new CertificateRenewal({ servers: [short.addr], dataDir: data, credentials: joined.credentials, log: capture, onRenewed: (tls) => session.rotate(tls) });
  t.teardown(async () => {
    renewal.stop();
    await session.stop();
  });
  session.start();
  const describe = async () => (await c.call('DescribeContainerInstances', { cluster: 'default', containerInstances: [arn] })).containerInstances![0]!;
  await until(async () => (await describe()).agentConnected === true);
  const before = await describe();
  renewal.start();
  let flapped = false;
  const deadline = Date.now() + 15_000;
  while (!lines.includes('session handed over to a new connection (renewed certificate)') && Date.now() < deadline) {
    if ((await describe()).agentConnected !== true) flapped = true;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.ok(lines.includes('certificate renewed'));
  t.ok(lines.includes('session handed over to a new connection (renewed certificate)'), 'a new connection took the session over');
  await new Promise((r) => setTimeout(r, 2500)); // past the old session's lease TTL
  const after = await describe();
  t.notOk(flapped, 'agentConnected never went false');
  t.equal(after.agentConnected, true);
  t.equal(after.version, before.version, 'no connectivity change was recorded (no event)');
  t.not(readFileSync(join(data, 'tls', 'cert.pem'), 'utf8'), joined.credentials.certPem, 'the renewed certificate is kept in ECS_DATADIR');
});

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
