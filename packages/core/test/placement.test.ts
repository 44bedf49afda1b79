// The placement pipeline, without I/O: feasibility checks, strategies in order, constraints, failures that
// explain themselves, as tables; and property tests that no decision oversubscribes an instance or breaks
// a constraint.
import t from 'tap';
import {
  checkPlacementConstraints, checkPlacementStrategies, placeTasks, randomOrder, resourceAmounts, sampleSize, taskDefinitionChecks,
  type Attribute, type FeasibilityCheck, type TaskDefinition, type PlacementCandidate, type PlacementConstraint, type PlacementStrategy,
  type Ranker, type Reservation, type Resource,
} from '../src/index.js';

const res = (cpu: number, memory: number, ports: string[] = ['22'], portsUdp: string[] = []): Resource[] => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: portsUdp },
];
const inst = (id: string, cpu: number, memory: number, extra: Partial<PlacementCandidate> = {}): PlacementCandidate => ({
  id, arn: `arn:aws:ecs:r:a:container-instance/c/${id}`, status: 'ACTIVE', agentConnected: true, remainingResources: res(cpu, memory), ...extra,
});
const R = (cpu: number, memory: number, ports: number[] = [], portsUdp: number[] = []): Reservation => ({ cpu, memory, ports, portsUdp });
const attrs = (o: Record<string, string | undefined>): Attribute[] => Object.entries(o).map(([name, value]) => (value === undefined ? { name } : { name, value }));
const zone = (z: string, extra: Record<string, string> = {}) => ({ attributes: attrs({ 'ecs.availability-zone': z, ...extra }) });

