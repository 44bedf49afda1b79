// Links and the implicit ordering they and volumesFrom bring (amazon-ecs-agent's task.go
// initializeContainerOrdering: a volumesFrom source must be CREATED first, a link target STARTED first).
// PURE.
import type { ContainerDefinition, TaskDefinition } from '@berth/core';
import { TaskSpecError } from './task-spec-error.js';

/** `name[:alias]` -> `<docker name of name>:<alias, default name>` (HostConfig.Links; bridge mode only). */
export function dockerLinks(cd: ContainerDefinition, dockerNames: Record<string, string>): string[] | undefined {
  const ls = cd.links ?? [];
  if (!ls.length) return undefined;
  return ls.map((l) => {
    const [target = '', alias] = l.split(':');
    const dn = dockerNames[target];
    if (!dn) throw new TaskSpecError('CannotCreateContainerError', `container '${cd.name}': link '${l}' does not name a container of the task`);
    return `${dn}:${alias || target}`;
  });
}

/** The containers each container needs before it is created or started (link targets, volumesFrom sources). */
export function implicitDependencies(td: TaskDefinition): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const cd of td.containerDefinitions ?? []) {
    const deps = [...(cd.links ?? []).map((l) => l.split(':')[0] ?? ''), ...(cd.volumesFrom ?? []).map((v) => v.sourceContainer ?? '')].filter((d) => d && d !== cd.name);
    out.set(cd.name ?? '', [...new Set(deps)]);
  }
  return out;
}

/**
 * Container names in start order: the task definition's order, except that a container comes after every
 * container it links to or takes volumes from. Throws TaskSpecError on a cycle (ECS refuses those too).
 */
export function startOrder(td: TaskDefinition): string[] {
  const names = (td.containerDefinitions ?? []).map((c) => c.name ?? '');
  const deps = implicitDependencies(td);
  const out: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string, path: string[]): void => {
    const s = state.get(n);
    if (s === 'done') return;
    if (s === 'visiting') throw new TaskSpecError('CannotCreateContainerError', `circular container dependencies (links, volumesFrom): ${[...path, n].join(' -> ')}`);
    state.set(n, 'visiting');
    for (const d of deps.get(n) ?? []) if (names.includes(d)) visit(d, [...path, n]);
    state.set(n, 'done');
    out.push(n);
  };
  for (const n of names) visit(n, []);
  return out;
}
