// amazon-ecs-agent's task scale-in protection endpoint, `$ECS_AGENT_URI/task-protection/v1/state`
// (ECS_AGENT_URI is `<metadata listener>/api/<endpoint id>`): GET reads the calling task's protection, PUT
// `{"ProtectionEnabled": bool, "ExpiresInMinutes": n}` sets it. The agent asks the control plane on its
// session; these are the pure parts: the path, the body, and the answer in the agent's JSON shapes
// ({"protection": ...}, {"failure": ...}, {"error": ...}).
import type { TaskProtectionAnswer } from '@berth/core';

/** The endpoint id of a task-protection path, or undefined when the path is not one. */
export function parseTaskProtectionPath(pathname: string): string | undefined {
  return /^\/api\/([A-Za-z0-9-]{1,64})\/task-protection\/v1\/state\/?$/.exec(pathname)?.[1];
}

/** The environment variable naming the agent API a container's own endpoint id serves. */
export const agentUriEnv = (baseUrl: string, endpointId: string) => `ECS_AGENT_URI=${baseUrl}/api/${endpointId}`;

export type ProtectionUpdate = { protectionEnabled: boolean; expiresInMinutes?: number };

/** A PUT's body as the agent takes it, or the error it answers (400). */
export function parseProtectionUpdate(body: string): ProtectionUpdate | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return { error: 'Invalid request: the body is not JSON' };
  }
  const o = v as { ProtectionEnabled?: unknown; ExpiresInMinutes?: unknown };
  if (typeof o !== 'object' || o === null || typeof o.ProtectionEnabled !== 'boolean') return { error: 'Invalid request: ProtectionEnabled is required and must be a boolean' };
  const unknown = Object.keys(o).filter((k) => k !== 'ProtectionEnabled' && k !== 'ExpiresInMinutes');
  if (unknown.length > 0) return { error: `Invalid request: unknown member ${unknown[0]}` };
  if (o.ExpiresInMinutes !== undefined && (typeof o.ExpiresInMinutes !== 'number' || !Number.isInteger(o.ExpiresInMinutes))) {
    return { error: 'Invalid request: ExpiresInMinutes must be an integer' };
  }
  return { protectionEnabled: o.ProtectionEnabled, ...(o.ExpiresInMinutes !== undefined ? { expiresInMinutes: o.ExpiresInMinutes as number } : {}) };
}

/** The control plane's answer as the agent's endpoint gives it: the status and the body. */
export function taskProtectionResponse(a: TaskProtectionAnswer): { status: number; body: unknown } {
  if (a.failure === 'MISSING' || a.failure === 'TASK_NOT_VALID') return { status: 200, body: { failure: { Arn: a.taskArn, Reason: a.failure, Detail: null } } };
  if (a.failure !== undefined) return { status: 400, body: { error: { Arn: a.taskArn, Code: 'InvalidParameterException', Message: a.failure } } };
  return {
    status: 200,
    body: {
      protection: {
        ExpirationDate: a.expirationDate !== undefined ? new Date(a.expirationDate * 1000).toISOString() : null,
        ProtectionEnabled: a.protectionEnabled ?? false,
        TaskArn: a.taskArn,
      },
    },
  };
}
