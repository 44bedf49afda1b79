// RunTask's and StartTask's request checks: everything before any read, so bad input writes nothing.
import {
  CONTAINER_MEMORY_MIN, MAX_PLACEMENT_CONSTRAINTS, TASK_CPU_MAX, TASK_CPU_MIN, checkPlacementConstraints, checkRunnable,
  checkPlacementStrategies, checkTags, invalid, parseCpu, parseMemory,
  type LaunchType, type RunTaskRequest, type StartTaskRequest, type TaskDefinition,
} from '@berth/core';
import { canonicalHash } from '../../request-hash.js';

const STARTED_BY_MAX = 128;
const GROUP_MAX = 255;
const CLIENT_TOKEN = /^[\x21-\x7e]{1,64}$/;

export type LaunchRequest = RunTaskRequest | StartTaskRequest;

export function checkLaunchType(req: RunTaskRequest): 'EC2' | 'EXTERNAL' {
  if (req.capacityProviderStrategy !== undefined && req.capacityProviderStrategy.length > 0) {
    if (req.launchType !== undefined) {
      throw invalid('capacityProviderStrategy', 'capacityProviderStrategy: Specify either Launch Type or Capacity Provider Strategy, but not both.');
    }
    throw invalid('capacityProviderStrategy', 'capacityProviderStrategy: capacity providers are not supported by Berth; use launchType EC2 or EXTERNAL.');
  }
  const lt = req.launchType ?? 'EC2';
  if (lt !== 'EC2' && lt !== 'EXTERNAL') {
    throw invalid('launchType', `launchType: Berth runs EC2 and EXTERNAL tasks on its own container instances; ${lt} is not available.`);
  }
  return lt;
}

/** Strategies and constraints as far as they can be checked without the task definition. */
export function checkPlacementArgs(req: RunTaskRequest): void {
  checkPlacementStrategies('placementStrategy', req.placementStrategy);
  checkPlacementConstraints('placementConstraints', req.placementConstraints);
}

export function checkCommon(req: LaunchRequest): void {
  if (req.startedBy !== undefined && (req.startedBy.length === 0 || req.startedBy.length > STARTED_BY_MAX)) {
    throw invalid('startedBy', `startedBy: must be 1 to ${STARTED_BY_MAX} characters (${req.startedBy.length} given).`);
  }
  if (req.group !== undefined && (req.group.length === 0 || req.group.length > GROUP_MAX)) {
    throw invalid('group', `group: must be 1 to ${GROUP_MAX} characters (${req.group.length} given).`);
  }
  if (req.tags !== undefined) checkTags('tags', req.tags);
  if (req.enableExecuteCommand === true) {
    throw invalid('enableExecuteCommand', 'enableExecuteCommand: ECS Exec is not supported by Berth yet.');
  }
  if (req.propagateTags === 'SERVICE') {
    throw invalid('propagateTags', 'propagateTags: SERVICE applies to tasks started by a service; use TASK_DEFINITION or NONE.');
  }
  if (req.volumeConfigurations !== undefined && req.volumeConfigurations.length > 0) {
    throw invalid('volumeConfigurations', 'volumeConfigurations: Amazon EBS volumes configured at launch are not supported by Berth.');
  }
  const o = req.overrides;
  if (o === undefined) return;
  if (o.cpu !== undefined) {
    const cpu = parseCpu(o.cpu, 'overrides.cpu');
    if (cpu < TASK_CPU_MIN || cpu > TASK_CPU_MAX) throw invalid('overrides.cpu', `overrides.cpu: must be between ${TASK_CPU_MIN} and ${TASK_CPU_MAX} CPU units (${cpu} given).`);
  }
  if (o.memory !== undefined) {
    const mem = parseMemory(o.memory, 'overrides.memory');
    if (mem < CONTAINER_MEMORY_MIN) throw invalid('overrides.memory', `overrides.memory: must be at least ${CONTAINER_MEMORY_MIN} MiB (${mem} given).`);
  }
  if (o.inferenceAcceleratorOverrides !== undefined && o.inferenceAcceleratorOverrides.length > 0) {
    throw invalid('overrides.inferenceAcceleratorOverrides', 'overrides.inferenceAcceleratorOverrides: inference accelerators are not supported by Berth.');
  }
  if (o.ephemeralStorage !== undefined) {
    throw invalid('overrides.ephemeralStorage', 'overrides.ephemeralStorage: applies to Fargate tasks only.');
  }
  o.containerOverrides?.forEach((c, i) => {
    const f = `overrides.containerOverrides[${i}]`;
    if (c.name === undefined || c.name === '') throw invalid(`${f}.name`, `${f}.name: required (the name of a container in the task definition).`);
    if (c.cpu !== undefined && c.cpu < 0) throw invalid(`${f}.cpu`, `${f}.cpu: must be 0 or more CPU units (${c.cpu} given).`);
    if (c.memory !== undefined && c.memory < CONTAINER_MEMORY_MIN) {
      throw invalid(`${f}.memory`, `${f}.memory: must be at least ${CONTAINER_MEMORY_MIN} MiB (${c.memory} given).`);
    }
    if (c.memoryReservation !== undefined && c.memoryReservation < 1) {
      throw invalid(`${f}.memoryReservation`, `${f}.memoryReservation: must be greater than 0 MiB (${c.memoryReservation} given).`);
    }
    if (c.resourceRequirements !== undefined && c.resourceRequirements.length > 0) {
      throw invalid(`${f}.resourceRequirements`, `${f}.resourceRequirements: GPU and accelerator requirements are not supported by Berth.`);
    }
  });
}

