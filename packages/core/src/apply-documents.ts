// What `berth apply -f` and `berth diff -f` decide before and after asking the API (issue 20 §2). A document
// is recognised by its members, so files written for `aws ecs ... --cli-input-json` apply unchanged
// (`containerDefinitions`: a task definition; `serviceName`: a service; `clusterName` alone: a cluster), or
// by a `kind:` member; documents are applied clusters first, then task definitions, then services. A task
// definition gets a new revision only when its normalised RegisterTaskDefinition input (ECS's defaults
// filled, tags included) differs from the latest ACTIVE revision's; a service is updated only when a member
// the file gives differs from the service's. PURE.
import { invalid } from './errors.js';
import { SHAPES } from './model/shapes.js';
import type { Tag, TaskDefinition } from './model/types.js';
import { buildTaskDefinition } from './taskdef.js';

export type ApplyKind = 'cluster' | 'taskdef' | 'service';
export const APPLY_ORDER: readonly ApplyKind[] = ['cluster', 'taskdef', 'service'];
/** The request shape each kind's document is. */
export const APPLY_SHAPES: Record<ApplyKind, string> = { cluster: 'CreateClusterRequest', taskdef: 'RegisterTaskDefinitionRequest', service: 'CreateServiceRequest' };

const KIND_NAMES: Record<string, ApplyKind> = {
  cluster: 'cluster', Cluster: 'cluster',
  taskdef: 'taskdef', TaskDefinition: 'taskdef', 'task-definition': 'taskdef',
  service: 'service', Service: 'service',
};

/** A document's kind and its body (without `kind:`); `where` names it in a refusal (`FILE, document 2`). */
export function documentKind(doc: Record<string, unknown>, where: string): { kind: ApplyKind; body: Record<string, unknown> } {
  const { kind: said, ...body } = doc;
  if (said !== undefined) {
    const kind = typeof said === 'string' ? KIND_NAMES[said] : undefined;
    if (!kind) throw invalid('kind', `${where}: kind ${JSON.stringify(said)} is not one berth apply takes (Cluster, TaskDefinition, Service).`);
    return { kind, body };
  }
  if ('containerDefinitions' in body) return { kind: 'taskdef', body };
  if ('serviceName' in body) return { kind: 'service', body };
  if ('clusterName' in body) return { kind: 'cluster', body };
  throw invalid('kind', `${where}: not a cluster, task definition or service (it has none of containerDefinitions, serviceName, clusterName); say which with kind:.`);
}

/** Keys sorted at every level, so two values compare as text. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
}

const sortedTags = (tags: Tag[] | undefined) => [...(tags ?? [])].sort((a, b) => String(a.key).localeCompare(String(b.key)));

/**
 * A task definition as the RegisterTaskDefinition input that makes it, ECS's defaults filled: from a file
 * (RegisterTaskDefinitionRequest) or a registered revision (its TaskDefinition and its tags). Two equal ones
 * register the same revision.
 */
export function registrationInput(td: Record<string, unknown>, tags?: Tag[]): Record<string, unknown> {
  const built = 'taskDefinitionArn' in td ? (td as TaskDefinition) : buildTaskDefinition(td as never, { arn: '', revision: 0, registeredAt: 0 });
  const members = Object.keys((SHAPES.RegisterTaskDefinitionRequest as { members: Record<string, string> }).members).filter((m) => m !== 'tags');
  const out: Record<string, unknown> = {};
  for (const m of members) if ((built as Record<string, unknown>)[m] !== undefined) out[m] = (built as Record<string, unknown>)[m];
  out.tags = sortedTags(tags ?? (td.tags as Tag[] | undefined));
  return canonical(out) as Record<string, unknown>;
}

/** Whether every member `desired` gives has that value in `actual` (objects member by member, lists whole). */
export function givenMembersMatch(desired: unknown, actual: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && desired.length === actual.length && desired.every((d, i) => givenMembersMatch(d, actual[i]));
  }
  if (desired !== null && typeof desired === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(desired).every(([k, v]) => v === undefined || givenMembersMatch(v, (actual as Record<string, unknown>)[k]));
  }
  return desired === actual;
}

/** A unified diff of two texts, line by line (kubectl diff's output, without file headers). */
export function lineDiff(before: string, after: string): string {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // Longest common subsequence, then a walk: small documents, quadratic is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.join('\n') + '\n';
}
