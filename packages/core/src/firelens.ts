// FireLens as ECS runs it, for berth-log-router: the task's log router is its container with
// firelensConfiguration; each container logging with `awsfirelens` adds one output to the router's
// configuration, its options written in Fluent Bit's names (as for aws-for-fluent-bit) and matched to that
// container's lines by tag (`NAME-firelens-TASKID`, as ECS tags them). The names each output takes are one
// table, shared by the router (which refuses anything else when it starts) and RunTask (which refuses it
// first, naming it). With `enable-ecs-log-metadata` (ECS's default: true) every record carries the task's
// ecs_cluster, ecs_task_arn and ecs_task_definition, as ECS's generated configuration adds them. PURE.
import type { ContainerDefinition, TaskDefinition } from './model/types.js';

/** Where the agent mounts the router's configuration and its socket's directory, inside the router's container (ECS's socket is /var/run/fluent.sock too). */
export const FIRELENS_CONFIG_DIR = '/etc/berth-log-router';
export const FIRELENS_CONFIG_FILE = 'config.json';
export const FIRELENS_SOCKET_DIR = '/var/run';
export const FIRELENS_SOCKET = 'fluent.sock';

export type FirelensOutputName = 'cloudwatch_logs' | 'syslog' | 'file';

/** The options each of the router's outputs takes, by Fluent Bit's names (lower case; keys are case-insensitive). */
export const FIRELENS_OUTPUT_OPTIONS: Record<FirelensOutputName, readonly string[]> = {
  cloudwatch_logs: ['region', 'log_group_name', 'log_stream_name', 'log_stream_prefix', 'auto_create_group', 'endpoint', 'log_key', 'log_retention_days', 'extra_user_agent'],
  syslog: [
    'host', 'port', 'mode', 'syslog_format', 'syslog_maxsize', 'syslog_message_key',
    'syslog_severity_key', 'syslog_severity_preset', 'syslog_facility_key', 'syslog_facility_preset',
    'syslog_hostname_key', 'syslog_hostname_preset', 'syslog_appname_key', 'syslog_appname_preset',
    'syslog_procid_key', 'syslog_procid_preset', 'syslog_msgid_key', 'syslog_msgid_preset',
  ],
  file: ['path', 'file', 'format', 'mkdir'],
};

/** Options of an `awsfirelens` logConfiguration that ECS's agent reads itself rather than passing to the output. */
export const FIRELENS_DRIVER_OPTIONS = {
  /** Docker's fluentd-buffer-limit for the container's driver. */
  bufferLimit: 'log-driver-buffer-limit',
} as const;

/** firelensConfiguration.options ECS defines, and whether the router applies each. */
const ROUTER_OPTIONS: Record<string, string | undefined> = {
  'enable-ecs-log-metadata': undefined,
  'config-file-type': 'berth-log-router takes its configuration from the awsfirelens containers\' options only; a configuration file of its own (file or s3) is not read.',
  'config-file-value': 'berth-log-router takes its configuration from the awsfirelens containers\' options only; a configuration file of its own (file or s3) is not read.',
};

/** The task's log router: the container with firelensConfiguration (ECS allows one). */
export function firelensRouter(td: TaskDefinition): ContainerDefinition | undefined {
  return (td.containerDefinitions ?? []).find((c) => c.firelensConfiguration !== undefined && c.firelensConfiguration !== null);
}

/** Whether a container logs through the task's router. */
export const logsToFirelens = (cd: ContainerDefinition): boolean => cd.logConfiguration?.logDriver === 'awsfirelens';

/** The tag Docker gives a container's lines, as ECS sets it: NAME-firelens-TASKID. */
export const firelensTag = (containerName: string, taskId: string): string => `${containerName}-firelens-${taskId}`;

/** A FireLens member the router cannot apply: its path and why. */
export interface FirelensRefusal {
  field: string;
  member: string;
  why: string;
  container: string;
}

