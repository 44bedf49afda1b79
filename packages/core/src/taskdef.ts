// RegisterTaskDefinition: validation (ECS API brief §4.1) and the TaskDefinition ECS stores and returns.
//
// Error classes: the model-level checks (checkShape), names, tags and cpu/memory strings are
// InvalidParameterException. Rules for which real ECS is known to answer ClientException use it, with
// ECS's wording: missing/empty container name or image, more than 10 containers, container memory
// settings against the task, the cpu / memoryReservation sums, host/container port mismatch in
// awsvpc/host mode, links outside bridge mode, hostname in awsvpc mode, secrets without an execution role,
// every Fargate rule, and the 64 KiB size limit. Everything else is InvalidParameterException. Every
// error's `field` is the member path; its message is ECS's sentence alone, naming the container or volume
// it is about ("Invalid setting for container 'web': ..."), never the path.
import { BerthError, clientError, invalid } from './errors.js';
import { SHAPES } from './model/shapes.js';
import { applyListDefaults, applyMemberDefaults } from './defaults.js';
import type {
  Attribute, Compatibility, ContainerDefinition, NetworkMode, PortMapping, RegisterTaskDefinitionRequest,
  Task, TaskDefinition,
} from './model/types.js';
import { NAME_PATTERN, checkName } from './names.js';
import { checkTags } from './tags.js';
import { checkConstraintExpression } from './query.js';
import { checkShape, describeValue } from './validate-shape.js';
import { parseCpu, parseMemory } from './taskdef-reads.js';

export { parseCpu, parseMemory, roleArnOf } from './taskdef-reads.js';

/** InvalidParameterException on `field`. */
const ipe = (field: string, message: string): BerthError => invalid(field, message);
/** ClientException on `field` ('' for the whole request). */
const ce = (field: string, message: string): BerthError => clientError(message, field === '' ? undefined : field);
/** A rule broken by one container, as ECS words its own: "Invalid setting for container 'web': ...". */
const forContainer = (name: string, rule: string) => `Invalid setting for container '${name}': ${rule}`;
/** The same for a volume. */
const forVolume = (name: string, rule: string) => `Invalid setting for volume '${name}': ${rule}`;

// --- limits -------------------------------------------------------------------------------------------

export const MAX_CONTAINERS_PER_TASK_DEFINITION = 10;
/** ECS's limit on the size of a task definition, applied to the request serialised as JSON (UTF-8). */
export const MAX_TASK_DEFINITION_BYTES = 65536;
/** Task-level cpu range (CPU units) on EC2: 0.125 to 192 vCPU. */
export const TASK_CPU_MIN = 128;
export const TASK_CPU_MAX = 196608;
/** Docker 20.10+ refuses a container memory limit below 6 MiB. */
export const CONTAINER_MEMORY_MIN = 6;

const steps = (from: number, to: number, step: number) => {
  const out: number[] = [];
  for (let m = from; m <= to; m += step) out.push(m);
  return out;
};

/** Valid Fargate task sizes: cpu units -> allowed memory values in MiB. */
export const FARGATE_CPU_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

// --- helpers --------------------------------------------------------------------------------------------

/** Deep copy of plain JSON-like data, leaving out null/undefined members (= absent in ECS). */
function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clean(x)) as T;
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && x !== null) out[k] = clean(x);
    }
    return out as T;
  }
  return v;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

const ECR_IMAGE = /^\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//;
/** A private Amazon ECR image (needs ECR auth; public.ecr.aws does not). */
export function isEcrImage(image: string | undefined): boolean {
  return image !== undefined && ECR_IMAGE.test(image);
}

