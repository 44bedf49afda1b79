// Agent settings as amazon-ecs-agent reads them: env over the config file over defaults.
import t from 'tap';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError, DEFAULT_RESERVED_PORTS } from '../src/config.js';
import { backoffDelay, reconnectDelay } from '../src/session.js';
import { registrationRequest, dockerApiCapabilities, ecsArchitecture } from '../src/registration.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('defaults match amazon-ecs-agent', async (t) => {
  const c = loadConfig({});
  t.equal(c.cluster, 'default');
  t.equal(c.clusterDefaulted, true);
  t.same(c.reservedPorts, DEFAULT_RESERVED_PORTS);
  t.same(DEFAULT_RESERVED_PORTS, [22, 2375, 2376, 51678, 51679]);
  t.same(c.reservedPortsUdp, []);
  t.equal(c.stopTimeoutSec, 30);
  t.equal(c.cleanupWaitMs, 3 * 3600 * 1000);
  t.equal(c.pullBehavior, 'default');
  t.same(c.servers, ['127.0.0.1:7420']);
  t.equal(c.hostPortBindIp, '0.0.0.0');
  t.equal(c.pauseImage, undefined, 'pause image built locally');
  t.equal(c.sharedVolumeMatchFullConfig, false);
});

t.test('volume and namespace settings', async (t) => {
  const c = loadConfig({ BERTH_PAUSE_IMAGE: 'local/pause:3', ECS_SHARED_VOLUME_MATCH_FULL_CONFIG: 'true' });
  t.equal(c.pauseImage, 'local/pause:3');
  t.equal(c.sharedVolumeMatchFullConfig, true);
  t.equal(loadConfig({ ECS_SHARED_VOLUME_MATCH_FULL_CONFIG: 'false' }).sharedVolumeMatchFullConfig, false);
});

t.test('environment settings in ECS formats', async (t) => {
  const c = loadConfig({
    ECS_CLUSTER: 'prod', ECS_DATADIR: '/tmp/x', ECS_RESERVED_MEMORY: '256', ECS_RESERVED_PORTS: '[22, 80]',
    ECS_RESERVED_PORTS_UDP: '[53]', ECS_CONTAINER_STOP_TIMEOUT: '1m30s', ECS_IMAGE_PULL_BEHAVIOR: 'prefer-cached',
    ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION: '10m', ECS_INSTANCE_ATTRIBUTES: '{"stack":"prod"}', ECS_LOGLEVEL: 'debug',
    BERTH_SERVER: 'a:1, b:2', BERTH_AVAILABILITY_ZONE: 'rack-1', BERTH_INSTANCE_TYPE: 'rpi4',
  });
  t.same([c.cluster, c.clusterDefaulted, c.dataDir, c.reservedMemoryMiB], ['prod', false, '/tmp/x', 256]);
  t.same(c.reservedPorts, [22, 80], 'a set list replaces the defaults');
  t.same(c.reservedPortsUdp, [53]);
  t.equal(c.stopTimeoutSec, 90);
  t.equal(c.cleanupWaitMs, 600_000);
  t.same(c.instanceAttributes, { stack: 'prod' });
  t.same(c.servers, ['a:1', 'b:2']);
  t.same([c.availabilityZone, c.instanceType], ['rack-1', 'rpi4']);
  t.equal(loadConfig({ ECS_CONTAINER_STOP_TIMEOUT: '200ms' }).stopTimeoutSec, 1, 'stop timeout is at least 1 s');
});

t.test('the config file uses amazon-ecs-agent keys; env wins', async (t) => {
  const file = join(dir, 'ecs.config.json');
  writeFileSync(file, JSON.stringify({ Cluster: 'fromfile', ReservedPorts: [2222], DockerStopTimeout: 5e9, TaskCleanupWaitDuration: 6e10, InstanceAttributes: { a: 'b' } }));
  const c = loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: file });
  t.same([c.cluster, c.reservedPorts, c.stopTimeoutSec, c.cleanupWaitMs, c.instanceAttributes], ['fromfile', [2222], 5, 60_000, { a: 'b' }]);
  t.equal(loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: file, ECS_CLUSTER: 'env' }).cluster, 'env');
  t.equal(loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: join(dir, 'missing.json') }).cluster, 'default', 'a missing file is ignored');
  writeFileSync(join(dir, 'bad.json'), '{nope');
  t.throws(() => loadConfig({ ECS_AGENT_CONFIG_FILE_PATH: join(dir, 'bad.json') }), /bad\.json/, 'a broken file is an error');
});

t.test('bad settings are refused naming the setting', async (t) => {
  for (const [k, v] of [
    ['ECS_RESERVED_PORTS', '22,80'], ['ECS_RESERVED_PORTS', '[70000]'], ['ECS_CONTAINER_STOP_TIMEOUT', 'soon'],
    ['ECS_IMAGE_PULL_BEHAVIOR', 'sometimes'], ['ECS_INSTANCE_ATTRIBUTES', '{"a":1}'], ['ECS_RESERVED_MEMORY', '-5'],
  ]) {
    let err: unknown;
    try {
      loadConfig({ [k!]: v });
    } catch (e) {
      err = e;
    }
    t.ok(err instanceof ConfigError && (err as Error).message.startsWith(k!), `${k}=${v}: ${(err as Error)?.message}`);
  }
});

