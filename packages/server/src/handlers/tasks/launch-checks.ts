// RunTask's and StartTask's request checks: everything before any read, so bad input writes nothing.
import {
  CONTAINER_MEMORY_MIN, MAX_PLACEMENT_CONSTRAINTS, TASK_CPU_MAX, TASK_CPU_MIN, checkPlacementConstraints, checkRunnable, checkRunnableOverrides,
  checkPlacementStrategies, checkTags, describeValue, invalid, parseCpu, parseMemory, unsupportedFeature,
  type LaunchType, type RunTaskRequest, type StartTaskRequest, type TaskDefinition,
} from '@berth/core';
import { canonicalHash } from '../../request-hash.js';
import { EBS_VOLUMES, OWN_INSTANCES_ONLY } from '../unbuilt.js';

const STARTED_BY_MAX = 128;
const GROUP_MAX = 255;
const CLIENT_TOKEN = /^[\x21-\x7e]{1,64}$/;

export type LaunchRequest = RunTaskRequest | StartTaskRequest;

/** A rule broken by a container override, in the manner of ECS's "Invalid setting for container ...". */
const forOverride = (name: unknown, rule: string) => `Invalid setting for the override of container ${describeValue(name)}: ${rule}`;

/**
 * The tasks' launch type: EC2 for a capacity provider strategy's (checked against the cluster by core's
 * launchStrategy once the cluster is read), else the request's, EC2 by default.
 */
export function checkLaunchType(req: RunTaskRequest): 'EC2' | 'EXTERNAL' {
  if (req.capacityProviderStrategy !== undefined && req.capacityProviderStrategy.length > 0) {
    if (req.launchType !== undefined) {
      throw invalid('capacityProviderStrategy', 'Specify either Launch Type or Capacity Provider Strategy, but not both.');
    }
    return 'EC2';
  }
  const lt = req.launchType ?? 'EC2';
  if (lt !== 'EC2' && lt !== 'EXTERNAL') throw unsupportedFeature('launchType', OWN_INSTANCES_ONLY, `launchType ${lt}`);
  return lt;
}

/** Strategies and constraints as far as they can be checked without the task definition. */
export function checkPlacementArgs(req: RunTaskRequest): void {
  checkPlacementStrategies('placementStrategy', req.placementStrategy);
  checkPlacementConstraints('placementConstraints', req.placementConstraints);
}

export function checkCommon(req: LaunchRequest): void {
  if (req.startedBy !== undefined && (req.startedBy.length === 0 || req.startedBy.length > STARTED_BY_MAX)) {
    throw invalid('startedBy', `'startedBy' must be 1 to ${STARTED_BY_MAX} characters (${req.startedBy.length} given).`);
  }
  if (req.group !== undefined && (req.group.length === 0 || req.group.length > GROUP_MAX)) {
    throw invalid('group', `'group' must be 1 to ${GROUP_MAX} characters (${req.group.length} given).`);
  }
  if (req.tags !== undefined) checkTags('tags', req.tags);
  if (req.propagateTags === 'SERVICE') {
    throw invalid('propagateTags', "propagateTags SERVICE applies to tasks started by a service; use TASK_DEFINITION or NONE.");
  }
  if (req.volumeConfigurations !== undefined && req.volumeConfigurations.length > 0) throw unsupportedFeature('volumeConfigurations', EBS_VOLUMES);
  const o = req.overrides;
  if (o === undefined) return;
  // What the agent would not apply (core's agent-support table): refused, never accepted and dropped.
  checkRunnableOverrides(o);
  if (o.cpu !== undefined) {
    const cpu = parseCpu(o.cpu, 'overrides.cpu');
    if (cpu < TASK_CPU_MIN || cpu > TASK_CPU_MAX) throw invalid('overrides.cpu', `The task 'cpu' override must be between ${TASK_CPU_MIN} and ${TASK_CPU_MAX} CPU units (${cpu} given).`);
  }
  if (o.memory !== undefined) {
    const mem = parseMemory(o.memory, 'overrides.memory');
    if (mem < CONTAINER_MEMORY_MIN) throw invalid('overrides.memory', `The task 'memory' override must be at least ${CONTAINER_MEMORY_MIN} MiB (${mem} given).`);
  }
  o.containerOverrides?.forEach((c, i) => {
    const f = `overrides.containerOverrides[${i}]`;
    if (c.name === undefined || c.name === '') throw invalid(`${f}.name`, 'A container override needs the name of a container of the task definition.');
    if (c.cpu !== undefined && c.cpu < 0) throw invalid(`${f}.cpu`, forOverride(c.name, `'cpu' must be 0 or more CPU units (${c.cpu} given).`));
    if (c.memory !== undefined && c.memory < CONTAINER_MEMORY_MIN) {
      throw invalid(`${f}.memory`, forOverride(c.name, `'memory' must be at least ${CONTAINER_MEMORY_MIN} MiB (${c.memory} given).`));
    }
    if (c.memoryReservation !== undefined && c.memoryReservation < 1) {
      throw invalid(`${f}.memoryReservation`, forOverride(c.name, `'memoryReservation' must be greater than 0 MiB (${c.memoryReservation} given).`));
    }
  });
}

