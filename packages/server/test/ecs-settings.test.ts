// Cluster and account settings on the ECS JSON endpoint. Through Debian's AWS CLI: UpdateClusterSettings
// turns Container Insights on and off, UpdateCluster stores ECS Exec's configuration; both come back in
// DescribeClusters as ECS shows them. Through the pinned @aws-sdk/client-ecs (the CLI's model predates six
// of the eleven SettingNames and Setting's `type`): account settings for a principal and as defaults,
// effective values over pages, and containerInsights acting as the default of new clusters.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateClusterCommand, DeleteAccountSettingCommand, ECSClient, ListAccountSettingsCommand, PutAccountSettingCommand, PutAccountSettingDefaultCommand,
  type Setting, type SettingName,
} from '@aws-sdk/client-ecs';
import { startServer, silentLogger } from '../src/index.js';
import { adminClient, uniq } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-ecs-settings-'));
const server = await startServer({ listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger, ecsJson: { listen: '127.0.0.1:0' }, bootstrapConfig: join(dir, 'config.yaml') });
const admin = adminClient(join(dir, 'config.yaml'));
const creds = await userWithKey(admin, 'settings-test');
const ecs = (...args: string[]) => awsCli(creds, `http://${server.ecsAddr}`, 'ecs', ...args);
process.env.AWS_EC2_METADATA_DISABLED = 'true';
const sdk = new ECSClient({ endpoint: `http://${server.ecsAddr}`, region: 'us-east-1', credentials: { accessKeyId: creds.id, secretAccessKey: creds.secret }, maxAttempts: 1 });
t.teardown(async () => {
  sdk.destroy();
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

t.test('account settings for a principal and as account defaults, and what applies', async (t) => {
  const me = 'arn:aws:iam::000000000000:user/settings-test';
  const root = 'arn:aws:iam::000000000000:root';
  const other = 'arn:aws:iam::000000000000:user/someone-else';
  const put = (name: SettingName, value: string, principalArn?: string) => sdk.send(new PutAccountSettingCommand({ name, value, ...(principalArn ? { principalArn } : {}) }));
  const refusal = (p: Promise<unknown>) => p.then(() => ({ name: 'none', message: '' }), (e: Error) => e);
  t.same((await put('containerInsights', 'enabled')).setting, { name: 'containerInsights', value: 'enabled', principalArn: me, type: 'user' }, "without principalArn: the caller's");
  const dflt = await sdk.send(new PutAccountSettingDefaultCommand({ name: 'awsvpcTrunking', value: 'enabled' }));
  t.same(dflt.setting, { name: 'awsvpcTrunking', value: 'enabled', principalArn: root, type: 'user' }, "the account default is the root user's");
  await put('defaultLogDriverMode', 'blocking', other);

  t.same((await sdk.send(new ListAccountSettingsCommand({}))).settings, [{ name: 'containerInsights', value: 'enabled', principalArn: me, type: 'user' }], 'explicit settings only');
  const first = await sdk.send(new ListAccountSettingsCommand({ effectiveSettings: true }));
  t.equal(first.settings?.length, 10, 'a page holds 10');
  const rest = await sdk.send(new ListAccountSettingsCommand({ effectiveSettings: true, nextToken: first.nextToken! }));
  t.notOk(rest.nextToken);
  const effective = [...first.settings!, ...rest.settings!];
  t.equal(new Set(effective.map((s) => s.name)).size, 11, 'every SettingName once, over two pages');
  const by = Object.fromEntries(effective.map((s) => [s.name, s])) as Record<string, Setting>;
  t.same(by.containerInsights, { name: 'containerInsights', value: 'enabled', principalArn: me, type: 'user' }, 'its own');
  t.same(by.awsvpcTrunking, { name: 'awsvpcTrunking', value: 'enabled', principalArn: root, type: 'user' }, 'the account default');
  t.same(by.defaultLogDriverMode, { name: 'defaultLogDriverMode', value: 'non-blocking', principalArn: root, type: 'user' }, "ECS's default: another principal's setting is not mine");
  t.same(by.guardDutyActivate, { name: 'guardDutyActivate', value: 'disabled', principalArn: root, type: 'aws_managed' });
  const small = await sdk.send(new ListAccountSettingsCommand({ effectiveSettings: true, maxResults: 4 }));
  t.same(small.settings?.map((s) => s.name), effective.slice(0, 4).map((s) => s.name), 'maxResults');
  const theirs = await sdk.send(new ListAccountSettingsCommand({ principalArn: other, name: 'defaultLogDriverMode', value: 'blocking' }));
  t.same(theirs.settings, [{ name: 'defaultLogDriverMode', value: 'blocking', principalArn: other, type: 'user' }], 'by principal, name and value');

  // containerInsights acts: the default of a cluster created without settings.
  const c1 = await sdk.send(new CreateClusterCommand({ clusterName: uniq('acct-insights') }));
  t.same(c1.cluster?.settings, [{ name: 'containerInsights', value: 'enabled' }], "the caller's setting");
  await sdk.send(new PutAccountSettingDefaultCommand({ name: 'containerInsights', value: 'enhanced' }));
  const deleted = await sdk.send(new DeleteAccountSettingCommand({ name: 'containerInsights' }));
  t.same(deleted.setting, { name: 'containerInsights', value: 'enabled', principalArn: me, type: 'user' }, 'the deleted setting');
  const c2 = await sdk.send(new CreateClusterCommand({ clusterName: uniq('acct-insights') }));
  t.same(c2.cluster?.settings, [{ name: 'containerInsights', value: 'enhanced' }], 'then the account default');

  const fixed = await refusal(put('taskLongArnFormat', 'disabled'));
  t.equal(fixed.name, 'UnsupportedFeatureException');
  t.match(fixed.message, /taskLongArnFormat disabled, which Berth does not support: Berth always uses the long ARN format/);
  const managed = await refusal(sdk.send(new PutAccountSettingDefaultCommand({ name: 'guardDutyActivate', value: 'enabled' })));
  t.same([managed.name, managed.message], ['InvalidParameterException', 'The guardDutyActivate account setting is read-only: AWS manages it.']);
  const foreign = await refusal(put('awsvpcTrunking', 'enabled', 'arn:aws:iam::111111111111:user/x'));
  t.same([foreign.name, foreign.message], ['InvalidParameterException', "The principal 'arn:aws:iam::111111111111:user/x' is not of this account (000000000000)."]);
});
