// Cluster settings and configuration through Debian's AWS CLI on the ECS JSON endpoint: UpdateClusterSettings
// turns Container Insights on and off, UpdateCluster stores ECS Exec's configuration; both come back in
// DescribeClusters as ECS shows them.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, silentLogger } from '../src/index.js';
import { adminClient, uniq } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-ecs-settings-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const admin = adminClient(join(dir, 'config.yaml'));
const creds = await userWithKey(admin, 'settings-test');
const ecs = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'ecs', ...args);
t.teardown(async () => {
  admin.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const insights = async (cluster: string) =>
  (await ecs('describe-clusters', '--clusters', cluster, '--include', 'SETTINGS')).json?.clusters?.[0]?.settings;

t.test('UpdateClusterSettings turns Container Insights on and off', async (t) => {
  const cluster = uniq('insights');
  t.equal((await ecs('create-cluster', '--cluster-name', cluster)).code, 0);
  t.same(await insights(cluster), [{ name: 'containerInsights', value: 'disabled' }], 'off by default');
  const on = await ecs('update-cluster-settings', '--cluster', cluster, '--settings', 'name=containerInsights,value=enabled');
  t.equal(on.code, 0, on.stderr);
  t.same(on.json?.cluster?.settings, [{ name: 'containerInsights', value: 'enabled' }], 'the answer shows the new setting');
  t.equal(on.json?.cluster?.clusterName, cluster);
  t.same(await insights(cluster), [{ name: 'containerInsights', value: 'enabled' }], 'on');
  await ecs('update-cluster-settings', '--cluster', cluster, '--settings', 'name=containerInsights,value=disabled');
  t.same(await insights(cluster), [{ name: 'containerInsights', value: 'disabled' }], 'off again');
  const bad = await ecs('update-cluster-settings', '--cluster', cluster, '--settings', 'name=containerInsights,value=maybe');
  t.match(bad.stderr, /InvalidParameterException.*The containerInsights setting must be one of enabled \| disabled \| enhanced \('maybe' given\)\./);
  const missing = await ecs('update-cluster-settings', '--cluster', uniq('none'), '--settings', 'name=containerInsights,value=enabled');
  t.match(missing.stderr, /ClusterNotFoundException/);
});

t.test('UpdateCluster stores ECS Exec configuration and settings, and DescribeClusters shows them', async (t) => {
  const cluster = uniq('exec-config');
  await ecs('create-cluster', '--cluster-name', cluster);
  const configuration = { executeCommandConfiguration: { kmsKeyId: 'key-1', logging: 'OVERRIDE', logConfiguration: { cloudWatchLogGroupName: '/berth/exec', cloudWatchEncryptionEnabled: true } } };
  const up = await ecs('update-cluster', '--cluster', cluster, '--configuration', JSON.stringify(configuration), '--settings', 'name=containerInsights,value=enhanced');
  t.equal(up.code, 0, up.stderr);
  t.same(up.json?.cluster?.configuration, configuration);
  const desc = (await ecs('describe-clusters', '--clusters', cluster, '--include', 'CONFIGURATIONS', 'SETTINGS')).json?.clusters?.[0];
  t.same(desc?.configuration, configuration, 'stored');
  t.same(desc?.settings, [{ name: 'containerInsights', value: 'enhanced' }]);
  const plain = (await ecs('describe-clusters', '--clusters', cluster)).json?.clusters?.[0];
  t.notOk(plain?.configuration, 'only with include CONFIGURATIONS, as ECS');
  // Settings alone leave the configuration as it was.
  await ecs('update-cluster', '--cluster', cluster, '--settings', 'name=containerInsights,value=disabled');
  t.same((await ecs('describe-clusters', '--clusters', cluster, '--include', 'CONFIGURATIONS')).json?.clusters?.[0]?.configuration, configuration);
  const override = await ecs('update-cluster', '--cluster', cluster, '--configuration', JSON.stringify({ executeCommandConfiguration: { logging: 'OVERRIDE' } }));
  t.match(override.stderr, /InvalidParameterException.*When logging is OVERRIDE, a logConfiguration must be provided\./);
});