const IMAGE_REPO_CHARS = /^[A-Za-z0-9_\-:./#]+$/;
const IMAGE_DIGEST = /^sha256:[A-Fa-f0-9]{64}$/;
const PORT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

interface Ctx {
  req: RegisterTaskDefinitionRequest;
  /** Network mode in effect: the request's, else bridge (awsvpc for Fargate is never implied when validating). */
  mode: NetworkMode;
  cpu?: number;
  memory?: number;
}

// --- validation -----------------------------------------------------------------------------------------

/**
 * Validates a RegisterTaskDefinition request: the model (checkShape), then ECS's rules (§4.1). Throws the
 * first problem as a BerthError whose `field` is the member path.
 */
export function validateRegisterTaskDefinition(reqIn: RegisterTaskDefinitionRequest): void {
  checkShape('RegisterTaskDefinitionRequest', reqIn);
  const size = utf8Length(JSON.stringify(reqIn));
  if (size > MAX_TASK_DEFINITION_BYTES) {
    throw ce('', `The task definition is too large: ${size} bytes as JSON, the maximum is ${MAX_TASK_DEFINITION_BYTES} bytes (64 KiB).`);
  }
  const req = clean(reqIn);
  checkName('family', req.family);

  const cds = req.containerDefinitions;
  if (cds.length === 0) throw ce('containerDefinitions', 'Container list cannot be empty.');
  if (cds.length > MAX_CONTAINERS_PER_TASK_DEFINITION) {
    throw ce('containerDefinitions', `Too many containers: a task definition can have at most ${MAX_CONTAINERS_PER_TASK_DEFINITION} (${cds.length} given).`);
  }

  const cpu = req.cpu !== undefined ? parseCpu(req.cpu, 'cpu') : undefined;
  const memory = req.memory !== undefined ? parseMemory(req.memory, 'memory') : undefined;
  if (cpu !== undefined && (cpu < TASK_CPU_MIN || cpu > TASK_CPU_MAX)) {
    throw ipe('cpu', `The task 'cpu' must be between ${TASK_CPU_MIN} and ${TASK_CPU_MAX} CPU units, 0.125 to 192 vCPU (${cpu} given).`);
  }
  if (memory !== undefined && memory < CONTAINER_MEMORY_MIN) throw ipe('memory', `The task 'memory' must be at least ${CONTAINER_MEMORY_MIN} MiB (${memory} given).`);
  const ctx: Ctx = { req, mode: req.networkMode ?? 'bridge' };
  if (cpu !== undefined) ctx.cpu = cpu;
  if (memory !== undefined) ctx.memory = memory;

  const volumeNames = checkVolumes(req);

  // Names first: the cross-references below need them all.
  const names = new Map<string, number>();
  cds.forEach((c, i) => {
    const p = `containerDefinitions[${i}]`;
    if (c.name === undefined || c.name === '') throw ce(`${p}.name`, 'Container.name should not be null or empty.');
    checkName(`${p}.name`, c.name, 'The container name');
    if (names.has(c.name)) throw ipe(`${p}.name`, `Duplicate container name '${c.name}': the containers of a task definition need different names.`);
    names.set(c.name, i);
  });
  if (!cds.some((c) => c.essential !== false)) {
    throw ipe('containerDefinitions', 'At least one container of the task definition must be essential (essential defaults to true).');
  }

  const hostPorts = new Map<string, string>();
  const portNames = new Set<string>();
  const gpuDevices = new Set((req.inferenceAccelerators ?? []).map((a) => a.deviceName));
  cds.forEach((c, i) => checkContainer(ctx, c, i, names, volumeNames, hostPorts, portNames, gpuDevices));

  if (cpu !== undefined) {
    const sum = cds.reduce((a, c) => a + (c.cpu ?? 0), 0);
    if (sum > cpu) {
      throw ce('cpu', `The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu' (${sum} > ${cpu}).`);
    }
  }
  if (memory !== undefined) {
    const sum = cds.reduce((a, c) => a + (c.memoryReservation ?? c.memory ?? 0), 0);
    if (sum > memory) {
      throw ce('memory', `The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory' (${sum} > ${memory}; a container without memoryReservation counts its memory).`);
    }
  }
  checkDependencyCycles(cds, names);
  checkFirelens(cds);

  if (req.proxyConfiguration !== undefined && !names.has(req.proxyConfiguration.containerName)) {
    throw ipe('proxyConfiguration.containerName', `The proxy configuration's container ${describeValue(req.proxyConfiguration.containerName)} is not a container of the task definition.`);
  }
  const pcs = req.placementConstraints ?? [];
  if (pcs.length > 10) throw ipe('placementConstraints', `At most 10 placement constraints are allowed in a task definition (${pcs.length} given).`);
  pcs.forEach((pc, i) => {
    const p = `placementConstraints[${i}]`;
    if (pc.type === undefined) throw ipe(`${p}.type`, 'A task definition placement constraint needs a type (memberOf).');
    checkConstraintExpression(`${p}.expression`, pc.expression);
  });
  if (req.ephemeralStorage !== undefined) {
    const g = req.ephemeralStorage.sizeInGiB;
    if (g < 21 || g > 200) throw ipe('ephemeralStorage.sizeInGiB', `The ephemeral storage size must be between 21 and 200 GiB (${g} given).`);
  }
  const inf = new Set<string>();
  req.inferenceAccelerators?.forEach((a, i) => {
    if (inf.has(a.deviceName)) throw ipe(`inferenceAccelerators[${i}].deviceName`, `Duplicate inference accelerator device name ${describeValue(a.deviceName)}.`);
    inf.add(a.deviceName);
  });

  const rc = req.requiresCompatibilities ?? [];
  if (rc.includes('FARGATE')) {
    const e = fargateIssue(ctx);
    if (e !== null) throw e;
  }
  if (rc.includes('EXTERNAL') && ctx.mode === 'awsvpc') {
    throw ce('networkMode', "Task definitions for the EXTERNAL launch type do not support network mode 'awsvpc' (use bridge, host or none).");
  }
  if (req.tags !== undefined) checkTags('tags', req.tags);
}

function checkVolumes(req: RegisterTaskDefinitionRequest): Map<string, number> {
  const names = new Map<string, number>();
  const kinds = ['host', 'dockerVolumeConfiguration', 'efsVolumeConfiguration', 's3filesVolumeConfiguration', 'fsxWindowsFileServerVolumeConfiguration'] as const;
  req.volumes?.forEach((v, i) => {
    const p = `volumes[${i}]`;
    if (v.name === undefined) throw ipe(`${p}.name`, 'Volume.name should not be null or empty.');
    checkName(`${p}.name`, v.name, 'The volume name');
    if (names.has(v.name)) throw ipe(`${p}.name`, `Duplicate volume name '${v.name}': the volumes of a task definition need different names.`);
    names.set(v.name, i);
    const set = kinds.filter((k) => v[k] !== undefined);
    if (set.length > 1) throw ipe(p, forVolume(v.name, `only one of ${kinds.join(', ')} may be set (${set.join(', ')} given).`));
    if (v.configuredAtLaunch === true && set.length > 0) throw ipe(`${p}.${set[0]}`, forVolume(v.name, `'${set[0]}' must be omitted when configuredAtLaunch is true.`));
    const efs = v.efsVolumeConfiguration;
    if (efs !== undefined) {
      const auth = efs.authorizationConfig;
      const needsTls = auth?.iam === 'ENABLED' || auth?.accessPointId !== undefined;
      if (needsTls && efs.transitEncryption !== 'ENABLED') {
        throw ipe(`${p}.efsVolumeConfiguration.transitEncryption`, forVolume(v.name, "'transitEncryption' must be ENABLED when IAM authorization or an access point is used."));
      }
      if (auth?.accessPointId !== undefined && efs.rootDirectory !== undefined && efs.rootDirectory !== '/') {
        throw ipe(`${p}.efsVolumeConfiguration.rootDirectory`, forVolume(v.name, `'rootDirectory' must be omitted or '/' when an access point is used (${describeValue(efs.rootDirectory)} given).`));
      }
      const port = efs.transitEncryptionPort;
      if (port !== undefined && (port < 0 || port > 65535)) throw ipe(`${p}.efsVolumeConfiguration.transitEncryptionPort`, forVolume(v.name, `'transitEncryptionPort' must be between 0 and 65535 (${port} given).`));
    }
  });
  return names;
}

function checkImage(field: string, image: string): void {
  const at = image.indexOf('@');
  const repo = at < 0 ? image : image.slice(0, at);
  if (repo.length > 255) throw ce(field, `Container.image is too long: at most 255 characters before any '@' (${repo.length} given).`);
  if (!IMAGE_REPO_CHARS.test(repo)) throw ce(field, `Container.image contains invalid characters (${describeValue(image)}).`);
  if (at >= 0 && !IMAGE_DIGEST.test(image.slice(at + 1))) {
    throw ce(field, `Container.image has an invalid digest: expected @sha256: followed by 64 hex characters (${describeValue(image)}).`);
  }
}

function checkContainer(
  ctx: Ctx, c: ContainerDefinition, i: number, names: Map<string, number>, volumeNames: Map<string, number>,
  hostPorts: Map<string, string>, portNames: Set<string>, inferenceDevices: Set<string>,
): void {
  const { req, mode } = ctx;
  const cds = req.containerDefinitions;
  const p = `containerDefinitions[${i}]`;
  const name = c.name!;

  if (c.image === undefined || c.image.trim() === '') throw ce(`${p}.image`, 'Container.image should not be null or empty.');
  checkImage(`${p}.image`, c.image);

  if (c.cpu !== undefined && c.cpu < 0) throw ipe(`${p}.cpu`, forContainer(name, `'cpu' must not be negative (${c.cpu} given).`));
  if (c.memory !== undefined && c.memory < CONTAINER_MEMORY_MIN) {
    throw ipe(`${p}.memory`, forContainer(name, `'memory' must be at least ${CONTAINER_MEMORY_MIN} MiB (${c.memory} given).`));
  }
  if (c.memoryReservation !== undefined && c.memoryReservation < 1) {
    throw ipe(`${p}.memoryReservation`, forContainer(name, `'memoryReservation' must be greater than 0 MiB (${c.memoryReservation} given).`));
  }
  if (ctx.memory === undefined && c.memory === undefined && c.memoryReservation === undefined) {
    throw ce(`${p}.memory`, `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
  }
  if (c.memory !== undefined && c.memoryReservation !== undefined && c.memory < c.memoryReservation) {
    throw ipe(`${p}.memory`, forContainer(name, `'memory' must be greater than or equal to 'memoryReservation' (${c.memory} < ${c.memoryReservation}).`));
  }
  if (ctx.memory !== undefined && c.memory !== undefined && c.memory > ctx.memory) {
    throw ce(`${p}.memory`, `The 'memory' setting for container '${name}' is greater than for the task (${c.memory} > ${ctx.memory}).`);
  }
  if (c.startTimeout !== undefined && c.startTimeout < 0) throw ipe(`${p}.startTimeout`, forContainer(name, `'startTimeout' must not be negative (${c.startTimeout} given).`));
  if (c.stopTimeout !== undefined && c.stopTimeout < 0) throw ipe(`${p}.stopTimeout`, forContainer(name, `'stopTimeout' must not be negative (${c.stopTimeout} given).`));

  checkPortMappings(ctx, c, p, hostPorts, portNames);

  if (c.links !== undefined && c.links.length > 0) {
    if (mode !== 'bridge') throw ce(`${p}.links`, `Links are not supported when networkMode=${mode}.`);
    c.links.forEach((l, k) => {
      const parts = l.split(':');
      const target = parts[0]!;
      const alias = parts[1];
      if (parts.length > 2 || (alias !== undefined && !NAME_PATTERN.test(alias))) {
        throw ipe(`${p}.links[${k}]`, forContainer(name, `the link ${describeValue(l)} must be name or name:alias (letters, numbers, hyphens, underscores).`));
      }
      const j = names.get(target);
      if (j === undefined || j === i) throw ipe(`${p}.links[${k}]`, forContainer(name, `the link ${describeValue(l)} does not name another container of the task definition.`));
    });
  }
  if (c.hostname !== undefined && mode === 'awsvpc') throw ce(`${p}.hostname`, 'hostname is not supported on container when networkMode=awsvpc.');
  if (c.extraHosts !== undefined && c.extraHosts.length > 0 && mode === 'awsvpc') {
    throw ipe(`${p}.extraHosts`, 'extraHosts is not supported when networkMode=awsvpc.');
  }

  c.mountPoints?.forEach((m, k) => {
    const mp = `${p}.mountPoints[${k}]`;
    if (m.sourceVolume === undefined || m.sourceVolume === '') throw ipe(`${mp}.sourceVolume`, forContainer(name, 'a mount point needs a sourceVolume.'));
    if (!volumeNames.has(m.sourceVolume)) {
      throw ipe(`${mp}.sourceVolume`, forContainer(name, `the mount point's sourceVolume ${describeValue(m.sourceVolume)} is not a volume of the task definition.`));
    }
    if (m.containerPath === undefined || m.containerPath === '') throw ipe(`${mp}.containerPath`, forContainer(name, 'a mount point needs a containerPath.'));
  });
  c.volumesFrom?.forEach((v, k) => {
    const vp = `${p}.volumesFrom[${k}].sourceContainer`;
    if (v.sourceContainer === undefined || v.sourceContainer === '') throw ipe(vp, forContainer(name, 'volumesFrom needs a sourceContainer.'));
    const j = names.get(v.sourceContainer);
    if (j === undefined || j === i) throw ipe(vp, forContainer(name, `volumesFrom's sourceContainer ${describeValue(v.sourceContainer)} is not another container of the task definition.`));
  });
  c.dependsOn?.forEach((d, k) => {
    const dp = `${p}.dependsOn[${k}]`;
    const j = names.get(d.containerName);
    if (j === undefined || j === i) throw ipe(`${dp}.containerName`, forContainer(name, `dependsOn names ${describeValue(d.containerName)}, which is not another container of the task definition.`));
    const target = cds[j]!;
    if ((d.condition === 'COMPLETE' || d.condition === 'SUCCESS') && target.essential !== false) {
      throw ipe(`${dp}.condition`, forContainer(name, `the dependency condition ${d.condition} cannot target the essential container '${d.containerName}' (only non-essential containers can be waited on to exit).`));
    }
    if (d.condition === 'HEALTHY' && target.healthCheck === undefined) {
      throw ipe(`${dp}.condition`, forContainer(name, `the dependency condition HEALTHY requires container '${d.containerName}' to have a healthCheck.`));
    }
  });

  const hc = c.healthCheck;
  if (hc !== undefined) {
    const hp = `${p}.healthCheck`;
    const cmd = hc.command;
    if (cmd.length === 0) throw ipe(`${hp}.command`, forContainer(name, 'the health check command must not be empty (["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]).'));
    const first = cmd[0];
    if (first !== 'CMD' && first !== 'CMD-SHELL' && first !== 'NONE') {
      throw ipe(`${hp}.command[0]`, forContainer(name, `the health check command must start with CMD, CMD-SHELL or NONE (${describeValue(first)} given).`));
    }
    if (first !== 'NONE' && cmd.length < 2) throw ipe(`${hp}.command`, forContainer(name, `the health check command ${first} must be followed by the command to run.`));
    range(name, `${hp}.interval`, hc.interval, 5, 300, ' seconds');
    range(name, `${hp}.timeout`, hc.timeout, 2, 60, ' seconds');
    range(name, `${hp}.retries`, hc.retries, 1, 10, '');
    range(name, `${hp}.startPeriod`, hc.startPeriod, 0, 300, ' seconds');
  }

  const rp = c.restartPolicy;
  if (rp !== undefined) {
    range(name, `${p}.restartPolicy.restartAttemptPeriod`, rp.restartAttemptPeriod, 60, 1800, ' seconds');
    const codes = rp.ignoredExitCodes ?? [];
    if (codes.length > 50) throw ipe(`${p}.restartPolicy.ignoredExitCodes`, forContainer(name, `at most 50 ignored exit codes are allowed (${codes.length} given).`));
  }
  const envFiles = c.environmentFiles ?? [];
  if (envFiles.length > 10) throw ipe(`${p}.environmentFiles`, forContainer(name, `at most 10 environment files are allowed (${envFiles.length} given).`));

  if (c.secrets !== undefined && c.secrets.length > 0 && req.executionRoleArn === undefined) {
    throw ce(`${p}.secrets`, "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
  }
  const so = c.logConfiguration?.secretOptions;
  if (so !== undefined && so.length > 0 && req.executionRoleArn === undefined) {
    throw ce(`${p}.logConfiguration.secretOptions`, "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.");
  }

  const ulimitNames = new Set<string>();
  c.ulimits?.forEach((u, k) => {
    const up = `${p}.ulimits[${k}]`;
    if (ulimitNames.has(u.name)) throw ipe(`${up}.name`, forContainer(name, `the ulimit '${u.name}' is given more than once.`));
    ulimitNames.add(u.name);
    if (u.softLimit > u.hardLimit) throw ipe(`${up}.softLimit`, forContainer(name, `the ${u.name} ulimit's softLimit must not exceed its hardLimit (${u.softLimit} > ${u.hardLimit}).`));
  });

  const lp = c.linuxParameters;
  if (lp !== undefined) {
    const lpp = `${p}.linuxParameters`;
    range(name, `${lpp}.swappiness`, lp.swappiness, 0, 100, '');
    if (lp.maxSwap !== undefined && lp.maxSwap < 0) throw ipe(`${lpp}.maxSwap`, forContainer(name, `'maxSwap' must be 0 or more MiB (${lp.maxSwap} given).`));
    if (lp.sharedMemorySize !== undefined && lp.sharedMemorySize < 1) throw ipe(`${lpp}.sharedMemorySize`, forContainer(name, `'sharedMemorySize' must be at least 1 MiB (${lp.sharedMemorySize} given).`));
    lp.tmpfs?.forEach((t, k) => {
      if (t.size < 1) throw ipe(`${lpp}.tmpfs[${k}].size`, forContainer(name, `the size of a tmpfs mount must be at least 1 MiB (${t.size} given).`));
    });
  }

  const rtypes = new Set<string>();
  c.resourceRequirements?.forEach((r, k) => {
    const rp2 = `${p}.resourceRequirements[${k}]`;
    if (r.type !== 'InferenceAccelerator' && rtypes.has(r.type)) throw ipe(`${rp2}.type`, forContainer(name, `the resource requirement ${r.type} is given more than once.`));
    rtypes.add(r.type);
    if ((r.type === 'GPU' || r.type === 'NeuronDevice') && !/^[1-9][0-9]{0,4}$/.test(r.value)) {
      throw ipe(`${rp2}.value`, forContainer(name, `the ${r.type} requirement must be a positive whole number of ${r.type === 'GPU' ? 'GPUs' : 'devices'} (${describeValue(r.value)} given).`));
    }
    if (r.type === 'InferenceAccelerator' && !inferenceDevices.has(r.value)) {
      throw ipe(`${rp2}.value`, forContainer(name, `the InferenceAccelerator requirement ${describeValue(r.value)} is not the deviceName of one of the task's inferenceAccelerators.`));
    }
  });
}

/** A container's member within bounds; the message names the member by its name. */
function range(container: string, field: string, v: number | undefined, min: number, max: number, unit: string): void {
  if (v !== undefined && (v < min || v > max)) {
    throw ipe(field, forContainer(container, `'${field.slice(field.lastIndexOf('.') + 1)}' must be between ${min} and ${max}${unit} (${v} given).`));
  }
}

function checkPortMappings(ctx: Ctx, c: ContainerDefinition, p: string, hostPorts: Map<string, string>, portNames: Set<string>): void {
  const list = c.portMappings;
  if (list === undefined || list.length === 0) return;
  const mode = ctx.mode;
  const name = c.name!;
  if (mode === 'none') throw ipe(`${p}.portMappings`, forContainer(name, 'port mappings are not allowed when networkMode=none.'));
  const own: { proto: string; lo: number; hi: number; range: boolean; label: string }[] = [];
  let ranges = 0;
  list.forEach((pm, k) => {
    const mp = `${p}.portMappings[${k}]`;
    const proto = pm.protocol ?? 'tcp';
    let lo: number;
    let hi: number;
    let at: string;
    let label: string;
    const isRange = pm.containerPortRange !== undefined;
    if (isRange) {
      at = `${mp}.containerPortRange`;
      const r = pm.containerPortRange!;
      label = r;
      if (pm.containerPort !== undefined) throw ipe(`${mp}.containerPort`, forContainer(name, "a port mapping with a 'containerPortRange' cannot also have a 'containerPort'."));
      if (pm.hostPort !== undefined) throw ipe(`${mp}.hostPort`, forContainer(name, "a port mapping with a 'containerPortRange' cannot have a 'hostPort' (host ports are assigned dynamically)."));
      if (mode !== 'bridge' && mode !== 'awsvpc') throw ipe(at, forContainer(name, `'containerPortRange' is only supported with networkMode bridge or awsvpc (networkMode=${mode}).`));
      const m = PORT_RANGE.exec(r);
      if (m === null) throw ipe(at, forContainer(name, `the containerPortRange ${describeValue(r)} must be first-last, e.g. "8000-8099".`));
      lo = Number(m[1]);
      hi = Number(m[2]);
      if (lo < 1 || hi > 65535 || lo >= hi) throw ipe(at, forContainer(name, `the containerPortRange ${describeValue(r)} must have ports from 1 to 65535, the first less than the last.`));
      if (++ranges > 100) throw ipe(at, forContainer(name, 'at most 100 port ranges are allowed per container.'));
    } else {
      at = `${mp}.containerPort`;
      if (pm.containerPort === undefined) throw ipe(at, forContainer(name, "a port mapping needs a 'containerPort' or a 'containerPortRange'."));
      const cport = pm.containerPort;
      if (cport < 1 || cport > 65535) throw ipe(at, forContainer(name, `'containerPort' must be between 1 and 65535 (${cport} given).`));
      const hport = pm.hostPort;
      if (hport !== undefined && (hport < 0 || hport > 65535)) throw ipe(`${mp}.hostPort`, forContainer(name, `'hostPort' must be between 0 and 65535 (${hport} given).`));
      if ((mode === 'awsvpc' || mode === 'host') && hport !== undefined && hport !== cport) {
        throw ce(`${mp}.hostPort`, `When networkMode=${mode}, the host ports and container ports in port mappings must match.`);
      }
      lo = hi = cport;
      label = String(cport);
      const fixed = mode === 'awsvpc' || mode === 'host' ? cport : (hport ?? 0);
      if (fixed > 0) {
        const key = `${fixed}/${proto}`;
        const field = hport !== undefined ? `${mp}.hostPort` : at;
        const prev = hostPorts.get(key);
        if (prev !== undefined) throw ipe(field, forContainer(name, `host port ${key} is already used by ${prev === name ? 'another of its port mappings' : `container '${prev}'`}.`));
        hostPorts.set(key, name);
      }
    }
    for (const o of own) {
      if (o.proto === proto && (o.range || isRange) && lo <= o.hi && o.lo <= hi) {
        throw ipe(at, forContainer(name, `its ${proto} port mappings ${o.label} and ${label} overlap.`));
      }
    }
    own.push({ proto, lo, hi, range: isRange, label });
    if (pm.name !== undefined) {
      const np = `${mp}.name`;
      if (!PORT_NAME.test(pm.name)) {
        throw ipe(np, forContainer(name, `the port mapping name ${describeValue(pm.name)} must be 1 to 64 lowercase letters, numbers, underscores and hyphens, not starting with a hyphen.`));
      }
      if (portNames.has(pm.name)) throw ipe(np, forContainer(name, `the port mapping name '${pm.name}' is already used in the task definition.`));
      portNames.add(pm.name);
    }
  });
}

function checkDependencyCycles(cds: ContainerDefinition[], names: Map<string, number>): void {
  const state = new Uint8Array(cds.length); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  const visit = (i: number): void => {
    state[i] = 1;
    stack.push(i);
    for (const d of cds[i]!.dependsOn ?? []) {
      const j = names.get(d.containerName)!;
      if (state[j] === 1) {
        const cycle = stack.slice(stack.indexOf(j)).map((k) => cds[k]!.name).concat(cds[j]!.name);
        throw ipe(`containerDefinitions[${i}].dependsOn`, `The containers' dependsOn form a cycle: ${cycle.join(' -> ')}.`);
      }
      if (state[j] === 0) visit(j);
    }
    stack.pop();
    state[i] = 2;
  };
  for (let i = 0; i < cds.length; i++) if (state[i] === 0) visit(i);
}

function checkFirelens(cds: ContainerDefinition[]): void {
  let router = -1;
  cds.forEach((c, i) => {
    if (c.firelensConfiguration === undefined) return;
    if (router >= 0) {
      throw ipe(`containerDefinitions[${i}].firelensConfiguration`, `Only one container may have a firelensConfiguration ('${cds[router]!.name}' and '${c.name}' do).`);
    }
    router = i;
  });
  cds.forEach((c, i) => {
    if (c.logConfiguration?.logDriver === 'awsfirelens' && router < 0) {
      throw ipe(`containerDefinitions[${i}].logConfiguration.logDriver`, forContainer(c.name!, 'the awsfirelens log driver needs a log router container (one with firelensConfiguration) in the task definition.'));
    }
  });
}

/** Why the definition cannot run on Fargate, or null when it can. */
function fargateIssue(ctx: Ctx): BerthError | null {
  const { req } = ctx;
  if (ctx.mode !== 'awsvpc') return ce('networkMode', "Fargate only supports network mode 'awsvpc'.");
  if (ctx.cpu === undefined) return ce('cpu', "Fargate requires that 'cpu' be defined at the task level.");
  if (ctx.memory === undefined) return ce('memory', "Fargate requires that 'memory' be defined at the task level.");
  const mems = FARGATE_CPU_MEMORY[ctx.cpu];
  if (mems === undefined || !mems.includes(ctx.memory)) {
    return ce(mems === undefined ? 'cpu' : 'memory', `No Fargate configuration exists for given values: ${ctx.cpu} CPU, ${ctx.memory} memory. See the Amazon ECS documentation for the valid values.`);
  }
  if (req.pidMode !== undefined && req.pidMode !== 'task') {
    return ce('pidMode', `Tasks using the Fargate launch type do not support pidMode '${req.pidMode}'. The supported value for pidMode is 'task'.`);
  }
  if (req.ipcMode !== undefined) return ce('ipcMode', 'Tasks using the Fargate launch type do not support ipcMode.');
  const vols = req.volumes ?? [];
  for (let i = 0; i < vols.length; i++) {
    const v = vols[i]!;
    if (v.host?.sourcePath !== undefined) return ce(`volumes[${i}].host.sourcePath`, 'Fargate does not support host volumes with a sourcePath.');
    if (v.dockerVolumeConfiguration !== undefined) return ce(`volumes[${i}].dockerVolumeConfiguration`, 'Fargate does not support Docker volumes (dockerVolumeConfiguration).');
  }
  const cds = req.containerDefinitions;
  for (let i = 0; i < cds.length; i++) {
    const c = cds[i]!;
    const p = `containerDefinitions[${i}]`;
    if (c.privileged === true) return ce(`${p}.privileged`, 'Fargate does not support privileged containers.');
    const lp = c.linuxParameters;
    if (lp !== undefined) {
      if (lp.devices !== undefined && lp.devices.length > 0) return ce(`${p}.linuxParameters.devices`, 'Fargate does not support devices.');
      for (const k of ['sharedMemorySize', 'maxSwap', 'swappiness'] as const) {
        if (lp[k] !== undefined) return ce(`${p}.linuxParameters.${k}`, `Fargate does not support ${k}.`);
      }
      if (lp.tmpfs !== undefined && lp.tmpfs.length > 0) return ce(`${p}.linuxParameters.tmpfs`, 'Fargate does not support tmpfs.');
      const add = lp.capabilities?.add ?? [];
      for (let k = 0; k < add.length; k++) {
        if (add[k] !== 'SYS_PTRACE') return ce(`${p}.linuxParameters.capabilities.add[${k}]`, `Fargate only supports adding the SYS_PTRACE capability (${describeValue(add[k])} given).`);
      }
    }
    const ul = c.ulimits ?? [];
    for (let k = 0; k < ul.length; k++) {
      if (ul[k]!.name !== 'nofile') return ce(`${p}.ulimits[${k}].name`, `Fargate only supports the nofile ulimit ('${ul[k]!.name}' given).`);
    }
    for (const k of ['startTimeout', 'stopTimeout'] as const) {
      const t = c[k];
      if (t !== undefined && (t < 2 || t > 120)) return ce(`${p}.${k}`, `Fargate requires '${k}' to be between 2 and 120 seconds (${t} given for container '${c.name}').`);
    }
    const driver = c.logConfiguration?.logDriver;
    if (driver !== undefined) {
      if (!FARGATE_LOG_DRIVERS.includes(driver)) {
        return ce(`${p}.logConfiguration.logDriver`, `${driver} is not a valid log driver for Fargate. Must be one of [${FARGATE_LOG_DRIVERS.join(',')}].`);
      }
      if (driver === 'awslogs' && req.executionRoleArn === undefined) {
        return ce('executionRoleArn', 'Fargate requires task definition to have execution role ARN to support log driver awslogs.');
      }
    }
    if (isEcrImage(c.image) && req.executionRoleArn === undefined) {
      return ce('executionRoleArn', 'Fargate requires task definition to have execution role ARN to support ECR images.');
    }
    const rr = c.resourceRequirements ?? [];
    for (let k = 0; k < rr.length; k++) {
      if (rr[k]!.type === 'GPU') return ce(`${p}.resourceRequirements[${k}]`, 'Fargate does not support GPUs.');
    }
  }
  return null;
}

// --- building the stored TaskDefinition -------------------------------------------------------------

/** A copy of `o` with its members in the model's order (ECS's response order), unknown ones after. */
function inModelOrder<T extends object>(shapeName: string, o: T): T {
  const s = SHAPES[shapeName];
  if (s === undefined || s.type !== 'structure') return o;
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const m in s.members) if (src[m] !== undefined) out[m] = src[m];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out as T;
}

