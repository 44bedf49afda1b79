// Container Insights per cluster, as ECS switches it (issue 19 §3): CreateCluster's settings and
// UpdateClusterSettings (Debian's AWS CLI on the AWS listener), shown by DescribeClusters with SETTINGS;
// another cluster keeps its own; an unknown setting or value is refused naming the member.
import t from 'tap';
import { startTestServer, rejection } from './helpers.js';
import { awsCli, userWithKey } from './aws-clients.js';

const ts = await startTestServer({ server: { ecsJson: { listen: '127.0.0.1:0' } } });
t.teardown(() => ts.close());
const url = `http://${ts.server.ecsAddr}`;
const as = await userWithKey(ts.client, 'insights-admin');
const a = `insights-a-${process.pid}`;
const b = `insights-b-${process.pid}`;

t.test('UpdateClusterSettings switches Container Insights for one cluster', async (t) => {
  await ts.client.call('CreateCluster', { clusterName: a });
  await ts.client.call('CreateCluster', { clusterName: b, settings: [{ name: 'containerInsights', value: 'enabled' }] });
  const settingsOf = async (c: string) => (await ts.client.call('DescribeClusters', { clusters: [c], include: ['SETTINGS'] })).clusters![0]!.settings;
  t.same(await settingsOf(a), [{ name: 'containerInsights', value: 'disabled' }], 'off by default');
  const cli = await awsCli(as, url, 'ecs', 'update-cluster-settings', '--cluster', a, '--settings', 'name=containerInsights,value=enabled');
  t.equal(cli.code, 0, cli.stderr);
  t.same(cli.json.cluster.settings, [{ name: 'containerInsights', value: 'enabled' }]);
  t.same(await settingsOf(a), [{ name: 'containerInsights', value: 'enabled' }], 'on for that cluster');
  await ts.client.call('UpdateClusterSettings', { cluster: b, settings: [{ name: 'containerInsights', value: 'disabled' }] });
  t.same(await settingsOf(b), [{ name: 'containerInsights', value: 'disabled' }], 'off for the other');
  t.same(await settingsOf(a), [{ name: 'containerInsights', value: 'enabled' }], 'and the first keeps its own');
});

t.test('refusals name the member', async (t) => {
  const bad = await rejection(ts.client.call('UpdateClusterSettings', { cluster: a, settings: [{ name: 'containerInsights', value: 'sometimes' }] }));
  t.same([bad.ecsName, bad.field], ['InvalidParameterException', 'settings[0].value']);
  const missing = await rejection(ts.client.call('UpdateClusterSettings', { cluster: `no-such-${process.pid}`, settings: [{ name: 'containerInsights', value: 'enabled' }] }));
  t.equal(missing.ecsName, 'ClusterNotFoundException');
});
