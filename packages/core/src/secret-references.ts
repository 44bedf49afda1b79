// A task definition's `secrets` and `logConfiguration.secretOptions`, as ECS reads their `valueFrom`:
// a Secrets Manager ARN, full or partial, optionally followed by `:json-key:version-stage:version-id`
// (each part may be empty), or a Parameter Store parameter by ARN or by name. And ECS's texts for a
// secret that could not be resolved (ResourceInitializationError). PURE.
import { BerthError } from './errors.js';
import type { ContainerDefinition } from './model/types.js';

export type SecretReference =
  | { service: 'secretsmanager'; secretId: string; jsonKey?: string; versionStage?: string; versionId?: string }
  | { service: 'ssm'; name: string };

/** Where each value goes: a container's environment variable or one of its log driver's options. */
export interface SecretUse {
  containerName: string;
  target: 'environment' | 'logOptions';
  name: string;
  ref: SecretReference;
  valueFrom: string;
}

const SM_ARN = /^(arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:[^:]+)(?::([^:]*)(?::([^:]*)(?::([^:]*))?)?)?$/;
const SSM_ARN = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/;

export function parseSecretReference(valueFrom: string): SecretReference {
  const sm = SM_ARN.exec(valueFrom);
  if (sm) {
    const [, secretId, jsonKey, versionStage, versionId] = sm;
    return { service: 'secretsmanager', secretId: secretId!, ...(jsonKey ? { jsonKey } : {}), ...(versionStage ? { versionStage } : {}), ...(versionId ? { versionId } : {}) };
  }
  const ssm = SSM_ARN.exec(valueFrom);
  // A parameter ARN names `parameter/a/b` for `/a/b` and `parameter/a` for `a`.
  if (ssm) return { service: 'ssm', name: ssm[1]!.slice(1).includes('/') ? ssm[1]! : ssm[1]!.slice(1) };
  if (valueFrom.startsWith('arn:')) throw new BerthError('ClientException', `The valueFrom ${valueFrom} is neither a Secrets Manager secret nor a Systems Manager parameter ARN.`, 'valueFrom');
  return { service: 'ssm', name: valueFrom };
}

/** Whether a task's containers use any secret (cheap: nothing parsed). */
export const hasSecrets = (containers: readonly ContainerDefinition[]): boolean =>
  containers.some((cd) => (cd.secrets?.length ?? 0) > 0 || (cd.logConfiguration?.secretOptions?.length ?? 0) > 0);

/** Every secret a task's containers use, in order. */
export function secretUses(containers: readonly ContainerDefinition[]): SecretUse[] {
  return containers.flatMap((cd) => [
    ...(cd.secrets ?? []).map((s) => ({ containerName: cd.name!, target: 'environment' as const, name: s.name, valueFrom: s.valueFrom, ref: parseSecretReference(s.valueFrom) })),
    ...(cd.logConfiguration?.secretOptions ?? []).map((s) => ({ containerName: cd.name!, target: 'logOptions' as const, name: s.name, valueFrom: s.valueFrom, ref: parseSecretReference(s.valueFrom) })),
  ]);
}

/** One key of a secret whose value is a JSON object (`:json-key:`), as ECS extracts it (a non-string is its JSON). */
export function jsonKeyOf(value: string, key: string, valueFrom: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    throw new Error(`retrieved secret from Secrets Manager did not contain json key ${key}`);
  }
  if (typeof doc !== 'object' || doc === null || !Object.hasOwn(doc, key)) throw new Error(`retrieved secret from Secrets Manager did not contain json key ${key} (${valueFrom})`);
  const v = (doc as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** ECS's stoppedReason for a task whose secrets could not be resolved. */
export function secretsFailure(service: 'asm' | 'ssm', detail: string): string {
  const what = service === 'asm' ? 'unable to retrieve secret from asm' : 'unable to retrieve secrets from ssm';
  return `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ${what}: ${detail}`;
}
