// What a task definition needs that Berth does not run (yet): refused at RunTask, StartTask, CreateService
// and UpdateService with UnsupportedFeatureException naming the member, never at RegisterTaskDefinition
// (the definition is kept as given). The members and what the agent does with each are one table,
// agent-support.ts; this walks a definition against it. PURE.
import { BerthError, unsupportedSentence } from './errors.js';
import { SHAPES } from './model/shapes.js';
import type { ContainerDefinition, TaskDefinition, TaskOverride } from './model/types.js';
import { TASK_DEFINITION_SUPPORT, memberRefusal } from './agent-support.js';
import { firelensRefusal } from './firelens.js';

/** A member the agent would not apply: its path in the task definition and the sentence saying so. */
export interface MemberRefusal {
  field: string;
  message: string;
}

/** Absent, or nothing to apply: an empty list or an empty string. */
const absent = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Who a path is about, as a message names it: the task definition, a container or a volume by name. */
function subjectOf(td: TaskDefinition, field: string): { subject: string; member: string } {
  const m = /^(containerDefinitions|volumes)\[(\d+)\]\.(.*)$/.exec(field);
  if (!m) return { subject: `The task definition ${td.family}:${td.revision}`, member: field };
  const name = m[1] === 'containerDefinitions' ? td.containerDefinitions?.[Number(m[2])]?.name : td.volumes?.[Number(m[2])]?.name;
  return { subject: `${m[1] === 'containerDefinitions' ? 'Container' : 'Volume'} '${name}' of ${td.family}:${td.revision}`, member: m[3]! };
}

/** The first member of `value` (of model shape `shapeName`, at `path`) that the agent would not apply. */
function firstRefused(shapeName: string, value: unknown, path: string, say: (field: string, member: string, why: string) => string): MemberRefusal | undefined {
  const shape = SHAPES[shapeName];
  if (shape === undefined || absent(value)) return undefined;
  if (shape.type === 'list' && Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const r = firstRefused(shape.member, v, `${path}[${i}]`, say);
      if (r) return r;
    }
    return undefined;
  }
  if (shape.type !== 'structure' || typeof value !== 'object') return undefined;
  const table = TASK_DEFINITION_SUPPORT[shapeName];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (absent(v)) continue;
    const field = path === '' ? k : `${path}.${k}`;
    const support = table?.[k];
    const refusal = memberRefusal(support, v);
    if (refusal) {
      // A member refused for some values only is shown with its value (networkMode awsvpc).
      const shown = typeof support === 'function' ? `${k} ${String(v)}` : k;
      return { field, message: say(field, shown, refusal.refused) };
    }
    const nested = shape.members[k];
    const r = nested === undefined ? undefined : firstRefused(nested, v, field, say);
    if (r) return r;
  }
  return undefined;
}

/** The first member of the definition the agent would not apply, or undefined when it runs all of it. */
export function taskDefinitionRefusal(td: TaskDefinition): MemberRefusal | undefined {
  const r = firstRefused('TaskDefinition', td, '', (field, shown, why) => {
    const { subject, member } = subjectOf(td, field);
    const last = member.lastIndexOf('.');
    const what = last < 0 ? shown : `${member.slice(0, last)}.${shown}`;
    return unsupportedSentence(subject, what, why);
  });
  if (r) return r;
  // FireLens options: what the log router applies depends on the output each names (firelens.ts).
  const f = firelensRefusal(td);
  return f && { field: f.field, message: unsupportedSentence(subjectOf(td, f.field).subject, f.member, f.why) };
}

/** Throws UnsupportedFeatureException naming the first member of the definition the agent would not apply. */
export function checkRunnable(td: TaskDefinition): void {
  const r = taskDefinitionRefusal(td);
  if (r) throw new BerthError('UnsupportedFeatureException', r.message, r.field);
}

/**
 * Throws UnsupportedFeatureException naming the first member of RunTask's or StartTask's overrides the agent
 * would not apply (taskRoleArn, a container's environmentFiles, ...): never accepted and dropped.
 */
export function checkRunnableOverrides(overrides: TaskOverride | undefined): void {
  const r = firstRefused('TaskOverride', overrides, 'overrides', (field, shown, why) => {
    const m = /^overrides\.containerOverrides\[(\d+)\]\.(.*)$/.exec(field);
    if (!m) return unsupportedSentence('The task override', field.slice('overrides.'.length).replace(/[^.]*$/, shown), why);
    const name = overrides?.containerOverrides?.[Number(m[1])]?.name;
    return unsupportedSentence(`The override of container '${name}'`, m[2]!.replace(/[^.]*$/, shown), why);
  });
  if (r) throw new BerthError('UnsupportedFeatureException', r.message, r.field);
}

/**
 * The agent's own check of one container (a task from an older server may still carry what this one
 * refuses): the sentence naming the first member it would not apply, or undefined.
 */
export function containerRefusal(cd: ContainerDefinition): string | undefined {
  return firstRefused('ContainerDefinition', cd, '', (field, shown, why) => {
    const last = field.lastIndexOf('.');
    return unsupportedSentence(`Container '${cd.name}'`, last < 0 ? shown : `${field.slice(0, last)}.${shown}`, why);
  })?.message;
}
