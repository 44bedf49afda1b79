// What the agent reads from a task definition without validating one (taskdef.ts validates, and loads the
// cluster query language and every check with it): task cpu and memory strings, and the role a task acts under.
import { invalid } from './errors.js';
import type { Task, TaskDefinition } from './model/types.js';
import { describeValue } from './validate-shape.js';

const NUM = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const CPU_RE = new RegExp(String.raw`^\s*${NUM}\s*(vcpus?)?\s*$`, 'i');
const MEM_RE = new RegExp(String.raw`^\s*${NUM}\s*(gib|gb|mib|mb)?\s*$`, 'i');

/** Task cpu as ECS accepts it: CPU units ("1024") or vCPUs ("1 vCPU", "0.5 vcpu") -> CPU units. */
export function parseCpu(s: string, field = 'cpu'): number {
  const m = typeof s === 'string' ? CPU_RE.exec(s) : null;
  if (m === null) {
    throw invalid(field, `Invalid 'cpu' value ${describeValue(s)}: give CPU units such as "1024", or vCPUs such as "1 vCPU".`);
  }
  const n = Number(m[1]) * (m[2] !== undefined ? 1024 : 1);
  if (!Number.isInteger(n) || n > 2147483647) throw invalid(field, `Invalid 'cpu' value ${describeValue(s)}: it is not a whole number of CPU units (${n}).`);
  return n;
}

/** Task memory as ECS accepts it: MiB ("2048") or GB ("2GB", "2 GB", "0.5 GB"; GB means GiB) -> MiB. */
export function parseMemory(s: string, field = 'memory'): number {
  const m = typeof s === 'string' ? MEM_RE.exec(s) : null;
  if (m === null) throw invalid(field, `Invalid 'memory' value ${describeValue(s)}: give MiB such as "2048", or GB such as "2 GB".`);
  const unit = m[2]?.toLowerCase();
  const n = Number(m[1]) * (unit === 'gb' || unit === 'gib' ? 1024 : 1);
  if (!Number.isInteger(n) || n > 2147483647) throw invalid(field, `Invalid 'memory' value ${describeValue(s)}: it is not a whole number of MiB (${n}).`);
  return n;
}

/** The role a task acts under for `member` (taskRoleArn: its application; executionRoleArn: the agent's own use): the override, else the definition's. */
export function roleArnOf(task: Pick<Task, 'overrides'>, td: Pick<TaskDefinition, 'taskRoleArn' | 'executionRoleArn'> | undefined, member: 'taskRoleArn' | 'executionRoleArn'): string | undefined {
  return task.overrides?.[member] || td?.[member] || undefined;
}