/** A deterministic [0,1) sequence. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const count = (ids: string[]) => ids.reduce<Record<string, number>>((m, id) => ({ ...m, [id]: (m[id] ?? 0) + 1 }), {});

t.test('places on fitting instances and updates what is left after each task', async (t) => {
  const out = placeTasks({ instances: [inst('a', 1024, 300)], reservation: R(0, 100), count: 3 });
  t.same(out.placements, ['a', 'a', 'a']);
  t.same(out.failures, []);
  t.equal(out.unplaced, 0);
  t.equal(resourceAmounts(out.remaining.get('a')).memory, 0);
  const over = placeTasks({ instances: [inst('a', 1024, 300)], reservation: R(0, 100), count: 5 });
  t.same(over.placements, ['a', 'a', 'a'], 'only what fits');
  t.equal(over.unplaced, 2);
  t.same(over.failures, [{ instanceId: 'a', reason: 'RESOURCE:MEMORY', detail: 'the task needs 100 MiB of memory, 0 MiB are left' }]);
  t.same(over.excluded, [{ check: 'resources', reason: 'RESOURCE:MEMORY', instances: 1 }]);
  t.equal(over.explanation, '2 of 5 tasks could not be placed: no container instance met all requirements (1 instance: 1 excluded by RESOURCE:MEMORY)');
});

t.test('each excluded instance is reported with the first check that excluded it, and the counts per check', async (t) => {
  const instances = [
    inst('cpu', 100, 1000),
    inst('mem', 4096, 10),
    { ...inst('port', 4096, 1000), remainingResources: res(4096, 1000, ['22', '80']) },
    { ...inst('udp', 4096, 1000), remainingResources: res(4096, 1000, ['22'], ['53']) },
    inst('off', 4096, 1000, { agentConnected: false }),
    inst('drain', 4096, 1000, { status: 'DRAINING' }),
    inst('dev', 4096, 1000, zone('a', { stack: 'dev' })),
    inst('mem2', 4096, 20),
  ];
  const out = placeTasks({ instances, reservation: R(512, 100, [80], [53]), count: 1, constraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }] });
  t.same(out.placements, []);
  t.same(out.failures.map((f) => [f.instanceId, f.reason]), [
    ['cpu', 'RESOURCE:CPU'], ['mem', 'RESOURCE:MEMORY'], ['port', 'RESOURCE:PORTS'], ['udp', 'RESOURCE:PORTS_UDP'],
    ['off', 'AGENT'], ['drain', 'DRAINING'], ['dev', 'ATTRIBUTE'], ['mem2', 'RESOURCE:MEMORY'],
  ]);
  t.match(out.failures.find((f) => f.instanceId === 'dev')!.detail, /memberOf\(attribute:stack == prod\) does not hold/);
  t.match(out.failures.find((f) => f.instanceId === 'port')!.detail, /host port 80\/tcp is already in use/);
  t.match(out.failures.find((f) => f.instanceId === 'udp')!.detail, /host port 53\/udp/);
  t.same(out.excluded, [
    { check: 'status', reason: 'DRAINING', instances: 1 },
    { check: 'agent', reason: 'AGENT', instances: 1 },
    { check: 'resources', reason: 'RESOURCE:CPU', instances: 1 },
    { check: 'resources', reason: 'RESOURCE:MEMORY', instances: 2 },
    { check: 'resources', reason: 'RESOURCE:PORTS', instances: 1 },
    { check: 'resources', reason: 'RESOURCE:PORTS_UDP', instances: 1 },
    { check: 'memberOf(attribute:stack == prod)', reason: 'ATTRIBUTE', instances: 1 },
  ]);
  t.equal(out.explanation, 'the task could not be placed: no container instance met all requirements (8 instances: 1 excluded by DRAINING, 1 excluded by AGENT, 1 excluded by RESOURCE:CPU, 2 excluded by RESOURCE:MEMORY, 1 excluded by RESOURCE:PORTS, 1 excluded by RESOURCE:PORTS_UDP, 1 excluded by ATTRIBUTE memberOf(attribute:stack == prod))');
});

t.test('empty clusters', async (t) => {
  for (const strategies of [[], [{ type: 'binpack', field: 'memory' }], [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], [{ type: 'random' }]] as PlacementStrategy[][]) {
    const out = placeTasks({ instances: [], reservation: R(0, 1), count: 2, strategies, constraints: [{ type: 'distinctInstance' }] });
    t.same(out.placements, []);
    t.same(out.failures, []);
    t.equal(out.unplaced, 2);
    t.equal(out.explanation, 'all 2 tasks could not be placed: no container instances to place on');
  }
});

t.test('static ports: one task per instance per port', async (t) => {
  const out = placeTasks({ instances: [inst('a', 4096, 4096), inst('b', 4096, 4096)], reservation: R(0, 10, [8080]), count: 3, random: seeded(1) });
  t.same([...out.placements].sort(), ['a', 'b']);
  t.same(out.failures.map((f) => f.reason), ['RESOURCE:PORTS', 'RESOURCE:PORTS']);
  t.same(resourceAmounts(out.remaining.get('a')).ports, ['22', '8080']);
});

t.test('without a strategy: random among the instances that fit, never one that does not', async (t) => {
  const instances = [inst('a', 4096, 100_000), inst('b', 4096, 100_000), inst('c', 4096, 100_000), inst('small', 4096, 5)];
  const seen = new Map<string, number>();
  const random = seeded(42);
  for (let i = 0; i < 300; i++) {
    const out = placeTasks({ instances, reservation: R(0, 10), count: 1, random });
    seen.set(out.placements[0]!, (seen.get(out.placements[0]!) ?? 0) + 1);
  }
  t.notOk(seen.has('small'));
  for (const id of ['a', 'b', 'c']) t.ok((seen.get(id) ?? 0) > 50, `${id} chosen ${seen.get(id)} times`);
  const a = placeTasks({ instances, reservation: R(0, 10), count: 10, random: seeded(7) }).placements;
  const b = placeTasks({ instances, reservation: R(0, 10), count: 10, random: seeded(7) }).placements;
  t.same(a, b, 'same seed, same answer');
  t.equal(instances[0]!.remainingResources[1]!.integerValue, 100_000, 'input instances are not modified');
});

/** Strategy tables: instances, strategies, count -> the placements (as counts per instance). */
const zones = [
  inst('a1', 4096, 1000, zone('a')), inst('a2', 4096, 2000, zone('a')),
  inst('b1', 4096, 3000, zone('b')), inst('c1', 4096, 500, zone('c')),
];
const STRATEGIES: { name: string; instances: PlacementCandidate[]; strategies: PlacementStrategy[]; count: number; group?: string; want: Record<string, number> | string[] }[] = [
  { name: 'binpack memory fills the fullest first', instances: zones, strategies: [{ type: 'binpack', field: 'memory' }], count: 6, want: ['c1', 'c1', 'c1', 'c1', 'c1', 'a1'] },
  { name: 'binpack MEMORY (any case)', instances: zones, strategies: [{ type: 'binpack', field: 'MEMORY' }], count: 1, want: ['c1'] },
  {
    name: 'binpack cpu', instances: [inst('x', 2048, 9999), inst('y', 20, 9999), inst('z', 4096, 9999)],
    strategies: [{ type: 'binpack', field: 'cpu' }], count: 3, want: ['y', 'y', 'x'],
  },
  { name: 'spread over zones, three zones, six tasks', instances: zones, strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], count: 6, want: { a1: 0, a2: 0, b1: 2, c1: 2, zoneA: 2 } as never },
  { name: 'spread by instanceId', instances: zones, strategies: [{ type: 'spread', field: 'instanceId' }], count: 8, want: { a1: 2, a2: 2, b1: 2, c1: 2 } },
  { name: 'spread by host = instanceId', instances: zones, strategies: [{ type: 'spread', field: 'host' }], count: 4, want: { a1: 1, a2: 1, b1: 1, c1: 1 } },
  {
    name: 'spread zone then binpack memory (ties of the first broken by the second)', instances: zones,
    strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }], count: 3,
    want: { a1: 1, b1: 1, c1: 1 },
  },
  {
    name: 'spread counts the group\'s existing tasks, not other groups', group: 'g',
    instances: [inst('a', 4096, 9999, { ...zone('a'), taskGroups: { g: 2, other: 5 } }), inst('b', 4096, 9999, { ...zone('b'), taskGroups: { other: 9 } })],
    strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], count: 3, want: ['b', 'b', 'a'].sort(),
  },
  {
    name: 'spread counts tasks on instances that cannot take more (a full instance still weighs on its zone)', group: 'g',
    instances: [inst('a-full', 4096, 0, { ...zone('a'), taskGroups: { g: 3 } }), inst('a2', 4096, 9999, zone('a')), inst('b', 4096, 9999, zone('b'))],
    strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], count: 3, want: ['b', 'b', 'b'],
  },
  {
    name: 'spread over an attribute some instances lack: the lacking ones are one more value',
    instances: [inst('p', 4096, 9999, zone('a', { stack: 'prod' })), inst('n1', 4096, 9999, zone('a')), inst('n2', 4096, 9999, zone('a'))],
    strategies: [{ type: 'spread', field: 'attribute:stack' }], count: 4, want: { p: 2, none: 2 } as never,
  },
  {
    name: 'random then anything: random picks one, later strategies have nothing to order',
    instances: [inst('only', 4096, 9999)], strategies: [{ type: 'random' }, { type: 'binpack', field: 'cpu' }], count: 2, want: ['only', 'only'],
  },
  {
    name: 'binpack then spread: the spread only breaks binpack\'s ties', group: 'g',
    instances: [inst('x', 4096, 500, { taskGroups: { g: 1 } }), inst('y', 4096, 500), inst('z', 4096, 900)],
    strategies: [{ type: 'binpack', field: 'memory' }, { type: 'spread', field: 'instanceId' }], count: 2, want: ['y', 'y'],
  },
];