t.test('registration: resources, attributes, versionInfo', async (t) => {
  const cfg = { ...loadConfig({ ECS_RESERVED_MEMORY: '512', ECS_INSTANCE_ATTRIBUTES: '{"stack":"prod"}', BERTH_AVAILABILITY_ZONE: 'z1' }), cluster: 'c' };
  const req = registrationRequest(cfg, { cpus: 4, memoryMiB: 8000, arch: 'arm64', dockerVersion: '20.10.24', dockerApiVersion: '1.41', hostname: 'pi' });
  t.same(req.totalResources, [
    { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: 7488 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
    { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
  ]);
  const attrs = Object.fromEntries(req.attributes!.map((a) => [a.name, a.value]));
  t.equal(attrs['ecs.cpu-architecture'], 'arm64');
  t.equal(attrs['ecs.os-type'], 'linux');
  t.equal(attrs['ecs.availability-zone'], 'z1');
  t.equal(attrs.stack, 'prod');
  t.ok('com.amazonaws.ecs.capability.docker-remote-api.1.41' in attrs);
  t.notOk('com.amazonaws.ecs.capability.docker-remote-api.1.42' in attrs);
  for (const c of ['container-ordering', 'container-health-check', 'container-restart-policy']) t.ok(`ecs.capability.${c}` in attrs, c);
  t.match(req.versionInfo?.dockerVersion, /20\.10\.24/);
  t.equal(dockerApiCapabilities('1.17').length, 1);
  t.equal(ecsArchitecture('x64'), 'x86_64');
  t.throws(() => registrationRequest({ ...cfg, reservedMemoryMiB: 9000 }, { cpus: 1, memoryMiB: 8000, arch: 'x64', dockerVersion: 'x', dockerApiVersion: '1.41', hostname: 'h' }));
});

t.test('reconnect backoff: jittered, exponential from 250 ms, capped at 2 min', async (t) => {
  t.equal(backoffDelay(0, 250, 120_000, () => 1), 250);
  t.equal(backoffDelay(0, 250, 120_000, () => 0), 125);
  t.equal(backoffDelay(3, 250, 120_000, () => 1), 2000);
  t.equal(backoffDelay(30, 250, 120_000, () => 1), 120_000);
  t.equal(backoffDelay(30, 250, 120_000, () => 0), 60_000);
});

t.test('the session\'s reconnect backoff is amazon-ecs-agent\'s: 250 ms growing 1.5 times to 2 min, plus up to 20%', async (t) => {
  t.equal(reconnectDelay(0, 250, 120_000, () => 0), 250);
  t.equal(reconnectDelay(0, 250, 120_000, () => 1), 300);
  t.equal(reconnectDelay(2, 250, 120_000, () => 0), 563);
  t.equal(reconnectDelay(8, 250, 120_000, () => 0), 6407);
  t.equal(reconnectDelay(40, 250, 120_000, () => 0), 120_000);
  t.equal(reconnectDelay(40, 250, 120_000, () => 1), 144_000, 'the jitter goes past the cap, as ECS\'s');
});

t.test('metrics listener: loopback by default, a scrape token beyond it', async (t) => {
  const base = { ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent' };
  t.same(loadConfig(base).metricsAddr, { host: '127.0.0.1', port: 51680 });
  t.equal(loadConfig({ ...base, BERTH_METRICS_ADDR: 'off' }).metricsAddr, undefined);
  t.throws(() => loadConfig({ ...base, BERTH_METRICS_ADDR: '0.0.0.0:9100' }), /BERTH_METRICS_ADDR: 0\.0\.0\.0:9100 is beyond loopback: give a scrape token/);
  const c = loadConfig({ ...base, BERTH_METRICS_ADDR: '0.0.0.0:9100', BERTH_METRICS_TOKEN: ' s3cret ', BERTH_METRICS_ADVERTISE: 'pi-4.lan:9100' });
  t.same([c.metricsAddr, c.metricsToken, c.metricsAdvertise], [{ host: '0.0.0.0', port: 9100 }, 's3cret', 'pi-4.lan:9100']);
  const dir = mkdtempSync(join(tmpdir(), 'berth-metrics-token-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'token'), 'from-file\n');
  t.equal(loadConfig({ ...base, BERTH_METRICS_ADDR: '0.0.0.0:9100', BERTH_METRICS_TOKEN_FILE: join(dir, 'token') }).metricsToken, 'from-file');
  t.throws(() => loadConfig({ ...base, BERTH_METRICS_TOKEN: 'a', BERTH_METRICS_TOKEN_FILE: join(dir, 'token') }), ConfigError);
});

t.test('container statistics: every 20 s by default, amazon-ecs-agent\'s settings', async (t) => {
  const base = { ECS_AGENT_CONFIG_FILE_PATH: '/nonexistent' };
  t.equal(loadConfig(base).statisticsIntervalMs, 20_000);
  t.equal(loadConfig({ ...base, ECS_POLLING_METRICS_WAIT_DURATION: '5s' }).statisticsIntervalMs, 5_000);
  t.equal(loadConfig({ ...base, ECS_DISABLE_METRICS: 'true' }).statisticsIntervalMs, undefined);
});
