// Output shapes shared by every command, the same way everywhere (as kubectl's -o): table (columns, kubectl
// style), wide (the table with its extra columns), json, yaml, name (`kind/id` per resource, for scripts and
// xargs), and jsonpath=TEMPLATE (kubectl's dialect, jsonpath.ts) over the very value json prints.
import { stringify } from 'yaml';
import { parseArn, resourceId } from '@berth/core';
import { JsonPathError, parseJsonPath } from './jsonpath.js';

export type Format = 'table' | 'wide' | 'json' | 'yaml' | 'name' | `jsonpath=${string}`;
export const FORMATS = ['table', 'wide', 'json', 'yaml', 'name', 'jsonpath=TEMPLATE'] as const;

/** Checks -o at parse time: a bad jsonpath template is a usage error before any call is made. */
export function parseFormat(text: string): Format {
  if (text.startsWith('jsonpath=')) {
    try {
      parseJsonPath(text.slice('jsonpath='.length));
    } catch (e) {
      if (e instanceof JsonPathError) throw new FormatError(`-o jsonpath: ${e.message}`);
      throw e;
    }
    return text as Format;
  }
  if (!(FORMATS as readonly string[]).includes(text)) throw new FormatError(`-o ${text}: expected one of ${FORMATS.join(', ')}`);
  return text as Format;
}

export class FormatError extends Error {
  override name = 'FormatError';
}

export interface Column<T> {
  header: string;
  get(row: T): string | number | undefined;
  /** Shown only with -o wide. */
  wide?: boolean;
}

/** Plain aligned columns, two spaces apart, upper-case headers (as kubectl prints); `wide` adds the wide columns. */
export function table<T>(rows: T[], columns: Column<T>[], wide = false): string {
  const shown = columns.filter((c) => wide || !c.wide);
  const cells = [shown.map((c) => c.header), ...rows.map((r) => shown.map((c) => String(c.get(r) ?? '<none>')))];
  const widths = shown.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

/** The output of `value` in `format`; `asTable(wide)` draws it for table and wide. */
export function render(format: Format, value: unknown, asTable: (wide: boolean) => string): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  if (format === 'yaml') return stringify(value);
  if (format === 'name') return resourceNames(value).map((n) => `${n}\n`).join('');
  if (format.startsWith('jsonpath=')) return parseJsonPath(format.slice('jsonpath='.length)).print(value);
  return asTable(format === 'wide');
}

/** A describe command's format: its table is the YAML of the object (kubectl's describe reads as much). */
export function describeFormat(format: Format): Format {
  return format === 'table' || format === 'wide' ? 'yaml' : format;
}

/** ECS ARNs' resource types, as the CLI names the kinds. */
const ARN_KINDS: Record<string, string> = {
  task: 'task', service: 'service', 'container-instance': 'instance', 'task-definition': 'taskdef', cluster: 'cluster', 'task-set': 'task-set',
};
/** The members that name a resource, most specific first (a task names its cluster too). */
const ARN_MEMBERS = ['taskArn', 'serviceArn', 'containerInstanceArn', 'taskSetArn', 'taskDefinitionArn', 'clusterArn'];
const NAME_MEMBERS: [string, string][] = [['AccessKeyId', 'access-key'], ['UserName', 'user'], ['PolicyName', 'user-policy'], ['serial', 'certificate'], ['id', 'join-token'], ['Name', 'secret']];

/** `kind/id` of every resource in a value: a list, one object, or an action's answer wrapping them. */
export function resourceNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(resourceNames);
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  for (const m of ARN_MEMBERS) {
    const arn = typeof o[m] === 'string' ? parseArn(o[m] as string) : null;
    if (arn) {
      const kind = ARN_KINDS[arn.resourceType] ?? arn.resourceType;
      return [`${kind}/${arn.resourceType === 'task-definition' ? arn.resource : resourceId(arn.resource)}`];
    }
  }
  for (const [m, kind] of NAME_MEMBERS) if (typeof o[m] === 'string') return [`${kind}/${o[m]}`];
  // An answer wrapping its resources ({tasks, failures}, {service}, {Users}): what it wraps.
  return Object.entries(o).filter(([k]) => k !== 'failures').flatMap(([, v]) => (v !== null && typeof v === 'object' ? resourceNames(v) : []));
}

/** ECS epoch seconds -> ISO time for humans. */
export function time(epochSeconds: number | undefined): string | undefined {
  return epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** IAM's epoch seconds as the AWS CLI prints them (`2026-01-02T03:04:05+00:00`), for IAM's shapes. */
export function awsTime(epochSeconds: number | undefined): string | undefined {
  return epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
