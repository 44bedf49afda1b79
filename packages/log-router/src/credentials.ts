// Where the router's AWS credentials come from, in the SDKs' order: the environment's static keys, else
// the container credentials endpoint the agent serves for the task's role (a full URI, or ECS's
// 169.254.170.2 with the relative URI), kept until five minutes before they expire.
import { readFileSync } from 'node:fs';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch ms; absent for static keys. */
  expiresAt?: number;
}

export type CredentialSource = () => Promise<AwsCredentials>;

export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): CredentialSource {
  const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token } = env;
  if (id && secret) {
    const creds: AwsCredentials = { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
    return async () => creds;
  }
  const url = env['AWS_CONTAINER_CREDENTIALS_FULL_URI']
    ?? (env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] ? `http://169.254.170.2${env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']}` : undefined);
  if (!url) return async () => { throw new Error('no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run the router in a task with a taskRoleArn'); };
  let cached: AwsCredentials | undefined;
  return async () => {
    if (cached && (cached.expiresAt ?? Infinity) - Date.now() > 5 * 60_000) return cached;
    const tokenFile = env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];
    const auth = tokenFile ? readFileSync(tokenFile, 'utf8').trim() : env['AWS_CONTAINER_AUTHORIZATION_TOKEN'];
    const res = await fetch(url, { headers: auth ? { authorization: auth } : {}, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`the credentials endpoint answered ${res.status}`);
    const body = await res.json() as { AccessKeyId: string; SecretAccessKey: string; Token?: string; Expiration?: string };
    cached = {
      accessKeyId: body.AccessKeyId, secretAccessKey: body.SecretAccessKey,
      ...(body.Token ? { sessionToken: body.Token } : {}), ...(body.Expiration ? { expiresAt: Date.parse(body.Expiration) } : {}),
    };
    return cached;
  };
}