/** The rules that need the task definition: what Berth runs (awsvpc, EFS...), its constraints, override names and limits. */
export function checkAgainstTaskDefinition(req: LaunchRequest, td: TaskDefinition, launchType: LaunchType): void {
  const name = `${td.family}:${td.revision}`;
  checkRunnable(td);
  if (req.networkConfiguration !== undefined) {
    throw invalid('networkConfiguration', `networkConfiguration: Network Configuration is not valid for the given networkMode (${td.networkMode}) of this task definition.`);
  }
  const tdConstraints = td.placementConstraints ?? [];
  const reqConstraints = 'placementConstraints' in req ? req.placementConstraints ?? [] : [];
  if (tdConstraints.length + reqConstraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    checkPlacementConstraints('placementConstraints', reqConstraints, tdConstraints);
  }
  if (launchType === 'EXTERNAL' && td.compatibilities !== undefined && !td.compatibilities.includes('EXTERNAL')) {
    throw invalid('launchType', `launchType: ${name} is not compatible with EXTERNAL.`);
  }
  const defs = td.containerDefinitions ?? [];
  const o = req.overrides;
  const seen = new Map<string, number>();
  o?.containerOverrides?.forEach((c, i) => {
    const f = `overrides.containerOverrides[${i}].name`;
    if (!defs.some((d) => d.name === c.name)) throw invalid(f, `${f}: '${c.name}' is not a container of ${name} (${defs.map((d) => d.name).join(', ')}).`);
    const prev = seen.get(c.name!);
    if (prev !== undefined) throw invalid(f, `${f}: '${c.name}' is overridden twice (also overrides.containerOverrides[${prev}]).`);
    seen.set(c.name!, i);
  });
  const taskMemory = o?.memory !== undefined ? parseMemory(o.memory, 'overrides.memory') : td.memory !== undefined ? parseMemory(td.memory) : undefined;
  for (const d of defs) {
    const i = o?.containerOverrides?.findIndex((c) => c.name === d.name) ?? -1;
    const co = i >= 0 ? o!.containerOverrides![i]! : undefined;
    const memory = co?.memory ?? d.memory;
    const res = co?.memoryReservation ?? d.memoryReservation;
    const f = i >= 0 ? `overrides.containerOverrides[${i}]` : 'overrides';
    if (memory !== undefined && res !== undefined && memory < res) {
      throw invalid(`${f}.memory`, `${f}.memory: container '${d.name}' would get memory ${memory} MiB below its memoryReservation ${res} MiB.`);
    }
    if (taskMemory !== undefined && memory !== undefined && memory > taskMemory) {
      const field = co?.memory !== undefined ? `${f}.memory` : 'overrides.memory';
      throw invalid(field, `${field}: container '${d.name}' memory ${memory} MiB exceeds the task memory ${taskMemory} MiB.`);
    }
    if (taskMemory === undefined && memory === undefined && res === undefined) {
      throw invalid('overrides.memory', `overrides.memory: container '${d.name}' would have no memory setting.`);
    }
  }
}

export function checkClientToken(token: string): void {
  if (!CLIENT_TOKEN.test(token)) {
    throw invalid('clientToken', 'clientToken: must be 1 to 64 printable ASCII characters without spaces.');
  }
}

/** Canonical JSON (sorted keys) of the request minus clientToken, hashed: what a retry must repeat. */
export function requestHash(req: RunTaskRequest, cluster: string): string {
  const { clientToken: _t, ...rest } = req;
  return canonicalHash({ ...rest, cluster, count: req.count ?? 1 });
}
