// Listener ports on load-balancer machines are not task ports (issue 24 §2): a container instance that
// also serves a group of load balancers (its agent's BERTH_LB_GROUP, attribute berth.lb-group) takes no
// task whose static host ports are listener ports of that group, since berth-lb's HAProxy binds them
// there. A placement feasibility check; the listener ports come in by group. Pure.
import type { FeasibilityCheck } from '../placement.js';

/** The container instance attribute that names the load-balancer group its machine serves (berth-lb --group). */
export const LB_GROUP_ATTRIBUTE = 'berth.lb-group';

export function listenerPortsCheck(portsByGroup: ReadonlyMap<string, ReadonlySet<number>>): FeasibilityCheck {
  return {
    name: 'listenerPorts',
    dynamic: false,
    check: (s, r) => {
      const group = s.attributes.get(LB_GROUP_ATTRIBUTE);
      const taken = group === undefined ? undefined : portsByGroup.get(group);
      const p = taken && r.ports.find((x) => taken.has(x));
      return p === undefined ? null : { reason: 'RESOURCE:PORTS', detail: `host port ${p}/tcp is a listener port of the load balancers this instance serves (group ${group})` };
    },
  };
}
