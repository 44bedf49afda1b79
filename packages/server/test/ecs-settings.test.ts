// Cluster and account settings through Debian's AWS CLI on the ECS JSON endpoint: UpdateClusterSettings
// turns Container Insights on and off, UpdateCluster stores ECS Exec's configuration; both come back in
// DescribeClusters as ECS shows them; account settings for a principal and as defaults, effective values
// over pages, and containerInsights acting as the default of new clusters.
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

// Debian's CLI predates Setting's `type` (user or aws_managed), so its answers lack it: core's test checks it.
t.test('account settings for a principal and as account defaults, and what applies', async (t) => {
  const me = 'arn:aws:iam::000000000000:user/settings-test';
  const root = 'arn:aws:iam::000000000000:root';
  const other = 'arn:aws:iam::000000000000:user/someone-else';
  const own = await ecs('put-account-setting', '--name', 'containerInsights', '--value', 'enabled');
  t.same(own.json?.setting, { name: 'containerInsights', value: 'enabled', principalArn: me }, "without principalArn: the caller's");
  const dflt = await ecs('put-account-setting-default', '--name', 'awsvpcTrunking', '--value', 'enabled');
  t.same(dflt.json?.setting, { name: 'awsvpcTrunking', value: 'enabled', principalArn: root }, "the account default is the root user's");
  await ecs('put-account-setting', '--name', 'defaultLogDriverMode', '--value', 'blocking', '--principal-arn', other);

  t.same((await ecs('list-account-settings')).json?.settings, [{ name: 'containerInsights', value: 'enabled', principalArn: me }], 'explicit settings only');
  const effective = (await ecs('list-account-settings', '--effective-settings')).json?.settings as { name: string; value: string; principalArn: string }[];
  t.equal(effective.length, 11, 'every SettingName, over pages of 10');
  const by = Object.fromEntries(effective.map((s) => [s.name, s]));
  t.same(by.containerInsights, { name: 'containerInsights', value: 'enabled', principalArn: me }, 'its own');
  t.same(by.awsvpcTrunking, { name: 'awsvpcTrunking', value: 'enabled', principalArn: root }, 'the account default');
  t.same(by.defaultLogDriverMode, { name: 'defaultLogDriverMode', value: 'non-blocking', principalArn: root }, "ECS's default: another principal's setting is not mine");
  t.same(by.guardDutyActivate, { name: 'guardDutyActivate', value: 'disabled', principalArn: root });
  const page = await ecs('list-account-settings', '--effective-settings', '--no-paginate', '--max-results', '4');
  t.equal(page.json?.settings?.length, 4);
  const next = await ecs('list-account-settings', '--effective-settings', '--no-paginate', '--max-results', '10', '--next-token', page.json?.nextToken);
  t.same(next.json?.settings?.map((s: { name: string }) => s.name), effective.slice(4).map((s) => s.name), 'the next page goes on after the last name');
  t.notOk(next.json?.nextToken);
  const theirs = await ecs('list-account-settings', '--principal-arn', other, '--name', 'defaultLogDriverMode', '--value', 'blocking');
  t.same(theirs.json?.settings, [{ name: 'defaultLogDriverMode', value: 'blocking', principalArn: other }], 'by principal, name and value');

  // containerInsights acts: the default of a cluster created without settings.
  const c1 = await ecs('create-cluster', '--cluster-name', uniq('acct-insights'));
  t.same(c1.json?.cluster?.settings, [{ name: 'containerInsights', value: 'enabled' }], "the caller's setting");
  await ecs('put-account-setting-default', '--name', 'containerInsights', '--value', 'enhanced');
  const deleted = await ecs('delete-account-setting', '--name', 'containerInsights');
  t.same(deleted.json?.setting, { name: 'containerInsights', value: 'enabled', principalArn: me }, 'the deleted setting');
  const c2 = await ecs('create-cluster', '--cluster-name', uniq('acct-insights'));
  t.same(c2.json?.cluster?.settings, [{ name: 'containerInsights', value: 'enhanced' }], 'then the account default');

  const fixed = await ecs('put-account-setting', '--name', 'taskLongArnFormat', '--value', 'disabled');
  t.match(fixed.stderr, /UnsupportedFeatureException.*taskLongArnFormat disabled, which Berth does not support: Berth always uses the long ARN format/);
  const managed = await ecs('put-account-setting-default', '--name', 'guardDutyActivate', '--value', 'enabled');
  t.match(managed.stderr, /InvalidParameterException.*The guardDutyActivate account setting is read-only: AWS manages it\./);
  const foreign = await ecs('put-account-setting', '--name', 'awsvpcTrunking', '--value', 'enabled', '--principal-arn', 'arn:aws:iam::111111111111:user/x');
  t.match(foreign.stderr, /InvalidParameterException.*is not of this account/);
});
