// `berth lint`: a task definition against ECS's best practices (issue 20 §7). Each rule has an id, the field it
// looks at, why it matters and how to fix it; nothing here refuses anything (RegisterTaskDefinition decides
// what is valid), it advises, and `register` and `apply` print the same warnings. PURE.
import type { ContainerDefinition, TaskDefinition } from './model/types.js';

export interface LintWarning {
  rule: LintRule;
  /** The member at fault, as a path (`containerDefinitions[0].image`). */
  field: string;
  message: string;
  /** How to fix it. */
  fix: string;
}

export type LintRule =
  | 'image-tag' | 'memory-limit' | 'health-check' | 'one-process' | 'logs-to-stdout' | 'privileged' | 'host-network' | 'secret-in-environment';

/** Why each rule exists (ECS's best-practice guides), for `berth lint --explain` and the README. */
export const LINT_RULES: Record<LintRule, string> = {
  'image-tag': 'An image without a tag, or tagged latest, changes under a running service: deployments stop being repeatable and a rollback does not roll back. Tag images for versioning.',
  'memory-limit': 'Without a hard memory limit (container or task memory), one container can take the whole machine\'s memory and the kernel kills others.',
  'health-check': 'Without a health check on an essential container, ECS counts a running but broken container as healthy: deployments and the circuit breaker cannot tell.',
  'one-process': 'Several processes in one container (sh -c "a & b", supervisord) hide a crashed one from ECS, which restarts and scales containers, not processes.',
  'logs-to-stdout': 'A container writing its log to a file keeps it out of Docker\'s log, berth logs and any log driver; it fills the container\'s disk.',
  privileged: 'A privileged container has every capability and every device of the host: it is root on the machine.',
  'host-network': 'Host network mode shares the machine\'s network stack: the container\'s ports collide with the host\'s and it sees every interface.',
  'secret-in-environment': 'A secret in plain environment is stored in the task definition, shown by describe, and kept by Docker; ECS injects secrets from Secrets Manager or Parameter Store.',
};

const SECRET_NAME = /PASSWORD|PASSWD|TOKEN|SECRET|(^|_)KEY($|_)|API_?KEY|PRIVATE_?KEY/i;
/** A shell line starting something in the background beside the main process (`&` not part of `&&`, `>&`, `&>`). */
const BACKGROUND = /(^|[^&>])&(?![&>])\s*\S/;
/** Output sent to a file under a log-ish path (`> /var/log/app.log`, `--log-file=/x`, `tee -a x.log`). */
const LOG_FILE = /(>>?\s*|--log-?file[= ]|tee\s+(-a\s+)?)\S*(\/var\/log\/|\.log\b)/;

function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0]!;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(colon + 1) : undefined;
}

function containerWarnings(td: TaskDefinition, c: ContainerDefinition, i: number): LintWarning[] {
  const at = `containerDefinitions[${i}]`;
  const name = c.name ?? `#${i}`;
  const out: LintWarning[] = [];
  const image = c.image ?? '';
  const tag = imageTag(image);
  if (!image.includes('@') && (tag === undefined || tag === 'latest')) {
    out.push({ rule: 'image-tag', field: `${at}.image`, message: `Container '${name}' uses image ${image}${tag === undefined ? ' without a tag (latest)' : ''}.`, fix: 'Use a version tag (app:1.4.2) or a digest (app@sha256:...).' });
  }
  if (c.memory === undefined && td.memory === undefined) {
    out.push({ rule: 'memory-limit', field: `${at}.memory`, message: `Container '${name}' has no hard memory limit${c.memoryReservation !== undefined ? ' (memoryReservation is a soft one)' : ''}.`, fix: 'Set the container\'s memory (MiB), or the task\'s memory.' });
  }
  if (c.essential !== false && c.healthCheck === undefined) {
    out.push({ rule: 'health-check', field: `${at}.healthCheck`, message: `Essential container '${name}' has no health check.`, fix: 'Add a healthCheck (command ["CMD-SHELL", "wget -q -O- localhost:8080/health || exit 1"]).' });
  }
  const line = [...(c.entryPoint ?? []), ...(c.command ?? [])].join(' ');
  if (BACKGROUND.test(line) || /\bsupervisord\b/.test(line)) {
    out.push({ rule: 'one-process', field: `${at}.command`, message: `Container '${name}' starts several processes (${line}).`, fix: 'Run one process per container; put the others in containers of their own in the task (dependsOn orders them).' });
  }
  if (c.logConfiguration === undefined && LOG_FILE.test(line)) {
    out.push({ rule: 'logs-to-stdout', field: `${at}.command`, message: `Container '${name}' writes its log to a file and has no logConfiguration.`, fix: 'Write the log to stdout and stderr (ln -sf /dev/stdout /var/log/app.log), and set a logConfiguration.' });
  }
  if (c.privileged === true) {
    out.push({ rule: 'privileged', field: `${at}.privileged`, message: `Container '${name}' is privileged.`, fix: 'Drop privileged; add only the capabilities it needs (linuxParameters.capabilities.add) or the devices (linuxParameters.devices).' });
  }
  (c.environment ?? []).forEach((e, j) => {
    if (e.name !== undefined && SECRET_NAME.test(e.name)) {
      out.push({ rule: 'secret-in-environment', field: `${at}.environment[${j}]`, message: `Container '${name}' has ${e.name} in plain environment.`, fix: `Store it in Secrets Manager or Parameter Store and name it in secrets ({"name": "${e.name}", "valueFrom": "arn:aws:secretsmanager:..."}).` });
    }
  });
  return out;
}

/** The warnings of a task definition (RegisterTaskDefinition's input or a registered one), in field order. */
export function lintTaskDefinition(td: TaskDefinition): LintWarning[] {
  const out = (td.containerDefinitions ?? []).flatMap((c, i) => containerWarnings(td, c, i));
  if (td.networkMode === 'host') {
    out.push({ rule: 'host-network', field: 'networkMode', message: 'The task uses host network mode.', fix: 'Use bridge mode with portMappings (a hostPort of 0 picks a free one), unless the task must see the host\'s interfaces.' });
  }
  return out;
}