/** A container as stored: its port mappings' hostPort as ECS fills it in (it depends on the network mode). */
function buildContainer(c: ContainerDefinition, mode: NetworkMode): ContainerDefinition {
  const out: ContainerDefinition = { ...c };
  if (out.portMappings !== undefined) {
    out.portMappings = out.portMappings.map((pm) => {
      const q: PortMapping = { ...pm };
      if (q.hostPort === undefined && q.containerPortRange === undefined && q.containerPort !== undefined) {
        q.hostPort = mode === 'awsvpc' || mode === 'host' ? q.containerPort : 0;
      }
      return inModelOrder('PortMapping', q);
    });
  }
  return inModelOrder('ContainerDefinition', out);
}

const SECRETS_MANAGER = /^arn:[^:]+:secretsmanager:/;

/**
 * The capability attributes a container instance must have to run the definition (ECS's
 * `requiresAttributes`). Berth's approximation of ECS's table, from real DescribeTaskDefinition output and
 * the agent's capability names:
 *   logConfiguration          com.amazonaws.ecs.capability.logging-driver.<driver>, docker-remote-api.1.19
 *   awslogs                   + docker-remote-api.1.21, and ecs.capability.execution-role-awslogs with an execution role
 *   memoryReservation         docker-remote-api.1.21
 *   private ECR image         com.amazonaws.ecs.capability.ecr-auth, + ecs.capability.execution-role-ecr-pull with an execution role
 *   taskRoleArn               com.amazonaws.ecs.capability.task-iam-role (+ task-iam-role-network-host in host mode)
 *   awsvpc                    docker-remote-api.1.18, ecs.capability.task-eni
 *   healthCheck               docker-remote-api.1.24, ecs.capability.container-health-check
 *   dependsOn / start-, stopTimeout   ecs.capability.container-ordering
 *   secrets                   ecs.capability.secrets.asm.environment-variables / secrets.ssm.environment-variables
 *   logConfiguration.secretOptions    ecs.capability.secrets.asm.bootstrap.log-driver / secrets.ssm.bootstrap.log-driver
 *   repositoryCredentials     ecs.capability.private-registry-authentication.secretsmanager
 *   privileged                com.amazonaws.ecs.capability.privileged-container
 *   environmentFiles          ecs.capability.env-files.s3
 *   firelensConfiguration     ecs.capability.firelens.<type> (+ firelens.options.config.<file|s3> for config-file-type)
 *   containerPortRange        ecs.capability.network.container-port-range
 *   restartPolicy.enabled     ecs.capability.container-restart-policy
 *   dockerLabels, ulimits     docker-remote-api.1.18
 *   sharedMemorySize, tmpfs   docker-remote-api.1.22;  initProcessEnabled  docker-remote-api.1.25
 *   EFS volume                ecs.capability.efs (+ ecs.capability.efsAuth with IAM or an access point)
 *   Docker volume             docker-remote-api.1.25 (+ ecs.capability.docker-plugin.<driver> for a non-local driver)
 *   FSx volume                ecs.capability.fsxWindowsFileServer
 *   proxyConfiguration        ecs.capability.aws-appmesh
 */
