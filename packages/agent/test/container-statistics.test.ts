// A container's figures from Docker's one-shot stats on both cgroup layouts: memory used is usage minus the
// inactive file cache (total_inactive_file on v1, inactive_file on v2), as docker stats and ECS count it.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { containerStatistics } from '../src/statistics/container-statistics.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../test/fixtures/docker-stats/${name}.json`, import.meta.url), 'utf8')) as unknown;
const MiB = 1024 * 1024;

t.test('cgroup v1 (this machine: Docker with cgroupfs)', async (t) => {
  t.same(containerStatistics(fixture('cgroup-v1')), {
    cpuSeconds: 0.032944459, memoryBytes: 68 * MiB - 4 * MiB, memoryLimitBytes: 128 * MiB,
    networkRxBytes: 1536, networkTxBytes: 100, blockReadBytes: MiB, blockWriteBytes: 4096,
  });
});

t.test('cgroup v2 (Raspberry Pi OS: Docker with systemd)', async (t) => {
  t.same(containerStatistics(fixture('cgroup-v2')), {
    cpuSeconds: 1.5, memoryBytes: 67 * MiB - 2 * MiB, memoryLimitBytes: 256 * MiB,
    networkRxBytes: 2048, networkTxBytes: 1024, blockReadBytes: 2 * MiB, blockWriteBytes: 8192,
  });
});

t.test('what a stopped or network-less container answers: zeros, never NaN', async (t) => {
  t.same(containerStatistics({ memory_stats: {}, blkio_stats: { io_service_bytes_recursive: null } }), {
    cpuSeconds: 0, memoryBytes: 0, memoryLimitBytes: 0, networkRxBytes: 0, networkTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0,
  });
});

t.test('the collector: running containers of running tasks, one after another; a gap, never zeros', async (t) => {
  const { StatisticsCollector } = await import('../src/statistics/collector.js');
  const v1 = fixture('cgroup-v1');
  const asked: string[] = [];
  let inFlight = 0;
  let gone = false;
  const container = (name: string, dockerId: string, knownStatus = 'RUNNING') => ({ name, dockerId, knownStatus, restartCount: 2 });
  const tasks = () => [
    { taskArn: 'arn:aws:ecs:us-east-1:0:task/c/t1', family: 'web', knownStatus: 'RUNNING', containers: [container('app', 'd1'), container('side', 'd2', 'STOPPED')] },
    { taskArn: 'arn:aws:ecs:us-east-1:0:task/c/t2', family: 'job', knownStatus: 'PENDING', containers: [container('x', 'd3')] },
  ];
  const c = new StatisticsCollector({
    source: tasks as never,
    stats: async (id) => {
      asked.push(id);
      t.equal(++inFlight, 1, 'one call at a time');
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (gone) throw new Error('No such container');
      return v1;
    },
    intervalMs: 60_000,
    log: { debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  await c.pass();
  t.same(asked, ['d1'], 'only the running container of the running task');
  const [f] = [...c.figures()];
  t.match(f, { taskArn: 'arn:aws:ecs:us-east-1:0:task/c/t1', family: 'web', container: 'app', restarts: 2, memoryBytes: 64 * MiB });
  gone = true;
  await c.pass();
  t.same([...c.figures()], [], 'a container that answers nothing has no figures, not zeros');
});