t.test('strategies, alone and in order', async (t) => {
  for (const c of STRATEGIES) {
    const out = placeTasks({ instances: c.instances, reservation: R(10, 100), count: c.count, strategies: c.strategies, random: seeded(3), ...(c.group ? { group: c.group } : {}) });
    t.equal(out.placements.length, c.count, `${c.name}: all placed`);
    const got = count(out.placements);
    if (Array.isArray(c.want)) {
      if (c.name.includes('spread counts the group')) t.same([...out.placements].sort(), c.want, c.name);
      else t.same(out.placements, c.want, c.name);
    } else if ('zoneA' in c.want) {
      t.equal((got.a1 ?? 0) + (got.a2 ?? 0), 2, `${c.name}: zone a`);
      t.equal(got.b1, 2, `${c.name}: zone b`);
      t.equal(got.c1, 2, `${c.name}: zone c`);
    } else if ('none' in c.want) {
      t.equal(got.p, 2, `${c.name}: prod`);
      t.equal((got.n1 ?? 0) + (got.n2 ?? 0), 2, `${c.name}: the instances without the attribute`);
    } else {
      t.same(got, Object.fromEntries(Object.entries(c.want).filter(([, n]) => n > 0)), c.name);
    }
  }
});

t.test('ties are broken at random, among the tied only', async (t) => {
  const tied = [inst('a', 4096, 1000, zone('a')), inst('b', 4096, 1000, zone('a')), inst('c', 4096, 2000, zone('b'))];
  const seen = new Set<string>();
  const random = seeded(11);
  for (let i = 0; i < 200; i++) {
    const out = placeTasks({ instances: tied, reservation: R(0, 10), count: 1, strategies: [{ type: 'binpack', field: 'memory' }], random });
    seen.add(out.placements[0]!);
  }
  t.same([...seen].sort(), ['a', 'b'], 'binpack ties: a and b, never c');
  const spreadSeen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const out = placeTasks({ instances: tied, reservation: R(0, 10), count: 2, strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], random });
    t.same(out.placements.filter((x) => x === 'c').length, 1, 'one task per zone');
    spreadSeen.add(out.placements.find((x) => x !== 'c')!);
  }
  t.same([...spreadSeen].sort(), ['a', 'b'], 'the zone-a task lands on either instance of zone a');
});