/** The output an `awsfirelens` container's options describe, or why not (keys lower-cased). */
function outputOf(cd: ContainerDefinition, type: string): { name: FirelensOutputName; options: Record<string, string> } | { key: string; why: string } {
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(cd.logConfiguration?.options ?? {})) options[k.toLowerCase()] = v;
  // Fluentd's configuration names its plugin @type; Fluent Bit's, Name.
  const nameKey = type === 'fluentd' && options['@type'] !== undefined ? '@type' : 'name';
  const { [nameKey]: name, [FIRELENS_DRIVER_OPTIONS.bufferLimit]: _limit, ...rest } = options;
  if (name === undefined) return { key: 'Name', why: 'an awsfirelens logConfiguration names its output (Name cloudwatch_logs, syslog or file).' };
  if (!Object.hasOwn(FIRELENS_OUTPUT_OPTIONS, name)) return { key: `Name ${name}`, why: 'berth-log-router\'s outputs are cloudwatch_logs, syslog and file.' };
  const known = FIRELENS_OUTPUT_OPTIONS[name as FirelensOutputName];
  for (const k of Object.keys(rest)) {
    if (k === 'match') return { key: k, why: 'the agent matches each container\'s output to that container\'s own lines.' };
    if (k === 'include-pattern' || k === 'exclude-pattern') return { key: k, why: 'berth-log-router has no filters.' };
    if (!known.includes(k)) return { key: k, why: `berth-log-router's ${name} output has no option ${k}.` };
  }
  return { name: name as FirelensOutputName, options: rest };
}

/** The first FireLens member of the definition the router would not apply (undefined: it applies all). */
export function firelensRefusal(td: TaskDefinition): FirelensRefusal | undefined {
  const cds = td.containerDefinitions ?? [];
  const router = firelensRouter(td);
  for (const [i, cd] of cds.entries()) {
    const name = cd.name ?? '';
    if (cd === router) {
      for (const k of Object.keys(cd.firelensConfiguration?.options ?? {})) {
        if (!Object.hasOwn(ROUTER_OPTIONS, k)) return { field: `containerDefinitions[${i}].firelensConfiguration.options`, member: `firelensConfiguration.options ${k}`, why: 'it is not one of ECS\'s FireLens options (enable-ecs-log-metadata, config-file-type, config-file-value).', container: name };
        const why = ROUTER_OPTIONS[k];
        if (why !== undefined) return { field: `containerDefinitions[${i}].firelensConfiguration.options`, member: `firelensConfiguration.options ${k}`, why, container: name };
      }
      if (logsToFirelens(cd)) return { field: `containerDefinitions[${i}].logConfiguration.logDriver`, member: 'logConfiguration.logDriver awsfirelens', why: 'the log router cannot send its own output to itself; give it awslogs or json-file.', container: name };
      continue;
    }
    if (!logsToFirelens(cd) || router === undefined) continue;
    const o = outputOf(cd, router.firelensConfiguration!.type);
    if ('key' in o) return { field: `containerDefinitions[${i}].logConfiguration.options`, member: `logConfiguration.options ${o.key}`, why: o.why, container: name };
  }
  return undefined;
}

/** What the router reads: Fluent Bit's [OUTPUT] sections as JSON, and the fields added to every record. */
export interface FirelensRouterConfig {
  outputs: Record<string, string>[];
  record?: Record<string, string>;
}

/**
 * The router's configuration for a task: one output per `awsfirelens` container, matching its tag, and
 * ECS's metadata fields unless firelensConfiguration.options says enable-ecs-log-metadata false. Call
 * after firelensRefusal found nothing (a refused member throws here too, naming it).
 */
export function firelensRouterConfig(td: TaskDefinition, at: { cluster: string; taskArn: string }): FirelensRouterConfig {
  const refusal = firelensRefusal(td);
  if (refusal) throw new Error(`container '${refusal.container}': ${refusal.member}: ${refusal.why}`);
  const router = firelensRouter(td);
  if (!router) return { outputs: [] };
  const outputs: Record<string, string>[] = [];
  for (const cd of td.containerDefinitions ?? []) {
    if (cd === router || !logsToFirelens(cd)) continue;
    const o = outputOf(cd, router.firelensConfiguration!.type) as { name: FirelensOutputName; options: Record<string, string> };
    outputs.push({ Name: o.name, Match: firelensTag(cd.name ?? '', '*'), ...o.options });
  }
  const metadata = (router.firelensConfiguration?.options?.['enable-ecs-log-metadata'] ?? 'true').toLowerCase() !== 'false';
  return {
    outputs,
    ...(metadata ? { record: { ecs_cluster: at.cluster, ecs_task_arn: at.taskArn, ecs_task_definition: `${td.family}:${td.revision}` } } : {}),
  };
}