export function requiredAttributes(td: TaskDefinition | RegisterTaskDefinitionRequest): Attribute[] {
  const set = new Set<string>();
  const legacy = (n: string) => set.add(`com.amazonaws.ecs.capability.${n}`);
  const cap = (n: string) => set.add(`ecs.capability.${n}`);
  const docker = (v: string) => legacy(`docker-remote-api.${v}`);
  const exec = td.executionRoleArn !== undefined;
  const mode = td.networkMode ?? 'bridge';
  const secretSource = (valueFrom: string) => (SECRETS_MANAGER.test(valueFrom) ? 'asm' : 'ssm');

  for (const c of td.containerDefinitions ?? []) {
    const log = c.logConfiguration;
    if (log !== undefined) {
      legacy(`logging-driver.${log.logDriver}`);
      docker('1.19');
      if (log.logDriver === 'awslogs') {
        docker('1.21');
        if (exec) cap('execution-role-awslogs');
      }
      for (const s of log.secretOptions ?? []) cap(`secrets.${secretSource(s.valueFrom)}.bootstrap.log-driver`);
    }
    if (isEcrImage(c.image)) {
      legacy('ecr-auth');
      if (exec) cap('execution-role-ecr-pull');
    }
    if (c.memoryReservation !== undefined) docker('1.21');
    if (c.healthCheck !== undefined) {
      docker('1.24');
      cap('container-health-check');
    }
    if ((c.dependsOn !== undefined && c.dependsOn.length > 0) || c.startTimeout !== undefined || c.stopTimeout !== undefined) {
      cap('container-ordering');
    }
    for (const s of c.secrets ?? []) cap(`secrets.${secretSource(s.valueFrom)}.environment-variables`);
    if (c.repositoryCredentials !== undefined) cap('private-registry-authentication.secretsmanager');
    if (c.privileged === true) legacy('privileged-container');
    if (c.environmentFiles !== undefined && c.environmentFiles.length > 0) cap('env-files.s3');
    const fl = c.firelensConfiguration;
    if (fl !== undefined) {
      cap(`firelens.${fl.type}`);
      const cft = fl.options?.['config-file-type'];
      if (cft === 'file' || cft === 's3') cap(`firelens.options.config.${cft}`);
    }
    if (c.portMappings?.some((pm) => pm.containerPortRange !== undefined)) cap('network.container-port-range');
    if (c.restartPolicy?.enabled === true) cap('container-restart-policy');
    if (c.dockerLabels !== undefined || (c.ulimits !== undefined && c.ulimits.length > 0)) docker('1.18');
    const lp = c.linuxParameters;
    if (lp !== undefined) {
      if (lp.sharedMemorySize !== undefined || (lp.tmpfs !== undefined && lp.tmpfs.length > 0)) docker('1.22');
      if (lp.initProcessEnabled === true) docker('1.25');
    }
  }
  if (td.taskRoleArn !== undefined) {
    legacy('task-iam-role');
    if (mode === 'host') legacy('task-iam-role-network-host');
  }
  if (mode === 'awsvpc') {
    docker('1.18');
    cap('task-eni');
  }
  for (const v of td.volumes ?? []) {
    const efs = v.efsVolumeConfiguration;
    if (efs !== undefined) {
      cap('efs');
      if (efs.authorizationConfig?.iam === 'ENABLED' || efs.authorizationConfig?.accessPointId !== undefined) cap('efsAuth');
    }
    const dv = v.dockerVolumeConfiguration;
    if (dv !== undefined) {
      docker('1.25');
      if (dv.driver !== undefined && dv.driver !== 'local') cap(`docker-plugin.${dv.driver}`);
    }
    if (v.fsxWindowsFileServerVolumeConfiguration !== undefined) cap('fsxWindowsFileServer');
  }
  if (td.proxyConfiguration !== undefined) cap('aws-appmesh');
  return [...set].map((name) => ({ name }));
}

