import t from 'tap';
import {
  BerthError, checkTotalResources, fits, giveBack, registeredResourcesOf, remainingAfter, resourceAmounts, subtract,
  taskReservation, type ContainerDefinition, type Reservation, type Resource, type TaskDefinition, type TaskOverride,
} from '../src/index.js';

const td = (containers: ContainerDefinition[], extra: Partial<TaskDefinition> = {}): TaskDefinition => ({
  family: 'f', revision: 1, networkMode: 'bridge', containerDefinitions: containers, ...extra,
});
const c = (name: string, extra: Partial<ContainerDefinition> = {}): ContainerDefinition => ({ name, image: 'busybox', cpu: 0, essential: true, ...extra });

t.test('taskReservation follows the agent\'s ToHostResources', async (t) => {
  const cases: [string, TaskDefinition, TaskOverride | undefined, Reservation][] = [
    ['container sums; memoryReservation preferred over memory',
      td([c('a', { cpu: 100, memory: 256 }), c('b', { cpu: 50, memory: 512, memoryReservation: 128 })]), undefined,
      { cpu: 150, memory: 384, ports: [], portsUdp: [] }],
    ['task-level cpu/memory win over the sums',
      td([c('a', { cpu: 100, memory: 256 })], { cpu: '1024', memory: '2048' }), undefined,
      { cpu: 1024, memory: 2048, ports: [], portsUdp: [] }],
    ['no cpu anywhere is 0', td([c('a', { cpu: undefined, memory: 64 })]), undefined, { cpu: 0, memory: 64, ports: [], portsUdp: [] }],
    ['static host ports by protocol; dynamic ones not counted',
      td([c('a', { memory: 64, portMappings: [
        { containerPort: 80, hostPort: 8080, protocol: 'tcp' },
        { containerPort: 53, hostPort: 5353, protocol: 'udp' },
        { containerPort: 81, hostPort: 0, protocol: 'tcp' },
        { containerPort: 82, protocol: 'tcp' },
      ] }), c('b', { memory: 64, portMappings: [{ containerPort: 9000, hostPort: 9000 }] })]), undefined,
      { cpu: 0, memory: 128, ports: [8080, 9000], portsUdp: [5353] }],
    ['awsvpc reserves no host ports',
      td([c('a', { memory: 64, portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] })], { networkMode: 'awsvpc' }), undefined,
      { cpu: 0, memory: 64, ports: [], portsUdp: [] }],
    ['host mode counts hostPort = containerPort',
      td([c('a', { memory: 64, portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] })], { networkMode: 'host' }), undefined,
      { cpu: 0, memory: 64, ports: [80], portsUdp: [] }],
    ['container overrides apply to the sums',
      td([c('a', { cpu: 100, memory: 256 }), c('b', { cpu: 10, memory: 64 })]),
      { containerOverrides: [{ name: 'a', cpu: 300, memoryReservation: 100 }, { name: 'b', memory: 32 }] },
      { cpu: 310, memory: 132, ports: [], portsUdp: [] }],
    ['task overrides win, in vCPU / GB too',
      td([c('a', { cpu: 100, memory: 256 })], { cpu: '256', memory: '512' }), { cpu: '1 vCPU', memory: '1 GB' },
      { cpu: 1024, memory: 1024, ports: [], portsUdp: [] }],
    ['task override memory over container sums',
      td([c('a', { cpu: 100, memory: 256 })]), { memory: '1000' },
      { cpu: 100, memory: 1000, ports: [], portsUdp: [] }],
  ];
  for (const [name, def, o, want] of cases) t.same(taskReservation(def, o), want, name);
  try {
    taskReservation(td([c('a', { memory: 64 })]), { cpu: 'lots' });
    t.fail('bad override cpu should throw');
  } catch (e) {
    t.equal((e as BerthError).field, 'overrides.cpu');
  }
});

const instanceResources = (cpu: number, memory: number, ports: string[] = ['22'], udp: string[] = []): Resource[] => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ports },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: udp },
];
const R = (cpu: number, memory: number, ports: number[] = [], portsUdp: number[] = []): Reservation => ({ cpu, memory, ports, portsUdp });

t.test('fits names the first resource that is short', async (t) => {
  const rem = instanceResources(1024, 512, ['22', '8080'], ['53']);
  const cases: [Reservation, ReturnType<typeof fits>][] = [
    [R(1024, 512), null],
    [R(1025, 1), 'RESOURCE:CPU'],
    [R(1025, 1000), 'RESOURCE:CPU'],
    [R(0, 513), 'RESOURCE:MEMORY'],
    [R(0, 1, [8080]), 'RESOURCE:PORTS'],
    [R(0, 1, [22]), 'RESOURCE:PORTS'],
    [R(0, 1, [8081]), null],
    [R(0, 1, [53]), null],
    [R(0, 1, [], [53]), 'RESOURCE:PORTS_UDP'],
  ];
  for (const [r, want] of cases) t.equal(fits(rem, r), want, JSON.stringify(r));
  t.equal(fits([], R(0, 0)), null, 'an empty reservation fits anywhere');
  t.equal(fits([], R(1, 0)), 'RESOURCE:CPU', 'missing resources count as 0');
});