t.test('constraints: memberOf (task definition and request both apply) and distinctInstance', async (t) => {
  const fleet = [
    inst('p1', 4096, 9999, zone('a', { stack: 'prod' })), inst('p2', 4096, 9999, zone('b', { stack: 'prod' })),
    inst('d1', 4096, 9999, zone('a', { stack: 'dev' })), inst('x', 4096, 9999, { agentVersion: '1.2.0', ...zone('c') }),
  ];
  const prod: PlacementConstraint = { type: 'memberOf', expression: 'attribute:stack == prod' };
  const zoneA: PlacementConstraint = { type: 'memberOf', expression: 'attribute:ecs.availability-zone == a' };
  t.same(count(placeTasks({ instances: fleet, reservation: R(0, 1), count: 6, constraints: [prod], random: seeded(1) }).placements).d1, undefined);
  t.same(placeTasks({ instances: fleet, reservation: R(0, 1), count: 3, constraints: [prod, zoneA] }).placements, ['p1', 'p1', 'p1'], 'both constraints bind');
  const distinct = placeTasks({ instances: fleet, reservation: R(0, 1), count: 3, group: 'g', constraints: [prod, { type: 'distinctInstance' }], random: seeded(2) });
  t.same([...distinct.placements].sort(), ['p1', 'p2'], 'one per instance');
  t.equal(distinct.unplaced, 1);
  t.same(distinct.excluded, [
    { check: 'memberOf(attribute:stack == prod)', reason: 'ATTRIBUTE', instances: 2 },
    { check: 'distinctInstance', reason: 'ATTRIBUTE', instances: 2 },
  ]);
  t.match(distinct.failures.find((f) => f.instanceId === 'p1')!.detail, /distinctInstance does not hold: a task of g is already there/);
  const existing = [inst('a', 4096, 9999, { taskGroups: { g: 1 } }), inst('b', 4096, 9999, { taskGroups: { h: 1 } })];
  t.same(placeTasks({ instances: existing, reservation: R(0, 1), count: 1, group: 'g', constraints: [{ type: 'distinctInstance' }] }).placements, ['b'], 'existing tasks of the group count');
  t.same(placeTasks({ instances: existing, reservation: R(0, 1), count: 2, group: 'h', constraints: [{ type: 'memberOf', expression: 'task:group == g' }] }).placements, ['a', 'a'], 'affinity');
  t.same(placeTasks({ instances: existing, reservation: R(0, 1), count: 2, group: 'g', constraints: [{ type: 'memberOf', expression: 'not(task:group == g)' }] }).placements, ['b'], 'anti-affinity: the first task lands on b, and b then has g');
  const rtc = placeTasks({ instances: [inst('a', 4096, 9999), inst('b', 4096, 9999)], reservation: R(0, 1), count: 3, group: 'g', constraints: [{ type: 'memberOf', expression: 'runningTasksCount < 1' }], random: seeded(5) });
  t.same([...rtc.placements].sort(), ['a', 'b'], 'runningTasksCount counts the tasks of this call');
  // runningTasksCount is ECS's (lastStatus RUNNING) when the candidate carries it; PENDING tasks hold groups only.
  const counted = [inst('a', 4096, 9999, { taskGroups: { g: 3 }, runningTasksCount: 0 }), inst('b', 4096, 9999, { taskGroups: {}, runningTasksCount: 2 })];
  t.same(placeTasks({ instances: counted, reservation: R(0, 1), count: 1, constraints: [{ type: 'memberOf', expression: 'runningTasksCount == 0' }] }).placements, ['a'], 'the candidate\'s runningTasksCount, not its groups');
  t.same(placeTasks({ instances: counted, reservation: R(0, 1), count: 1, strategies: [{ type: 'spread', field: 'instanceId' }] }).placements, ['b'], 'spread without a group still counts every task the instance holds');
  t.same(placeTasks({ instances: fleet, reservation: R(0, 1), count: 1, constraints: [{ type: 'memberOf', expression: 'agentVersion < 1.14.5' }] }).placements, ['x']);
  const none = placeTasks({ instances: fleet, reservation: R(0, 1), count: 1, constraints: [{ type: 'memberOf', expression: 'attribute:stack == qa' }] });
  t.same(none.placements, [], 'constraints are binding');
  t.same(none.failures.map((f) => f.reason), ['ATTRIBUTE', 'ATTRIBUTE', 'ATTRIBUTE', 'ATTRIBUTE']);
});

