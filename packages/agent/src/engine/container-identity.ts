// How a container is named and labelled as a task's container of this agent: the ECS labels, Berth's
// instance label (the agent adopts, stops and removes only containers carrying its own), and ECS's Docker
// name form. PURE.
import { randomBytes } from 'node:crypto';
import type { Task, TaskDefinition } from '@berth/core';

/** Berth's label: the container instance id of the agent that owns the container. */
export const INSTANCE_LABEL = 'com.berth.container-instance';
export const LABEL_TASK_ARN = 'com.amazonaws.ecs.task-arn';
export const LABEL_CONTAINER_NAME = 'com.amazonaws.ecs.container-name';
export const LABEL_TASK_FAMILY = 'com.amazonaws.ecs.task-definition-family';
export const LABEL_TASK_VERSION = 'com.amazonaws.ecs.task-definition-version';
export const LABEL_CLUSTER = 'com.amazonaws.ecs.cluster';

export interface LabelInput {
  task: Task;
  taskDefinition: TaskDefinition;
  /** The container's name in the task definition. */
  containerName: string;
  cluster: string;
  instanceId: string;
}

/** The container's own dockerLabels, then the ECS labels and the instance label (which win). */
export function ecsLabels(input: LabelInput, dockerLabels?: Record<string, string>): Record<string, string> {
  return {
    ...(dockerLabels ?? {}),
    [LABEL_TASK_ARN]: input.task.taskArn ?? '',
    [LABEL_CONTAINER_NAME]: input.containerName,
    [LABEL_TASK_FAMILY]: input.taskDefinition.family ?? '',
    [LABEL_TASK_VERSION]: String(input.taskDefinition.revision ?? ''),
    [LABEL_CLUSTER]: input.cluster,
    [INSTANCE_LABEL]: input.instanceId,
  };
}

/** True when the labels name this instance and this task: the container is ours to touch. */
export const ownedBy = (labels: Record<string, string>, instanceId: string, taskArn: string): boolean =>
  labels[INSTANCE_LABEL] === instanceId && labels[LABEL_TASK_ARN] === taskArn;

/** 20 hex characters, as ECS's RandHex (10 random bytes). */
export function randHex(): string {
  return randomBytes(10).toString('hex');
}

/** `ecs-<family>-<revision>-<container name without [^A-Za-z0-9-]>-<20 hex>`. */
export function dockerContainerName(family: string, revision: number | string, containerName: string, hex: string = randHex()): string {
  return `ecs-${family}-${revision}-${containerName.replace(/[^A-Za-z0-9-]/g, '')}-${hex}`;
}
