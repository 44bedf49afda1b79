// The audit trail (issue 16 §7): berth-server --audit-log writes every call that may change something as a
// JSON line (time, caller, action, resources, result, source address), on every transport, and never a
// secret; reads are not audited; the file is 0600 and rotates by size.
import t from 'tap';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { IAM_API } from '@berth/core';
import { BerthClient, auditEntry, readCliConfig, type AuditEntry, type CallRecord } from '@berth/api';
import { startServer, silentLogger } from '../src/index.js';
import { AuditFile } from '../src/audit/audit-file.js';
import { rejection, uniq, adminClient } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'berth-audit-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const lines = (path: string): AuditEntry[] => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEntry);

t.test('every mutating call, on gRPC and the AWS listener, with who, what, where and how it ended; never a secret', async (t) => {
  const path = join(dir, 'logs', 'audit.log');
  const server = await startServer({
    listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
    ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml'), auditLog: { path },
  });
  const admin = adminClient(join(dir, 'config.yaml'));
  t.teardown(async () => {
    admin.close();
    await server.close();
  });
  const cluster = uniq('audited');
  await admin.call('CreateCluster', { clusterName: cluster });
  await admin.call('DescribeClusters', { clusters: [cluster] });
  const missing = await rejection(admin.call('DeleteCluster', { cluster: uniq('missing') }));
  t.equal(missing.ecsName, 'ClusterNotFoundException');
  // A key acts as its IAM user: one with AdministratorAccess.
  await admin.callApi(IAM_API, 'CreateUser', { UserName: 'auditor' });
  await admin.callApi(IAM_API, 'AttachUserPolicy', { UserName: 'auditor', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  const { accessKey } = await admin.iam<{ accessKey: { accessKeyId: string; secretAccessKey: string } }>('CreateAccessKey', { userName: 'auditor' });
  const ecs = new ECSClient({ endpoint: `http://${server.ecsAddr}`, region: 'us-east-1', credentials: accessKey, maxAttempts: 1 });
  t.teardown(() => ecs.destroy());
  await ecs.send(new CreateClusterCommand({ clusterName: cluster + '-json' }));
  await ecs.send(new DescribeClustersCommand({ clusters: [cluster] }));

  t.equal(statSync(path).mode & 0o777, 0o600, 'the file is 0600');
  t.equal(statSync(join(dir, 'logs')).mode & 0o777, 0o700, 'in a directory created 0700');
  const text = readFileSync(path, 'utf8');
  t.notOk(text.includes(accessKey.secretAccessKey), 'the secret CreateAccessKey answered is not in the trail');
  const entries = lines(path);
  t.same(entries.map((e) => [e.action, e.result, e.transport]), [
    ['ecs:CreateCluster', 'ok', 'grpc'],
    ['ecs:DeleteCluster', 'ClusterNotFoundException', 'grpc'],
    ['iam:CreateUser', 'ok', 'grpc'],
    ['iam:AttachUserPolicy', 'ok', 'grpc'],
    ['iam:CreateAccessKey', 'ok', 'grpc'],
    ['ecs:CreateCluster', 'ok', 'json'],
  ], 'the mutating calls in order, the reads (DescribeClusters) left out');
  const [created, , , , , signed] = entries;
  const adminKey = readCliConfig(join(dir, 'config.yaml')).contexts[0]!.accessKeyId;
  t.match(created, { caller: `user/admin (${adminKey})`, callerKind: 'access-key', source: /127\.0\.0\.1/, resources: [/^arn:aws:ecs:.*:cluster\//] });
  t.ok(!Number.isNaN(Date.parse(created!.time)), 'a time');
  t.match(signed, { caller: `user/auditor (${accessKey.accessKeyId})`, callerKind: 'access-key', source: /127\.0\.0\.1/ });
});

t.test('which records are audited: mutating calls and stream openings; not reads, not a stream\'s end', async (t) => {
  const call = (action: string, extra: Partial<CallRecord> = {}): CallRecord => ({
    call: { requestId: 'r', transport: 'grpc', peer: 'ipv4:127.0.0.1:5', api: { name: 'ecs', iamPrefix: 'ecs' }, action, caller: { kind: 'anonymous', reason: 'test' } },
    ms: 1, ...extra,
  });
  const cases: [string, CallRecord, boolean][] = [
    ['RunTask', call('RunTask'), true],
    ['a refused RunTask', call('RunTask', { error: { name: 'AccessDeniedException', message: 'no' } as CallRecord['error'] }), true],
    ['DescribeTasks', call('DescribeTasks'), false],
    ['ListTasks', call('ListTasks'), false],
    ['GetCallerIdentity', call('GetCallerIdentity'), false],
    ['WatchEvents opened', call('WatchEvents', { stream: { phase: 'open' } }), false],
    ['an agent stream opened', call('Poll', { stream: { phase: 'open' } }), true],
    ['an agent stream closed', call('Poll', { stream: { phase: 'close', reason: 'agent disconnected' } }), false],
  ];
  for (const [name, record, audited] of cases) t.equal(auditEntry(record) !== undefined, audited, name);
  t.equal(auditEntry(cases[1]![1])!.result, 'AccessDeniedException');
});

t.test('the file rotates by size and keeps maxFiles rotated files', async (t) => {
  const path = join(dir, 'rotating', 'audit.log');
  const file = new AuditFile(path, { maxBytes: 600, maxFiles: 2 });
  const entry = (n: number): AuditEntry => ({
    time: new Date(0).toISOString(), requestId: `r${n}`, caller: 'anonymous', callerKind: 'anonymous', action: 'ecs:RunTask',
    result: 'ok', transport: 'grpc', source: '127.0.0.1',
  });
  for (let n = 0; n < 40; n++) file.write(entry(n));
  file.close();
  t.same(readdirSync(join(dir, 'rotating')).sort(), ['audit.log', 'audit.log.1', 'audit.log.2']);
  for (const f of ['audit.log', 'audit.log.1', 'audit.log.2']) {
    t.ok(statSync(join(dir, 'rotating', f)).size <= 600, `${f} within the size`);
    t.equal(statSync(join(dir, 'rotating', f)).mode & 0o777, 0o600, `${f} is 0600`);
  }
  const kept = ['audit.log.2', 'audit.log.1', 'audit.log'].flatMap((f) => lines(join(dir, 'rotating', f))).map((e) => e.requestId);
  t.equal(kept.at(-1), 'r39', 'the newest line is in the current file');
  t.same(kept, kept.map((_, i) => `r${40 - kept.length + i}`), 'the kept lines are the newest, in order, none missing');
  // Reopening appends to what is there.
  const again = new AuditFile(path, { maxBytes: 600, maxFiles: 2 });
  again.write(entry(40));
  again.close();
  t.equal(lines(path).at(-1)!.requestId, 'r40');
});
