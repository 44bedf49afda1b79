// Scenario placement-decisions: decisions per second of the pure placement pipeline (@berth/core
// placeTasks, no I/O), for 10,000 tasks over 1,000 instances (QUICK: 1,000 over 100) with two strategies,
// spread(attribute:ecs.availability-zone) then binpack(memory), and a constraint, memberOf(attribute:stack
// == prod), as RunTask passes them. Two shapes: one call placing every task, and RunTask-sized calls of
// 10 whose results are carried into the next call's instances (as the store would carry them). The same
// RunTask-sized run with no strategy and no constraint (random placement) is the baseline.
import { placeTasks } from '@berth/core';
import { QUICK, fmt, percentile, record } from './lib.mjs';

const INSTANCES = QUICK ? 100 : 1000;
const TASKS = QUICK ? 1000 : 10_000;
const BATCH = 10;
const RUNS = QUICK ? 5 : 3;
const GROUP = 'family:bench';
const RESERVATION = { cpu: 64, memory: 128, ports: [], portsUdp: [] };
const STRATEGIES = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }];
const CONSTRAINTS = [{ type: 'memberOf', expression: 'attribute:stack == prod' }];

/** What an agent registers: zone, os, architecture, capabilities; two instances in three are prod. */
function fleet() {
  const capabilities = ['logging-driver.json-file', 'logging-driver.syslog', 'logging-driver.none', ...Array.from({ length: 28 }, (_, i) => `docker-remote-api.1.${17 + i}`)]
    .map((c) => ({ name: `com.amazonaws.ecs.capability.${c}` }));
  return Array.from({ length: INSTANCES }, (_, i) => {
    const id = i.toString(16).padStart(32, '0');
    return {
      id,
      arn: `arn:aws:ecs:us-east-1:000000000000:container-instance/bench/${id}`,
      status: 'ACTIVE',
      agentConnected: true,
      remainingResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 16_384 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
      ],
      attributes: [
        { name: 'ecs.availability-zone', value: `us-east-1${'abc'[i % 3]}` },
        { name: 'ecs.os-type', value: 'linux' },
        { name: 'ecs.cpu-architecture', value: 'x86_64' },
        { name: 'stack', value: i % 3 === 2 ? 'dev' : 'prod' },
        ...capabilities,
      ],
      agentVersion: '0.1.0',
      registeredAt: 1_700_000_000 + i,
      taskGroups: {},
    };
  });
}

/** Places TASKS in calls of `batch`; returns seconds and checks that everything was placed and fits. */
function run(batch, withPlacement) {
  let instances = fleet();
  const byId = new Map(instances.map((c, i) => [c.id, i]));
  let placed = 0;
  const t0 = performance.now();
  for (let done = 0; done < TASKS; done += batch) {
    const out = placeTasks({
      instances, reservation: RESERVATION, count: Math.min(batch, TASKS - done), group: GROUP,
      ...(withPlacement ? { strategies: STRATEGIES, constraints: CONSTRAINTS } : {}),
    });
    placed += out.placements.length;
    if (out.unplaced > 0) throw new Error(`not placed: ${out.explanation}`);
    if (batch < TASKS) {
      // What the launch transaction writes back: remaining resources and the task groups.
      const added = new Map();
      for (const id of out.placements) added.set(id, (added.get(id) ?? 0) + 1);
      instances = instances.slice();
      for (const [id, rem] of out.remaining) {
        const i = byId.get(id);
        const c = instances[i];
        instances[i] = { ...c, remainingResources: rem, taskGroups: { ...c.taskGroups, [GROUP]: (c.taskGroups[GROUP] ?? 0) + added.get(id) } };
      }
    }
  }
  const s = (performance.now() - t0) / 1000;
  if (placed !== TASKS) throw new Error(`placed ${placed} of ${TASKS}`);
  return s;
}

function measure(name, batch, withPlacement) {
  run(batch, withPlacement); // warm-up
  const times = Array.from({ length: RUNS }, () => run(batch, withPlacement));
  const median = percentile(times, 50);
  process.stderr.write(`  [placement-decisions] ${name}: ${times.map((x) => x.toFixed(3)).join(', ')} s\n`);
  return [name, INSTANCES, TASKS, fmt(median, 3), fmt(TASKS / median)];
}

record('placement-decisions: decisions/s of the pure placement pipeline', ['shape', 'instances', 'tasks', 'median s', 'decisions/s'], [
  measure('one call, spread(zone) + binpack(memory) + memberOf(stack == prod)', TASKS, true),
  measure(`calls of ${BATCH}, spread(zone) + binpack(memory) + memberOf(stack == prod)`, BATCH, true),
  measure(`calls of ${BATCH}, no strategy or constraint (random)`, BATCH, false),
], [
  `@berth/core placeTasks in one process, no I/O; median of ${RUNS} runs after a warm-up. Each instance: 4096 CPU units, 16 GiB, three zones, two in three stack=prod, ${31 + 4} attributes; each task 64 CPU units / 128 MiB. "Calls of ${BATCH}" carries each call's remaining resources and task groups into the next call's instances, as RunTask would read them back from the store (the copies are counted in the time).`,
]);