/** The rules that need the task definition: what Berth runs (awsvpc, EFS...), its constraints, override names and limits. */
export function checkAgainstTaskDefinition(req: LaunchRequest, td: TaskDefinition, launchType: LaunchType): void {
  const name = `${td.family}:${td.revision}`;
  checkRunnable(td);
  if (req.networkConfiguration !== undefined) {
    throw invalid('networkConfiguration', 'Network Configuration is not valid for the given networkMode of this task definition.');
  }
  const tdConstraints = td.placementConstraints ?? [];
  const reqConstraints = 'placementConstraints' in req ? req.placementConstraints ?? [] : [];
  if (tdConstraints.length + reqConstraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    checkPlacementConstraints('placementConstraints', reqConstraints, tdConstraints);
  }
  if (launchType === 'EXTERNAL' && td.compatibilities !== undefined && !td.compatibilities.includes('EXTERNAL')) {
    throw invalid('launchType', 'Task definition does not support launch_type EXTERNAL.');
  }
  const defs = td.containerDefinitions ?? [];
  const o = req.overrides;
  const seen = new Set<string>();
  o?.containerOverrides?.forEach((c, i) => {
    const f = `overrides.containerOverrides[${i}].name`;
    if (!defs.some((d) => d.name === c.name)) throw invalid(f, `The container override names ${describeValue(c.name)}, which is not a container of ${name}.`);
    if (seen.has(c.name!)) throw invalid(f, `The container '${c.name}' is overridden more than once.`);
    seen.add(c.name!);
  });
  const taskMemory = o?.memory !== undefined ? parseMemory(o.memory, 'overrides.memory') : td.memory !== undefined ? parseMemory(td.memory) : undefined;
  for (const d of defs) {
    const i = o?.containerOverrides?.findIndex((c) => c.name === d.name) ?? -1;
    const co = i >= 0 ? o!.containerOverrides![i]! : undefined;
    const memory = co?.memory ?? d.memory;
    const res = co?.memoryReservation ?? d.memoryReservation;
    const f = i >= 0 ? `overrides.containerOverrides[${i}]` : 'overrides';
    if (memory !== undefined && res !== undefined && memory < res) {
      throw invalid(`${f}.memory`, forOverride(d.name!, `'memory' (${memory} MiB) must be greater than or equal to 'memoryReservation' (${res} MiB).`));
    }
    if (taskMemory !== undefined && memory !== undefined && memory > taskMemory) {
      const field = co?.memory !== undefined ? `${f}.memory` : 'overrides.memory';
      throw invalid(field, forOverride(d.name!, `'memory' (${memory} MiB) is greater than the task's memory (${taskMemory} MiB).`));
    }
    if (taskMemory === undefined && memory === undefined && res === undefined) {
      throw invalid('overrides.memory', forOverride(d.name!, "at least one of 'memory' or 'memoryReservation' must be specified, or the task's 'memory'."));
    }
  }
}

export function checkClientToken(token: string): void {
  if (!CLIENT_TOKEN.test(token)) {
    throw invalid('clientToken', "'clientToken' must be 1 to 64 printable ASCII characters without spaces.");
  }
}

/** Canonical JSON (sorted keys) of the request minus clientToken, hashed: what a retry must repeat. */
export function requestHash(req: RunTaskRequest, cluster: string): string {
  const { clientToken: _t, ...rest } = req;
  return canonicalHash({ ...rest, cluster, count: req.count ?? 1 });
}
