// A pass reads a group's targets before the rules and after them; a target arrives from the later read but
// leaves (starts draining, or is gone) only if it had left by the earlier one (desired.ts). Pure.
import t from 'tap';
import type { Elbv2 } from '@berth/core';
import { holdLeaving } from '../src/index.js';

const H = (port: number, State: Elbv2.TargetHealthStateEnum = 'healthy'): Elbv2.TargetHealthDescription => ({ Target: { Id: '10.0.0.1', Port: port }, TargetHealth: { State } });

t.test('targets as a pass applies them', async (t) => {
  const cases: [string, Elbv2.TargetHealthDescription[] | undefined, Elbv2.TargetHealthDescription[], Elbv2.TargetHealthDescription[], number][] = [
    ['no earlier read (a group new to the pass): the later read', undefined, [H(1, 'draining'), H(2, 'initial')], [H(1, 'draining'), H(2, 'initial')], 0],
    ['nothing changed', [H(1), H(2, 'unhealthy')], [H(1), H(2, 'unhealthy')], [H(1), H(2, 'unhealthy')], 0],
    ['health moves on from the later read', [H(1, 'initial')], [H(1, 'healthy')], [H(1, 'healthy')], 0],
    ['registered between the reads: it arrives', [H(1)], [H(1), H(2, 'initial')], [H(1), H(2, 'initial')], 0],
    ['deregistered between the reads: it keeps serving this pass', [H(1), H(2)], [H(1, 'draining'), H(2)], [H(1), H(2)], 1],
    ['unhealthy and deregistered between the reads: kept as it was', [H(1, 'unhealthy')], [H(1, 'unhealthy.draining')], [H(1, 'unhealthy')], 1],
    ['gone between the reads (no deregistration delay): kept too', [H(1), H(2)], [H(2)], [H(2), H(1)], 1],
    ['draining already before the rules: it drains', [H(1, 'draining')], [H(1, 'draining')], [H(1, 'draining')], 0],
    ['its drain over: gone', [H(1, 'draining')], [], [], 0],
    ['re-registered while draining: serving again', [H(1, 'draining')], [H(1, 'initial')], [H(1, 'initial')], 0],
    ['a port is a target of its own', [H(1)], [H(1, 'draining'), H(3, 'initial')], [H(1), H(3, 'initial')], 1],
  ];
  for (const [name, before, after, health, held] of cases) t.same(holdLeaving(before, after), { health, held }, name);
});
