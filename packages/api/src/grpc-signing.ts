// Access keys on gRPC (issue 16 §4): every call a user makes is signed as SigV4 signs an AWS request, so the
// secret never travels. The canonical request is SigV4's: POST, the gRPC method path
// (`/berth.v1.ECS/RunTask`), the signed headers `x-amz-content-sha256` (the SHA-256 of the serialized
// request message, the very bytes sent) and `x-amz-date`, in the credential scope `KEY/DATE/REGION/berth/
// aws4_request`; the three travel as gRPC metadata. The server recomputes it from the bytes it received
// (withRequestBytes keeps them beside the decoded message) and refuses with the AWS listener's error names.
// A signature is good for 5 minutes either side of the server's clock: a captured call could be repeated
// only within that window and only by breaking TLS first; the `berth` scope and the method path keep it
// from being replayed as any other call or on the AWS listener.
import * as grpc from '@grpc/grpc-js';
import { checkSigV4Headers, sha256Hex, signSigV4, unrecognizedClient, verifySignature, type SigV4Rules } from '@berth/core/sigv4.js';
import type { Caller } from './call.js';
import { SESSION_TOKEN_HEADER, keyCaller, type KnownKey } from './key-caller.js';

/** The service of the credential scope of a signed gRPC call (the AWS listener's are ecs, sts, iam...). */
export const GRPC_SIGNING_SERVICE = 'berth';
/** What a signed gRPC call must sign (its payload hash; no host: any replica answers by any name), and its window. */
export const GRPC_SIGV4_RULES: SigV4Rules = { requiredSignedHeaders: ['x-amz-content-sha256'], maxSkewMs: 5 * 60 * 1000 };

/** An access key as a client holds it. */
export interface AccessKeyCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** The region of the credential scope (any: Berth has one); default us-east-1. */
  region?: string;
  /** Temporary credentials' token (a task's role), sent beside the signature. */
  sessionToken?: string;
}

/** What a server knows of an active key (its secret, and its user or task role), or undefined. */
export type AccessKeyLookup = (accessKeyId: string) => Promise<KnownKey | undefined>;

/** How a server authenticates gRPC callers that present no client certificate. */
export interface GrpcAuthentication {
  /** The active access keys. */
  keys: AccessKeyLookup;
  /** --insecure: an unsigned call is let through as anonymous instead of refused (a signed one is still verified). */
  allowUnsigned: boolean;
}

/** The metadata that signs one call of `path` whose serialized request is `body` (empty for a bidi stream). */
export function signGrpcCall(path: string, body: Uint8Array, key: AccessKeyCredentials, nowMs = Date.now()): grpc.Metadata {
  const hash = sha256Hex(body);
  const signed = signSigV4({ method: 'POST', path, headers: { 'x-amz-content-sha256': hash }, body }, key, { region: key.region ?? 'us-east-1', service: GRPC_SIGNING_SERVICE }, nowMs, hash);
  const md = new grpc.Metadata();
  md.set('x-amz-content-sha256', hash);
  md.set('x-amz-date', signed['x-amz-date']);
  md.set('authorization', signed.authorization);
  if (key.sessionToken !== undefined) md.set(SESSION_TOKEN_HEADER, key.sessionToken);
  return md;
}

/** The metadata of one call: signed with the access key when there is one. */
export function callMetadata(path: string, body: Uint8Array, credentials: AccessKeyCredentials | undefined): grpc.Metadata {
  return credentials ? signGrpcCall(path, body, credentials) : new grpc.Metadata();
}

/** The first value of a metadata key, as text. */
function first(md: grpc.Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return v === undefined ? undefined : String(v);
}

/** Whether a call carries a signature at all. */
export const isSigned = (md: grpc.Metadata): boolean => first(md, 'authorization') !== undefined;

/**
 * Verifies a signed call: the scope, the time, the key (active, known), the payload hash against the bytes
 * received and the signature. Throws SigV4Error with AWS's names (IncompleteSignatureException,
 * InvalidSignatureException, UnrecognizedClientException).
 */
export async function verifyGrpcCall(path: string, md: grpc.Metadata, body: Uint8Array, keys: AccessKeyLookup, nowMs = Date.now()): Promise<Caller> {
  const headers = { authorization: first(md, 'authorization'), 'x-amz-date': first(md, 'x-amz-date'), 'x-amz-content-sha256': first(md, 'x-amz-content-sha256') };
  const auth = checkSigV4Headers(headers, nowMs, [GRPC_SIGNING_SERVICE], GRPC_SIGV4_RULES);
  const key = await keys(auth.accessKeyId);
  if (!key) throw unrecognizedClient();
  verifySignature({ method: 'POST', path, headers, body }, auth, key.secret);
  return keyCaller(auth.accessKeyId, key, first(md, SESSION_TOKEN_HEADER));
}

/** The bytes each decoded request message arrived as (kept as long as the message is). */
const requestBytes = new WeakMap<object, Uint8Array>();

/**
 * The service definition with each method's request deserializer keeping the bytes it decoded, so a
 * signature is checked against exactly what arrived (never a re-encoding). Every service a server adds goes
 * through here. Only methods with one request message (unary, server streaming): a client or bidirectional
 * stream's signature covers its opening with an empty body (receivedBytes), never its messages, so its
 * messages (every agent's reports, acks and heartbeats) are decoded as they are, with no entry in the map.
 */
export function withRequestBytes(def: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const out: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, m] of Object.entries(def)) {
    if (m.requestStream) {
      out[name] = m;
      continue;
    }
    out[name] = {
      ...m,
      requestDeserialize: (bytes: Buffer) => {
        const decoded = m.requestDeserialize(bytes);
        if (decoded !== null && typeof decoded === 'object') requestBytes.set(decoded, bytes);
        return decoded;
      },
    };
  }
  return out;
}

/**
 * The bytes a call's request arrived as: empty for a bidirectional stream (its signature covers its
 * opening; its messages come later); undefined when the service was added without withRequestBytes.
 */
export function receivedBytes(request: unknown): Uint8Array | undefined {
  if (request === undefined || request === null) return new Uint8Array();
  return typeof request === 'object' ? requestBytes.get(request) : undefined;
}