/**
 * The launch types a (valid) definition can run on, ECS's `compatibilities`:
 *   EXTERNAL  unless networkMode is awsvpc (ECS Anywhere has no awsvpc);
 *   EC2       always;
 *   FARGATE   when the definition passes every Fargate rule (awsvpc, a valid task cpu/memory pair, no
 *             privileged/devices/Docker volumes/...), whether or not FARGATE was required;
 *   MANAGED_INSTANCES  only when requested in requiresCompatibilities.
 * Real ECS answers ["EXTERNAL","EC2"] for a plain bridge definition and ["EC2","FARGATE"] for a Fargate one.
 */
function compatibilities(ctx: Ctx): Compatibility[] {
  const out: Compatibility[] = [];
  if (ctx.mode !== 'awsvpc') out.push('EXTERNAL');
  out.push('EC2');
  if (fargateIssue(ctx) === null) out.push('FARGATE');
  if (ctx.req.requiresCompatibilities?.includes('MANAGED_INSTANCES')) out.push('MANAGED_INSTANCES');
  return out;
}

/**
 * The TaskDefinition ECS stores and returns for a validated request: every request member except `tags`
 * (null members dropped), plus taskDefinitionArn, revision, status ACTIVE, registeredAt, registeredBy,
 * compatibilities, requiresAttributes; task cpu/memory as integer strings ("1 vCPU" -> "1024",
 * "2 GB" -> "2048"); networkMode defaulted (bridge, awsvpc when FARGATE is required); port mappings'
 * hostPort = containerPort (awsvpc/host) or 0 (bridge, dynamic) when absent; ECS_MEMBER_DEFAULTS (a
 * container's essential and cpu, a port mapping's protocol, health check timings, EFS settings, ...) and
 * the ECS_LIST_DEFAULTS empty lists. The request is not modified; the result shares nothing with it.
 */