t.test('subtract and giveBack are inverse and keep the ECS shape', async (t) => {
  const reg = instanceResources(2048, 1000, ['22', '2375']);
  const r = R(512, 300, [8080, 8081], [5353]);
  const after = subtract(reg, r);
  t.same(resourceAmounts(after), { cpu: 1536, memory: 700, ports: ['22', '2375', '8080', '8081'], portsUdp: ['5353'] });
  t.same(after.map((x) => x.name), ['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP'], 'order kept');
  t.same(after[0], { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 1536 });
  t.equal(after[2]!.type, 'STRINGSET');
  t.same(resourceAmounts(reg).cpu, 2048, 'input not modified');
  const back = giveBack(after, r, reg);
  t.same(resourceAmounts(back), resourceAmounts(reg));
  // Two tasks, one stops.
  const r2 = R(100, 100, [9000]);
  const both = subtract(after, r2);
  t.same(resourceAmounts(giveBack(both, r)), { cpu: 1948, memory: 900, ports: ['22', '2375', '9000'], portsUdp: [] });
  // With the registered list, reserved ports stay and totals are capped.
  const odd = giveBack(instanceResources(2048, 1000, ['22']), R(10, 10, [22]), reg);
  t.same(resourceAmounts(odd), { cpu: 2048, memory: 1000, ports: ['22'], portsUdp: [] });
  t.same(resourceAmounts(giveBack(instanceResources(2048, 1000, ['22']), R(10, 10, [22]))).ports, [], 'without registered the port goes');
  // Other resources ride along.
  const gpu: Resource = { name: 'GPU', type: 'STRINGSET', stringSetValue: ['0'] };
  t.same(subtract([...reg, gpu], r).find((x) => x.name === 'GPU'), gpu);
});

t.test('remainingAfter: registered minus the live reservations', async (t) => {
  const reg = instanceResources(4096, 4000, ['22']);
  t.same(resourceAmounts(remainingAfter(reg, [])), resourceAmounts(reg));
  t.same(resourceAmounts(remainingAfter(reg, [R(1024, 1000, [80]), R(512, 500, [81], [53])])),
    { cpu: 2560, memory: 2500, ports: ['22', '80', '81'], portsUdp: ['53'] });
});

t.test('registeredResourcesOf gives the canonical list', async (t) => {
  const got = registeredResourcesOf({ registeredResources: [{ name: 'MEMORY', type: 'INTEGER', integerValue: 10 }, { name: 'CPU', type: 'INTEGER', integerValue: 20 }] });
  t.same(got.map((r) => r.name), ['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP']);
  t.same(resourceAmounts(got), { cpu: 20, memory: 10, ports: [], portsUdp: [] });
  t.same(registeredResourcesOf({}).length, 4);
});

t.test('checkTotalResources validates RegisterContainerInstance totalResources', async (t) => {
  const ok = checkTotalResources('totalResources', [
    { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
    { name: 'MEMORY', type: 'INTEGER', integerValue: 3800 },
    { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '22'] },
  ]);
  t.same(resourceAmounts(ok), { cpu: 4096, memory: 3800, ports: ['22', '2375'], portsUdp: [] });
  const bad: [Resource[] | undefined, string][] = [
    [undefined, 'totalResources'],
    [[], 'totalResources'],
    [[{ name: 'CPU', type: 'INTEGER', integerValue: 1 }], 'totalResources'],
    [[{ name: 'CPU', type: 'INTEGER', integerValue: -1 }, { name: 'MEMORY', integerValue: 1 }], 'totalResources[0].integerValue'],
    [[{ name: 'CPU', type: 'STRINGSET', integerValue: 1 }, { name: 'MEMORY', integerValue: 1 }], 'totalResources[0].type'],
    [[{ name: 'CPU', type: 'INTEGER' }, { name: 'MEMORY', integerValue: 1 }], 'totalResources[0].integerValue'],
    [[{ name: 'CPU', integerValue: 1 }, { name: 'CPU', integerValue: 1 }], 'totalResources[1].name'],
    [[{ name: 'CPU', integerValue: 1 }, { name: 'MEMORY', integerValue: 1 }, { name: 'PORTS', stringSetValue: ['22', 'ssh'] }], 'totalResources[2].stringSetValue[1]'],
    [[{ name: 'CPU', integerValue: 1 }, { name: 'MEMORY', integerValue: 1 }, { name: 'PORTS_UDP', stringSetValue: ['70000'] }], 'totalResources[2].stringSetValue[0]'],
    [[{ name: 'CPU', integerValue: 1 }, { name: 'MEMORY', integerValue: 1 }, { name: 'PORTS', stringSetValue: Array.from({ length: 101 }, (_, i) => String(i + 1)) }], 'totalResources[2].stringSetValue'],
    [[{ integerValue: 1 }], 'totalResources[0].name'],
  ];
  for (const [list, field] of bad) {
    try {
      checkTotalResources('totalResources', list);
      t.fail(`${JSON.stringify(list)?.slice(0, 80)} should be refused`);
    } catch (e) {
      t.equal((e as BerthError).ecsName, 'InvalidParameterException');
      t.equal((e as BerthError).field, field, field);
      t.notOk((e as BerthError).message.includes(field), `the message does not carry the path: ${(e as BerthError).message}`);
    }
  }
});
