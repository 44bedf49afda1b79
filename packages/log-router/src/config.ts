// The router's configuration: Fluent Bit's [OUTPUT] sections as JSON, so the options of a task
// definition's `awsfirelens` logConfiguration (written for aws-for-fluent-bit) pass unchanged, and the
// fields added to every record (as Fluent Bit's record_modifier; the agent adds ECS's task metadata):
//   { "outputs": [ { "Name": "cloudwatch_logs", "Match": "app-firelens-*", "log_group_name": "...", ... } ],
//     "record": { "ecs_cluster": "...", ... } }
// Keys are case-insensitive, as Fluent Bit's are. An output name or an option the router does not know
// is refused, naming it (never accepted and dropped); the names are core's table, which RunTask checks
// too. The agent writes this file for a FireLens task (core's firelensRouterConfig). Pure: parsing only.
import { FIRELENS_OUTPUT_OPTIONS, type FirelensOutputName } from '@berth/core/firelens.js';

export type OutputName = FirelensOutputName;

export interface OutputConfig {
  name: OutputName;
  match: string;
  /** Options with lower-cased keys. */
  options: Record<string, string>;
}

export class ConfigError extends Error {}

export interface RouterConfig {
  outputs: OutputConfig[];
  /** Fields added to every record (a record's own field of the same name wins). */
  record: Record<string, string>;
}

/** The options each output takes (lower case); anything else is refused. */
export const OUTPUT_OPTIONS = FIRELENS_OUTPUT_OPTIONS;

export function parseConfig(text: string): RouterConfig {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`the configuration is not JSON: ${(err as Error).message}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError('the configuration is an object with outputs');
  const { outputs, record = {}, ...rest } = doc as { outputs?: unknown; record?: unknown };
  for (const k of Object.keys(rest)) throw new ConfigError(`${k}: berth-log-router's configuration has outputs and record only`);
  // No outputs is a router that takes nothing out yet (a FireLens task whose containers all log elsewhere).
  if (!Array.isArray(outputs)) throw new ConfigError('outputs: a list of outputs is required');
  if (record === null || typeof record !== 'object' || Array.isArray(record) || Object.values(record).some((v) => typeof v !== 'string')) {
    throw new ConfigError('record: an object of string fields');
  }
  return { outputs: outputs.map((o, i) => parseOutput(o, `outputs[${i}]`)), record: record as Record<string, string> };
}

function parseOutput(o: unknown, where: string): OutputConfig {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new ConfigError(`${where}: an output is an object of options`);
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new ConfigError(`${where}.${k}: an option's value is a string`);
    options[k.toLowerCase()] = String(v);
  }
  const { name, match, ...rest } = options;
  if (name === undefined) throw new ConfigError(`${where}.Name is required`);
  if (!(name in OUTPUT_OPTIONS)) throw new ConfigError(`${where}.Name: the output ${name} is not supported (cloudwatch_logs, syslog or file)`);
  const known = OUTPUT_OPTIONS[name as OutputName];
  for (const k of Object.keys(rest)) if (!known.includes(k)) throw new ConfigError(`${where}.${k}: the ${name} output has no option ${k} that berth-log-router supports`);
  return { name: name as OutputName, match: match ?? '*', options: rest };
}

/** A required option, or ConfigError naming it. */
export function required(c: OutputConfig, key: string): string {
  const v = c.options[key];
  if (v === undefined || v === '') throw new ConfigError(`${c.name}.${key} is required`);
  return v;
}

/** An option that is a whole number in a range, or ConfigError naming it. */
export function integerOption(c: OutputConfig, key: string, fallback: number, min: number, max: number): number {
  const v = c.options[key];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${c.name}.${key}: ${v} is not a whole number from ${min} to ${max}`);
  return n;
}

export function booleanOption(c: OutputConfig, key: string, fallback: boolean): boolean {
  const v = c.options[key]?.toLowerCase();
  if (v === undefined) return fallback;
  if (['true', 'on', 'yes'].includes(v)) return true;
  if (['false', 'off', 'no'].includes(v)) return false;
  throw new ConfigError(`${c.name}.${key}: ${v} is not true or false`);
}
