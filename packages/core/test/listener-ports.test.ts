// Listener ports on load-balancer machines are reserved from placement: a table of instances (serving a
// group or not) and tasks (static host ports or none), and where each may go.
import t from 'tap';
import { DEFAULT_CHECKS, LB_GROUP_ATTRIBUTE, listenerPortsCheck, placeTasks, type PlacementCandidate } from '../src/index.js';

const instance = (id: string, group?: string): PlacementCandidate => ({
  id, arn: `arn:aws:ecs:r:a:container-instance/c/${id}`, status: 'ACTIVE', agentConnected: true,
  remainingResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 }, { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] }],
  ...(group ? { attributes: [{ name: LB_GROUP_ATTRIBUTE, value: group }] } : {}),
});
const listeners = new Map([['edge', new Set([80, 443])], ['inner', new Set([8080])]]);
const checks = [...DEFAULT_CHECKS, listenerPortsCheck(listeners)];

t.test('a task whose host port is a listener port of the group its instance serves goes elsewhere', async (t) => {
  const rows: { name: string; instances: PlacementCandidate[]; ports: number[]; want: string[]; reason?: RegExp }[] = [
    { name: 'port 80 on the edge machine: refused', instances: [instance('lb', 'edge')], ports: [80], want: [], reason: /host port 80\/tcp is a listener port of the load balancers this instance serves \(group edge\)/ },
    { name: 'port 80 goes to the plain instance', instances: [instance('lb', 'edge'), instance('plain')], ports: [80], want: ['plain'] },
    { name: 'port 8080 is free on the edge machine (another group\'s listener)', instances: [instance('lb', 'edge')], ports: [8080], want: ['lb'] },
    { name: 'dynamic host ports only: any instance', instances: [instance('lb', 'edge')], ports: [], want: ['lb'] },
    { name: 'a group with no listeners reserves nothing', instances: [instance('lb', 'quiet')], ports: [80], want: ['lb'] },
  ];
  for (const r of rows) {
    const out = placeTasks({ instances: r.instances, reservation: { cpu: 0, memory: 16, ports: r.ports, portsUdp: [] }, count: 1, checks });
    t.same(out.placements, r.want, r.name);
    if (r.reason) t.match(out.failures[0], { reason: 'RESOURCE:PORTS', detail: r.reason }, `${r.name}: why`);
  }
});
