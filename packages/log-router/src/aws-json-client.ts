// A small SigV4-signed client for AWS JSON 1.1 APIs (CloudWatch Logs), over http or https; https trusts
// the CA bundle named by AWS_CA_BUNDLE, as the AWS CLI and SDKs do (Berth's cluster CA).
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { sha256Hex, signSigV4 } from '@berth/core/sigv4.js';
import type { CredentialSource } from './credentials.js';

export class AwsError extends Error {
  constructor(readonly type: string, message: string, readonly status: number, readonly body: Record<string, unknown>) {
    super(`${type}: ${message}`);
  }
}

export interface AwsJsonClient {
  call(action: string, request: object): Promise<Record<string, unknown>>;
}

export function awsJsonClient(opts: { endpoint: string; region: string; service: string; targetPrefix: string; credentials: CredentialSource; userAgent: string; caBundle?: string }): AwsJsonClient {
  const url = new URL(opts.endpoint);
  const ca = opts.caBundle ? readFileSync(opts.caBundle) : undefined;
  return {
    async call(action, req) {
      const body = Buffer.from(JSON.stringify(req));
      const creds = await opts.credentials();
      const headers: Record<string, string> = {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${opts.targetPrefix}.${action}`,
        'x-amz-content-sha256': sha256Hex(body),
        ...(creds.sessionToken ? { 'x-amz-security-token': creds.sessionToken } : {}),
      };
      const path = url.pathname || '/';
      const signed = signSigV4({ method: 'POST', path, headers, body }, creds, { region: opts.region, service: opts.service }, Date.now());
      // node:https (and TLS) is loaded only for an https endpoint: ~1 MiB of the router's RSS otherwise.
      const send = url.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const r = send({
          host: url.hostname, port: url.port || (url.protocol === 'https:' ? 443 : 80), method: 'POST', path,
          headers: { ...headers, ...signed, 'user-agent': opts.userAgent, 'content-length': String(body.length) },
          ...(ca ? { ca } : {}), timeout: 30_000,
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        r.on('timeout', () => r.destroy(new Error(`${action}: no answer in 30 s`)));
        r.on('error', reject);
        r.end(body);
      });
      const parsed = text ? JSON.parse(text) as Record<string, unknown> : {};
      if (status >= 200 && status < 300) return parsed;
      const type = String(parsed['__type'] ?? `HTTP${status}`).split('#').at(-1)!;
      throw new AwsError(type, String(parsed['message'] ?? parsed['Message'] ?? text), status, parsed);
    },
  };
}
