// The task cgroup manager on fake cgroup roots (the real one is exercised in engine-docker.test.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { CgroupManager, cfsQuotaUs, sharesToWeight } from '../src/engine/cgroup.js';
import { captureLogger, tempDir } from './fixtures.js';

t.test('quota and weight formulas', async (t) => {
  t.equal(cfsQuotaUs(1024, 100000), 100000);
  t.equal(cfsQuotaUs(256, 100000), 25000);
  t.equal(cfsQuotaUs(1, 100000), 1000, 'kernel minimum');
  t.equal(sharesToWeight(2), 1);
  t.equal(sharesToWeight(1024), 39);
  t.equal(sharesToWeight(262144), 10000);
});

t.test('v1 layout: memory and cpu limits, then removal', async (t) => {
  const tmp = tempDir('cg-v1');
  t.teardown(tmp.cleanup);
  for (const c of ['memory', 'cpu', 'pids']) mkdirSync(path.join(tmp.dir, c));
  const { log } = captureLogger();
  const m = new CgroupManager({ log, root: tmp.dir });
  t.equal(await m.layout(), 'v1');
  t.equal(await m.create('/ecs/t1', { memoryMiB: 128, cpuUnits: 512 }), '/ecs/t1');
  t.equal(readFileSync(path.join(tmp.dir, 'memory/ecs/t1/memory.limit_in_bytes'), 'utf8'), String(128 * 1024 * 1024));
  t.equal(readFileSync(path.join(tmp.dir, 'cpu/ecs/t1/cpu.cfs_quota_us'), 'utf8'), '50000');
  t.equal(readFileSync(path.join(tmp.dir, 'cpu/ecs/t1/cpu.cfs_period_us'), 'utf8'), '100000');
  t.equal(await m.create('/ecs/t2', { memoryMiB: 64, cpuShares: 300 }), '/ecs/t2');
  t.equal(readFileSync(path.join(tmp.dir, 'cpu/ecs/t2/cpu.shares'), 'utf8'), '300');
  mkdirSync(path.join(tmp.dir, 'pids/ecs/t1/containerid'), { recursive: true }); // what Docker leaves
  await m.remove('/ecs/t1');
  for (const c of ['memory', 'cpu', 'pids']) t.notOk(existsSync(path.join(tmp.dir, c, 'ecs/t1')), `${c} removed`);
  t.ok(existsSync(path.join(tmp.dir, 'memory/ecs/t2')), 'the other task is untouched');
  await m.remove('/elsewhere/x'); // never outside /ecs/
});

t.test('v2 layout: memory.max and cpu.max', async (t) => {
  const tmp = tempDir('cg-v2');
  t.teardown(tmp.cleanup);
  writeFileSync(path.join(tmp.dir, 'cgroup.controllers'), 'cpu memory pids');
  const { log } = captureLogger();
  const m = new CgroupManager({ log, root: tmp.dir });
  t.equal(await m.layout(), 'v2');
  t.equal(await m.create('/ecs/t1', { memoryMiB: 32, cpuUnits: 2048 }), '/ecs/t1');
  t.equal(readFileSync(path.join(tmp.dir, 'ecs/t1/memory.max'), 'utf8'), String(32 * 1024 * 1024));
  t.equal(readFileSync(path.join(tmp.dir, 'ecs/t1/cpu.max'), 'utf8'), '200000 100000');
  await m.remove('/ecs/t1');
  t.notOk(existsSync(path.join(tmp.dir, 'ecs/t1')));
});

t.test('unknown layout or systemd driver: warned once, no limit', async (t) => {
  const tmp = tempDir('cg-none');
  t.teardown(tmp.cleanup);
  const cap = captureLogger();
  const m = new CgroupManager({ log: cap.log, root: path.join(tmp.dir, 'missing') });
  t.equal(await m.layout(), 'unknown');
  t.equal(await m.create('/ecs/a', { memoryMiB: 64 }), undefined);
  t.equal(await m.create('/ecs/b', { memoryMiB: 64 }), undefined);
  const warns = cap.lines().filter((l) => l.level === 'warn');
  t.equal(warns.length, 1, 'one warning');
  t.match(warns[0]!.msg, /task-level cpu\/memory limits are not applied/);
  const cap2 = captureLogger();
  const sd = new CgroupManager({ log: cap2.log, root: tmp.dir, cgroupDriver: 'systemd' });
  t.equal(await sd.create('/ecs/c', { memoryMiB: 64 }), undefined);
  t.match(cap2.lines().find((l) => l.level === 'warn')?.error, /systemd/);
});