export function buildTaskDefinition(
  reqIn: RegisterTaskDefinitionRequest,
  meta: { arn: string; revision: number; registeredAt: number; registeredBy?: string },
): TaskDefinition {
  const req = applyMemberDefaults('RegisterTaskDefinitionRequest', clean(reqIn));
  const { tags: _tags, ...rest } = req;
  const networkMode: NetworkMode = req.networkMode ?? (req.requiresCompatibilities?.includes('FARGATE') ? 'awsvpc' : 'bridge');
  const ctx: Ctx = { req, mode: networkMode };
  const fields: Record<string, unknown> = { ...rest };
  if (req.cpu !== undefined) fields['cpu'] = String((ctx.cpu = parseCpu(req.cpu, 'cpu')));
  if (req.memory !== undefined) fields['memory'] = String((ctx.memory = parseMemory(req.memory, 'memory')));
  const containerDefinitions = req.containerDefinitions.map((c) => buildContainer(c, networkMode));
  Object.assign(fields, {
    taskDefinitionArn: meta.arn,
    containerDefinitions,
    networkMode,
    revision: meta.revision,
    status: 'ACTIVE',
    compatibilities: compatibilities(ctx),
    registeredAt: meta.registeredAt,
  });
  if (meta.registeredBy !== undefined) fields['registeredBy'] = meta.registeredBy;
  fields['requiresAttributes'] = requiredAttributes(fields as TaskDefinition);
  return applyListDefaults('TaskDefinition', inModelOrder('TaskDefinition', fields) as TaskDefinition);
}
