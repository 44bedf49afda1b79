// After an agent restart: each container of a saved task is matched to Docker by its saved id, else by
// its saved name (created just before a crash, id never saved), and its known status moved forward to
// what Docker shows. A container without this task's and instance's labels is never adopted.
import { isNotFound, type ContainerState } from '../runtime/runtime.js';
import { ownedBy } from './container-identity.js';
import type { ContainerObservation } from './container-observation.js';
import { errMsg } from './reasons.js';
import type { TaskRun } from './task-run.js';

export async function adoptContainers(run: TaskRun, observation: ContainerObservation, byName: Map<string, string>): Promise<void> {
  const { rec, ctx } = run;
  for (const c of rec.containers) {
    let st: ContainerState | undefined;
    let vanished = false;
    try {
      if (c.dockerId) st = await ctx.runtime.inspect(c.dockerId);
      else {
        const id = byName.get(c.dockerName);
        if (id) st = await ctx.runtime.inspect(id);
      }
    } catch (e) {
      if (isNotFound(e)) vanished = true;
      else ctx.log.warn('cannot inspect container while adopting', { taskArn: rec.taskArn, container: c.name, error: errMsg(e) });
    }
    if (st && !ownedBy(st.labels, ctx.instanceId, rec.taskArn)) {
      // Never ours to touch: forget the id so nothing is ever done to that container.
      ctx.log.warn('container does not carry this task and instance labels; not adopted', { taskArn: rec.taskArn, container: c.name, dockerId: st.id });
      st = undefined;
      if (c.dockerId !== undefined) {
        observation.vanish(c, undefined);
        delete c.dockerId;
      }
    }
    if (st) {
      if (!c.dockerId) ctx.log.info('container found by name', { taskArn: rec.taskArn, container: c.name, dockerId: st.id });
      observation.observe(c, st);
    } else if (vanished) {
      observation.vanish(c, undefined);
    }
  }
  run.touch();
}
