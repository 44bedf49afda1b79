// The router's configuration: Fluent Bit's [OUTPUT] sections as JSON, so the options of a task
// definition's `awsfirelens` logConfiguration (written for aws-for-fluent-bit) pass unchanged:
//   { "outputs": [ { "Name": "cloudwatch_logs", "Match": "app-firelens-*", "log_group_name": "...", ... } ] }
// Keys are case-insensitive, as Fluent Bit's are. An output name or an option the router does not know
// is refused, naming it (never accepted and dropped). Pure: parsing only, no I/O.
export type OutputName = 'cloudwatch_logs' | 'syslog' | 'file';

export interface OutputConfig {
  name: OutputName;
  match: string;
  /** Options with lower-cased keys. */
  options: Record<string, string>;
}

export class ConfigError extends Error {}

/** The options each output takes (lower case); anything else is refused. */
export const OUTPUT_OPTIONS: Record<OutputName, readonly string[]> = {
  cloudwatch_logs: ['region', 'log_group_name', 'log_stream_name', 'log_stream_prefix', 'auto_create_group', 'endpoint', 'log_key', 'log_retention_days', 'extra_user_agent'],
  syslog: [
    'host', 'port', 'mode', 'syslog_format', 'syslog_maxsize', 'syslog_message_key',
    'syslog_severity_key', 'syslog_severity_preset', 'syslog_facility_key', 'syslog_facility_preset',
    'syslog_hostname_key', 'syslog_hostname_preset', 'syslog_appname_key', 'syslog_appname_preset',
    'syslog_procid_key', 'syslog_procid_preset', 'syslog_msgid_key', 'syslog_msgid_preset',
  ],
  file: ['path', 'file', 'format', 'mkdir'],
};

export function parseConfig(text: string): OutputConfig[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`the configuration is not JSON: ${(err as Error).message}`);
  }
  const outputs = (doc as { outputs?: unknown })?.outputs;
  if (!Array.isArray(outputs) || outputs.length === 0) throw new ConfigError('outputs: at least one output is required');
  return outputs.map((o, i) => parseOutput(o, `outputs[${i}]`));
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