t.test('custom checks and rankers plug into the chain', async (t) => {
  const onlyB: FeasibilityCheck = { name: 'custom', dynamic: false, check: (s) => (s.id === 'a' ? { reason: 'ATTRIBUTE', detail: 'not a' } : null) };
  const out = placeTasks({ instances: [inst('a', 4096, 1000), inst('b', 4096, 1000)], reservation: R(0, 1), count: 1, checks: [onlyB] });
  t.same(out.placements, ['b']);
  const last: Ranker = { name: 'last', rank: (f) => [f[f.length - 1]!] };
  t.same(placeTasks({ instances: [inst('a', 4096, 1000), inst('b', 4096, 1000)], reservation: R(0, 1), count: 2, rankers: [last] }).placements, ['b', 'b']);
});

t.test('validation of strategies and constraints names the member', async (t) => {
  const bad: [PlacementStrategy[], string][] = [
    [Array.from({ length: 6 }, () => ({ type: 'random' as const })), 'placementStrategy'],
    [[{ field: 'memory' }], 'placementStrategy[0].type'],
    [[{ type: 'random' }, { type: 'binpack' }], 'placementStrategy[1].field'],
    [[{ type: 'binpack', field: 'disk' }], 'placementStrategy[0].field'],
    [[{ type: 'spread' }], 'placementStrategy[0].field'],
    [[{ type: 'spread', field: 'zone' }], 'placementStrategy[0].field'],
    [[{ type: 'spread', field: 'attribute:' }], 'placementStrategy[0].field'],
    [[{ type: 'spread', field: 'attribute:bad name' }], 'placementStrategy[0].field'],
  ];
  for (const [list, field] of bad) {
    const e = t.throws(() => checkPlacementStrategies('placementStrategy', list)) as unknown as { ecsName: string; field: string; message: string };
    t.equal(e.ecsName, 'InvalidParameterException');
    t.equal(e.field, field, e.message);
  }
  t.doesNotThrow(() => checkPlacementStrategies('placementStrategy', [
    { type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'instanceId' }, { type: 'spread', field: 'host' },
    { type: 'binpack', field: 'cpu' }, { type: 'random' },
  ]));
  const badC: [PlacementConstraint[], string, RegExp?][] = [
    [[{ expression: 'x' } as PlacementConstraint], 'placementConstraints[0].type'],
    [[{ type: 'distinctInstance', expression: 'attribute:a exists' }], 'placementConstraints[0].expression', /takes no expression/],
    [[{ type: 'distinctInstance' }, { type: 'memberOf' }], 'placementConstraints[1].expression', /needs an expression/],
    [[{ type: 'memberOf', expression: 'x'.repeat(2001) }], 'placementConstraints[0].expression', /2000/],
    [[{ type: 'memberOf', expression: 'attribute:stack = prod' }], 'placementConstraints[0].expression', /position 17: expected an operator/],
    [Array.from({ length: 11 }, () => ({ type: 'distinctInstance' as const })), 'placementConstraints'],
  ];
  for (const [list, field, msg] of badC) {
    const e = t.throws(() => checkPlacementConstraints('placementConstraints', list)) as unknown as { ecsName: string; field: string; message: string };
    t.equal(e.ecsName, 'InvalidParameterException');
    t.equal(e.field, field, e.message);
    if (msg) t.match(e.message, msg);
  }
  const td = Array.from({ length: 4 }, () => ({ type: 'memberOf' as const, expression: 'attribute:a exists' }));
  const over = t.throws(() => checkPlacementConstraints('placementConstraints', Array.from({ length: 7 }, () => ({ type: 'distinctInstance' as const })), td)) as unknown as { field: string; message: string };
  t.equal(over.field, 'placementConstraints');
  t.match(over.message, /the task definition's included \(7 given, 4 in the task definition\)/);
});

// --- properties -----------------------------------------------------------------------------------------

t.test('property: no decision oversubscribes an instance or breaks a constraint', async (t) => {
  const random = seeded(2024);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const strategyPool: PlacementStrategy[] = [
    { type: 'binpack', field: 'cpu' }, { type: 'binpack', field: 'memory' }, { type: 'spread', field: 'instanceId' },
    { type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'attribute:stack' }, { type: 'random' },
  ];
  let placedTotal = 0;
  for (let run = 0; run < 300; run++) {
    const n = Math.floor(random() * 12);
    const instances: PlacementCandidate[] = Array.from({ length: n }, (_, i) => inst(`i${i}`, Math.floor(random() * 4096), Math.floor(random() * 4096), {
      status: random() < 0.1 ? 'DRAINING' : 'ACTIVE',
      agentConnected: random() > 0.1,
      remainingResources: res(Math.floor(random() * 4096), Math.floor(random() * 4096), random() < 0.3 ? ['22', '80'] : ['22'], random() < 0.2 ? ['53'] : []),
      ...zone(pick(['a', 'b', 'c']), random() < 0.5 ? { stack: pick(['prod', 'dev']) } : {}),
      taskGroups: random() < 0.3 ? { g: 1 + Math.floor(random() * 2) } : {},
    }));
    const r = R(Math.floor(random() * 1024), 1 + Math.floor(random() * 1024), random() < 0.3 ? [80] : [], random() < 0.2 ? [53] : []);
    const strategies = Array.from({ length: Math.floor(random() * 3) }, () => pick(strategyPool));
    const constraints: PlacementConstraint[] = [];
    if (random() < 0.4) constraints.push({ type: 'distinctInstance' });
    if (random() < 0.4) constraints.push({ type: 'memberOf', expression: pick(['attribute:stack == prod', 'attribute:ecs.availability-zone != c', 'runningTasksCount < 2', 'not(task:group == g)']) });
    const want = 1 + Math.floor(random() * 20);
    const out = placeTasks({ instances, reservation: r, count: want, group: 'g', strategies, constraints, random });
    placedTotal += out.placements.length;
    t.equal(out.placements.length + out.unplaced, want);
    const per = count(out.placements);
    for (const c of instances) {
      const k = per[c.id] ?? 0;
      if (k === 0) continue;
      const before = resourceAmounts(c.remainingResources);
      const ok = c.status === 'ACTIVE' && c.agentConnected && k * r.cpu <= before.cpu && k * r.memory <= before.memory
        && (r.ports.length === 0 || (k === 1 && !r.ports.some((p) => before.ports.includes(String(p)))))
        && (r.portsUdp.length === 0 || (k === 1 && !r.portsUdp.some((p) => before.portsUdp.includes(String(p)))));
      if (!ok) t.fail(`run ${run}: instance ${c.id} oversubscribed or ineligible (${k} tasks)`);
      const after = resourceAmounts(out.remaining.get(c.id));
      if (after.cpu !== before.cpu - k * r.cpu || after.memory !== before.memory - k * r.memory) t.fail(`run ${run}: remaining of ${c.id} is wrong`);
      const groupBefore = c.taskGroups?.g ?? 0;
      for (const con of constraints) {
        if (con.type === 'distinctInstance' && (k > 1 || groupBefore > 0)) t.fail(`run ${run}: distinctInstance broken on ${c.id}`);
        if (con.expression === 'attribute:stack == prod' && !c.attributes!.some((a) => a.name === 'stack' && a.value === 'prod')) t.fail(`run ${run}: memberOf broken on ${c.id}`);
        if (con.expression === 'runningTasksCount < 2' && groupBefore + k > 2) t.fail(`run ${run}: runningTasksCount broken on ${c.id}`);
        if (con.expression === 'not(task:group == g)' && (groupBefore > 0 || k > 1)) t.fail(`run ${run}: anti-affinity broken on ${c.id}`);
      }
    }
    if (out.unplaced > 0) {
      t.equal(out.failures.length, instances.length, 'every instance explained');
      t.equal(out.excluded.reduce((s, b) => s + b.instances, 0), instances.length, 'the counts add up');
    }
  }
  t.ok(placedTotal > 300, `the runs placed tasks (${placedTotal})`);
});

t.test('what the task definition requires: runtimePlatform and requiresAttributes, binding, with ATTRIBUTE', async (t) => {
  const x86 = inst('x86', 1024, 1024, { attributes: attrs({ 'ecs.os-type': 'linux', 'ecs.cpu-architecture': 'x86_64', 'cap.a': undefined, 'cap.v': '2' }) });
  const arm = inst('arm', 1024, 1024, { attributes: attrs({ 'ecs.os-type': 'linux', 'ecs.cpu-architecture': 'arm64' }) });
  const bare = inst('bare', 1024, 1024);
  const base: TaskDefinition = { family: 'f', revision: 1, containerDefinitions: [{ name: 'c', image: 'i' }], requiresAttributes: [] };
  const rows: [string, Partial<TaskDefinition>, string[], [string, string][]][] = [
    ['nothing required: anywhere', {}, ['arm', 'bare', 'x86'], []],
    ['ARM64', { runtimePlatform: { cpuArchitecture: 'ARM64' } }, ['arm'], [['bare', 'runtimePlatform'], ['x86', 'runtimePlatform']]],
    ['X86_64 on LINUX', { runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' } }, ['x86'], [['arm', 'runtimePlatform'], ['bare', 'runtimePlatform']]],
    ['LINUX only', { runtimePlatform: { operatingSystemFamily: 'LINUX' } }, ['arm', 'x86'], [['bare', 'runtimePlatform']]],
    ['a name-only attribute', { requiresAttributes: [{ name: 'cap.a' }] }, ['x86'], [['arm', 'requiresAttributes'], ['bare', 'requiresAttributes']]],
    ['an attribute with a value', { requiresAttributes: [{ name: 'cap.v', value: '3' }] }, [], [['arm', 'requiresAttributes'], ['bare', 'requiresAttributes'], ['x86', 'requiresAttributes']]],
    // Stored before Berth computed requiresAttributes: computed from the features used (a health check).
    ['computed when absent', { requiresAttributes: undefined, containerDefinitions: [{ name: 'c', image: 'i', healthCheck: { command: ['CMD', 'true'] } }] }, [],
      [['arm', 'requiresAttributes'], ['bare', 'requiresAttributes'], ['x86', 'requiresAttributes']]],
  ];
  for (const [name, extra, feasible, excluded] of rows) {
    const td = { ...base, ...extra };
    const per = [x86, arm, bare].map((i) => placeTasks({ instances: [i], reservation: R(0, 0), count: 1, taskDefinition: td }));
    t.same(per.filter((p) => p.placements.length === 1).map((p) => p.placements[0]).sort(), feasible, `${name}: feasible`);
    const all = placeTasks({ instances: [x86, arm, bare], reservation: R(0, 0), count: 4, taskDefinition: td });
    if (feasible.length === 0) {
      t.same(all.failures.map((f) => [f.instanceId, f.reason]).sort(), excluded.map(([id]) => [id, 'ATTRIBUTE']).sort(), `${name}: failures`);
      t.same(all.excluded.map((e) => e.check).sort(), [...new Set(excluded.map(([, c]) => c))].sort(), `${name}: checks`);
    }
    t.equal(taskDefinitionChecks(td).length, new Set(excluded.map(([, c]) => c)).size, `${name}: checks made`);
  }
  const detail = placeTasks({ instances: [x86], reservation: R(0, 0), count: 1, taskDefinition: { ...base, requiresAttributes: [{ name: 'cap.v', value: '3' }] } }).failures[0]!.detail;
  t.equal(detail, 'the container instance has cap.v 2; the task needs the attribute cap.v 3 (requiresAttributes)');
});

// --- sampling (random placement at fleet scale) ----------------------------------------------------------

/** A candidate list that counts the candidates placement asks for. */
function counted(list: PlacementCandidate[]): { view: { length: number; at(i: number): PlacementCandidate | undefined }; asked: Set<number> } {
  const asked = new Set<number>();
  return { asked, view: { length: list.length, at: (i) => (asked.add(i), list[i]) } };
}

t.test('randomOrder draws every index once, in an order the random source decides', async (t) => {
  for (const n of [0, 1, 2, 7, 1000]) {
    const next = randomOrder(n, seeded(n + 1));
    const drawn: number[] = [];
    for (let i = next(); i !== undefined; i = next()) drawn.push(i);
    t.same([...drawn].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i), `${n}: a permutation`);
  }
  const a = randomOrder(1000, seeded(1));
  const b = randomOrder(1000, seeded(2));
  t.not([a(), a(), a()].join(), [b(), b(), b()].join(), 'two seeds, two orders');
});

t.test('random placement over a large fleet looks at about 2·log2 N instances, not all of them', async (t) => {
  const fleet = Array.from({ length: 1000 }, (_, i) => inst(`i${i}`, 4096, 4096));
  t.equal(sampleSize(1000, 10), 20);
  t.equal(sampleSize(1000, 30), 30, 'never fewer than the call places');
  for (const strategies of [undefined, [{ type: 'random' }]] as (PlacementStrategy[] | undefined)[]) {
    const { view, asked } = counted(fleet);
    const out = placeTasks({ instances: view, reservation: R(10, 10), count: 10, random: seeded(9), ...(strategies ? { strategies } : {}) });
    t.equal(out.placements.length, 10);
    t.equal(asked.size, 20, `${strategies ? 'random' : 'no strategy'}: the sample only`);
    t.ok(out.placements.every((id) => asked.has(Number(id.slice(1)))), 'placed within the sample');
    t.same([...out.remaining.keys()].sort(), [...new Set(out.placements)].sort(), 'remaining resources of the instances that took a task');
  }
  const { view, asked } = counted(fleet);
  placeTasks({ instances: view, reservation: R(10, 10), count: 10, strategies: [{ type: 'spread', field: 'instanceId' }] });
  t.equal(asked.size, 1000, 'spread ranks by every instance: no sampling');
  const small = counted(fleet.slice(0, 6));
  placeTasks({ instances: small.view, reservation: R(10, 10), count: 1, random: seeded(4) });
  t.equal(small.asked.size, 6, 'a fleet no larger than the sample (6 of 6: 2·⌈log2 6⌉) is looked at whole');
});

t.test('sampled placement finds the few feasible instances, draws more as they fill, and explains a failure with every instance', async (t) => {
  // Three instances of a thousand fit one task each.
  const fleet = Array.from({ length: 1000 }, (_, i) => inst(`i${i}`, 4096, [17, 503, 998].includes(i) ? 10 : 5));
  const out = placeTasks({ instances: fleet, reservation: R(0, 10), count: 4, random: seeded(3) });
  t.same([...out.placements].sort(), ['i17', 'i503', 'i998'], 'each of the three once');
  t.equal(out.unplaced, 1);
  t.equal(out.failures.length, 1000, 'every instance explained');
  t.same(out.excluded, [{ check: 'resources', reason: 'RESOURCE:MEMORY', instances: 1000 }]);
  t.same([...out.remaining.keys()].sort(), ['i17', 'i503', 'i998']);
});

t.test('sampled random placement is uniform over the feasible instances', async (t) => {
  // 100 instances, every other one feasible: 5,000 single placements land on the 50 feasible ones evenly.
  const fleet = Array.from({ length: 100 }, (_, i) => inst(`i${i}`, 4096, i % 2 === 0 ? 4096 : 1));
  const random = seeded(21);
  const hits = new Map<string, number>();
  for (let k = 0; k < 5000; k++) {
    const [id] = placeTasks({ instances: fleet, reservation: R(0, 10), count: 1, random }).placements;
    hits.set(id!, (hits.get(id!) ?? 0) + 1);
  }
  t.equal(hits.size, 50, 'every feasible instance, and only those');
  t.ok([...hits.keys()].every((id) => Number(id.slice(1)) % 2 === 0));
  // Expected 100 each; a fair pick stays within ±50 with overwhelming probability (and the seed is fixed).
  t.ok(Math.min(...hits.values()) > 50 && Math.max(...hits.values()) < 150, `counts ${Math.min(...hits.values())}..${Math.max(...hits.values())}`);
});
