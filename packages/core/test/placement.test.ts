import t from 'tap';
import {
  placeTasks, resourceAmounts, type PlacementCandidate, type Ranker, type Reservation, type Resource,
} from '../src/index.js';

const res = (cpu: number, memory: number, ports: string[] = ['22']): Resource[] => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
];
const inst = (id: string, cpu: number, memory: number, extra: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  id, arn: `arn:aws:ecs:r:a:container-instance/c/${id}`, status: 'ACTIVE', agentConnected: true, remainingResources: res(cpu, memory), ...extra,
});
const R = (cpu: number, memory: number, ports: number[] = []): Reservation => ({ cpu, memory, ports, portsUdp: [] });

/** A deterministic [0,1) sequence. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

t.test('places on fitting instances and updates remaining after each task', async (t) => {
  const out = placeTasks({ instances: [inst('a', 1024, 300)], reservation: R(0, 100), count: 3 });
  t.same(out.placements, ['a', 'a', 'a']);
  t.same(out.failures, []);
  t.equal(resourceAmounts(out.remaining.get('a')).memory, 0);
  const over = placeTasks({ instances: [inst('a', 1024, 300)], reservation: R(0, 100), count: 5 });
  t.same(over.placements, ['a', 'a', 'a'], 'only what fits');
  t.same(over.failures, [{ instanceId: 'a', reason: 'RESOURCE:MEMORY' }], 'one failure entry per instance');
});

t.test('each excluded instance is reported with the reason that excluded it', async (t) => {
  const instances = [
    inst('cpu', 100, 1000),
    inst('mem', 4096, 10),
    { ...inst('port', 4096, 1000), remainingResources: res(4096, 1000, ['22', '80']) },
    inst('off', 4096, 1000, { agentConnected: false }),
    inst('drain', 4096, 1000, { status: 'DRAINING' }),
  ];
  const out = placeTasks({ instances, reservation: R(512, 100, [80]), count: 1 });
  t.same(out.placements, []);
  t.same(out.failures, [
    { instanceId: 'cpu', reason: 'RESOURCE:CPU' },
    { instanceId: 'mem', reason: 'RESOURCE:MEMORY' },
    { instanceId: 'port', reason: 'RESOURCE:PORTS' },
    { instanceId: 'off', reason: 'AGENT' },
    { instanceId: 'drain', reason: 'DRAINING' },
  ]);
  t.same(placeTasks({ instances: [], reservation: R(0, 1), count: 2 }), { placements: [], failures: [], remaining: new Map() });
});

t.test('static ports: one task per instance per port', async (t) => {
  const out = placeTasks({ instances: [inst('a', 4096, 4096), inst('b', 4096, 4096)], reservation: R(0, 10, [8080]), count: 3, random: seeded(1) });
  t.same([...out.placements].sort(), ['a', 'b']);
  t.same(out.failures, [{ instanceId: 'a', reason: 'RESOURCE:PORTS' }, { instanceId: 'b', reason: 'RESOURCE:PORTS' }]);
});

t.test('random choice among the instances that fit, never one that does not', async (t) => {
  const instances = [inst('a', 4096, 100_000), inst('b', 4096, 100_000), inst('c', 4096, 100_000), inst('small', 4096, 5)];
  const seen = new Map<string, number>();
  const random = seeded(42);
  for (let i = 0; i < 300; i++) {
    const out = placeTasks({ instances, reservation: R(0, 10), count: 1, random });
    seen.set(out.placements[0]!, (seen.get(out.placements[0]!) ?? 0) + 1);
  }
  t.notOk(seen.has('small'));
  for (const id of ['a', 'b', 'c']) t.ok((seen.get(id) ?? 0) > 50, `${id} chosen ${seen.get(id)} times`);
  // Same seed, same answer.
  const a = placeTasks({ instances, reservation: R(0, 10), count: 10, random: seeded(7) }).placements;
  const b = placeTasks({ instances, reservation: R(0, 10), count: 10, random: seeded(7) }).placements;
  t.same(a, b);
  t.equal(instances[0]!.remainingResources[1]!.integerValue, 100_000, 'input instances are not modified');
});

t.test('rankers narrow the choice (the door for binpack and spread)', async (t) => {
  const leastMemory: Ranker = (feasible) => {
    const mem = (c: PlacementCandidate) => resourceAmounts(c.remainingResources).memory;
    const min = Math.min(...feasible.map(mem));
    return feasible.filter((c) => mem(c) === min);
  };
  const out = placeTasks({ instances: [inst('big', 4096, 1000), inst('small', 4096, 300)], reservation: R(0, 100), count: 4, rankers: [leastMemory] });
  t.same(out.placements, ['small', 'small', 'small', 'big'], 'binpack-like: fill the fuller one first');
  const custom = placeTasks({
    instances: [inst('a', 4096, 1000), inst('b', 4096, 1000)], reservation: R(0, 1), count: 1,
    checks: [(c) => (c.id === 'a' ? 'ATTRIBUTE' : null)],
  });
  t.same(custom.placements, ['b'], 'a custom feasibility chain');
});
