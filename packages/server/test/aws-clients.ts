// Real AWS clients for the AWS listener's tests: Debian's AWS CLI (by path: another `aws` may be first on
// PATH) with a clean environment and no user config, and raw requests signed as the CLI signs them (core's
// signer, which the CLI and SDK tests check against the real clients); the pinned SDK where the CLI lacks a member.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAM_API, computeSignature, type Iam } from '@berth/core';
import type { BerthClient } from '@berth/api';
import { ApplicationAutoScalingClient, PutScalingPolicyCommand, type PutScalingPolicyCommandInput } from '@aws-sdk/client-application-auto-scaling';

export const AWS = '/usr/bin/aws';

export interface Creds { id: string; secret: string }
export interface CliResult { code: number; stdout: string; stderr: string; json?: any }

const home = mkdtempSync(join(tmpdir(), 'berth-aws-home-'));
process.once('exit', () => rmSync(home, { recursive: true, force: true }));

/** The environment every AWS client of the tests gets: no credentials or regions from elsewhere. */
export function awsEnv(as: Creds): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: as.id,
    AWS_SECRET_ACCESS_KEY: as.secret,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs `aws SERVICE ARGS` against `url` as `as`, JSON output parsed. */
export function awsCli(as: Creds, url: string, service: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(AWS, [service, ...args, '--endpoint-url', url, '--output', 'json'], { env: awsEnv(as), timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      let json: unknown;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { /* not JSON */ }
      resolve({ code, stdout, stderr, json });
    });
  });
}

/**
 * PutScalingPolicy through the pinned @aws-sdk/client-application-auto-scaling (Debian's CLI predates
 * CustomizedMetricSpecification.Metrics): the answer, or the error's name and message.
 */
export async function putScalingPolicySdk(as: Creds, url: string, req: PutScalingPolicyCommandInput): Promise<{ PolicyARN?: string; error?: { name: string; message: string } }> {
  const sdk = new ApplicationAutoScalingClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: as.id, secretAccessKey: as.secret }, maxAttempts: 1 });
  try {
    return { PolicyARN: (await sdk.send(new PutScalingPolicyCommand(req))).PolicyARN! };
  } catch (e) {
    return { error: { name: (e as Error).name, message: (e as Error).message } };
  } finally {
    sdk.destroy();
  }
}

export const amzDate = (ms = Date.now()) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Headers for a request signed with SigV4 for `service` (every header given is signed, with host and x-amz-date). */
export function signedHeaders(endpoint: string, creds: Creds, service: string, method: string, path: string, headers: Record<string, string>, body: string | Buffer): Record<string, string> {
  const date = amzDate();
  const all: Record<string, string> = { ...headers, 'X-Amz-Date': date };
  const host = new URL(endpoint).host;
  const names = [...Object.keys(all).map((h) => h.toLowerCase()), 'host'].sort();
  const scope = { date: date.slice(0, 8), region: 'eu-north-1', service, signedHeaders: names };
  const sig = computeSignature({ method, path, headers: { ...all, host }, body: typeof body === 'string' ? Buffer.from(body) : body }, scope, creds.secret);
  all.Authorization = `AWS4-HMAC-SHA256 Credential=${creds.id}/${scope.date}/${scope.region}/${service}/aws4_request, SignedHeaders=${names.join(';')}, Signature=${sig}`;
  return all;
}

/** A new IAM user with these managed policies attached (AdministratorAccess by default) and an access key, made over gRPC. */
export async function userWithKey(client: BerthClient, userName: string, policyArns = ['arn:aws:iam::aws:policy/AdministratorAccess']): Promise<Creds> {
  await client.callApi(IAM_API, 'CreateUser', { UserName: userName });
  for (const PolicyArn of policyArns) await client.callApi(IAM_API, 'AttachUserPolicy', { UserName: userName, PolicyArn });
  const { AccessKey } = await client.callApi(IAM_API, 'CreateAccessKey', { UserName: userName }) as Iam.CreateAccessKeyResponse;
  return { id: AccessKey.AccessKeyId, secret: AccessKey.SecretAccessKey };
}
