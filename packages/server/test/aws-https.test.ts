// The AWS listener over HTTPS (berth-server --ecs-tls): it serves this replica's certificate from the
// cluster CA, so Debian's AWS CLI and the JS SDK reach it by trusting the CA (`--ca-bundle`), and a client
// that does not trust it, or speaks plain HTTP to it, gets nothing.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'node:https';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { startServer, silentLogger } from '../src/index.js';
import { awsCli, userWithKey } from './aws-clients.js';
import { adminClient, uniq } from './helpers.js';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

const dir = mkdtempSync(join(tmpdir(), 'berth-aws-https-'));
const server = await startServer({
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
  ecsJson: { listen: '127.0.0.1:0', tls: true }, bootstrapConfig: join(dir, 'config.yaml'),
});
const admin = adminClient(join(dir, 'config.yaml'));
t.teardown(async () => {
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, server.ca!.certPem);
const creds = await userWithKey(admin, 'https-user');
const cluster = uniq('https');
await admin.call('CreateCluster', { clusterName: cluster });

t.test('the AWS CLI over HTTPS with --ca-bundle', async (t) => {
  const ecs = await awsCli(creds, `https://${server.ecsAddr}`, 'ecs', 'list-clusters', '--ca-bundle', caFile);
  t.equal(ecs.code, 0, ecs.stderr);
  t.ok((ecs.json as { clusterArns: string[] }).clusterArns.some((a) => a.endsWith(`/${cluster}`)));
  const sts = await awsCli(creds, `https://${server.ecsAddr}`, 'sts', 'get-caller-identity', '--ca-bundle', caFile);
  t.equal(sts.code, 0, sts.stderr);
  t.match(sts.json, { Arn: /:user\/https-user$/ });
});

t.test('a client that does not trust the CA, or speaks plain HTTP, gets no answer', async (t) => {
  const untrusted = await awsCli(creds, `https://${server.ecsAddr}`, 'ecs', 'list-clusters');
  t.not(untrusted.code, 0);
  t.match(untrusted.stderr, /SSL|certificate/i, 'refused by the client: the certificate is not one it trusts');
  const plain = await awsCli(creds, `http://${server.ecsAddr}`, 'ecs', 'list-clusters', '--cli-read-timeout', '5', '--cli-connect-timeout', '5');
  t.not(plain.code, 0, 'plain HTTP to the HTTPS port is not served');
});

t.test('the JS SDK with the CA as its trust', async (t) => {
  const sdk = new ECSClient({
    endpoint: `https://${server.ecsAddr}`, region: 'us-east-1', maxAttempts: 1,
    credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret },
    requestHandler: { httpsAgent: new Agent({ ca: server.ca!.certPem }) },
  });
  t.teardown(() => sdk.destroy());
  const out = await sdk.send(new ListClustersCommand({}));
  t.ok(out.clusterArns?.some((a) => a.endsWith(`/${cluster}`)));
});
