// AWS Signature Version 4 verification for the AWS listener (every protocol: JSON and query POST /,
// REST paths). Pure apart from hashing: the caller gives the request's method, path, headers and raw body,
// the time, and a lookup of secrets by access key id. The verifier signs exactly the headers the client
// listed in SignedHeaders (the AWS CLI and the JS SDK list different ones) and accepts any region, as Berth
// has one. It works in two steps, so a listener refuses bad headers before it reads any body:
// checkSigV4Headers (algorithm, credential scope and its service, date, signed headers), then, with the
// body, verifySignature.
import * as crypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** ECS's signing name: the service part of the credential scope. */
export const SIGV4_SERVICE = 'ecs';
/** How far the client's X-Amz-Date may be from the server's clock (AWS: 15 minutes). */
export const SIGV4_MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * What a verifier demands beyond the algorithm: the headers every signature must cover (AWS: `host`), and
 * how far X-Amz-Date may be from the server's clock. Berth's gRPC listener signs no host (a call may reach
 * any replica by any name) but always the payload hash, in a shorter window (api/grpc-signing.ts).
 */
export interface SigV4Rules {
  requiredSignedHeaders: readonly string[];
  maxSkewMs: number;
}

export const AWS_SIGV4_RULES: SigV4Rules = { requiredSignedHeaders: ['host'], maxSkewMs: SIGV4_MAX_SKEW_MS };

/** Why a request was refused, as the AWS front end names it (the JSON endpoint sends these as __type). */
export type SigV4ErrorType = 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException';

export class SigV4Error extends Error {
  constructor(readonly type: SigV4ErrorType, message: string, readonly status = type === 'MissingAuthenticationTokenException' ? 403 : 400) {
    super(message);
  }
}

export interface SignedRequest {
  method: string;
  path: string;
  /** Header names in any case; a repeated header as an array (joined with ',' as AWS does). */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/**
 * Node's one-shot digest (`crypto.hash`, Node 20.12 and 21.7 on): the same bytes as a Hash object's, without
 * building one (about half the time for a signed call's body or canonical request).
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;
/** SHA-256 in hex: SigV4's payload hash (and a signed gRPC call's). */
export const sha256Hex = oneShot !== undefined
  ? (data: string | Uint8Array): string => oneShot('sha256', data, 'hex')
  : (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** A header's value, whatever the case of its name (the first one set, in the object's order); a repeated one joined with ','. */
function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const want = name.toLowerCase();
  // A loop over the names, not Object.entries: no array of pairs per lookup (a signature looks up 3-10).
  for (const k in headers) {
    if (!Object.hasOwn(headers, k)) continue;
    const v = headers[k];
    if (v === undefined || (k !== want && k.toLowerCase() !== want)) continue;
    return Array.isArray(v) ? v.join(',') : v;
  }
  return undefined;
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`;
 * the scope's service must be one of `services`.
 */
export function parseAuthorization(value: string | undefined, services: readonly string[] = [SIGV4_SERVICE], requiredSignedHeaders: readonly string[] = AWS_SIGV4_RULES.requiredSignedHeaders): ParsedAuthorization {
  if (value === undefined || value.trim() === '') throw new SigV4Error('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const v = value.trim();
  if (!v.startsWith(`${SIGV4_ALGORITHM} `)) {
    throw new SigV4Error('IncompleteSignatureException', `Authorization header requires the ${SIGV4_ALGORITHM} algorithm.`);
  }
  // The three parameters SigV4 has (a repeated one: the last), each trimmed; anything else is ignored.
  let credential = '', signedHeaderList = '', signature = '';
  for (const p of v.slice(SIGV4_ALGORITHM.length + 1).split(',')) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const name = p.slice(0, eq).trim();
    if (name === 'Credential') credential = p.slice(eq + 1).trim();
    else if (name === 'SignedHeaders') signedHeaderList = p.slice(eq + 1).trim();
    else if (name === 'Signature') signature = p.slice(eq + 1).trim();
  }
  if (credential === '' || signedHeaderList === '' || signature === '') {
    const missing = [['Credential', credential], ['SignedHeaders', signedHeaderList], ['Signature', signature]].filter(([, given]) => given === '').map(([m]) => m);
    throw new SigV4Error('IncompleteSignatureException', `Authorization header requires ${missing.map((m) => `'${m}'`).join(', ')} parameter(s).`);
  }
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]!)) {
    throw new SigV4Error('IncompleteSignatureException', "Credential should be scoped to a valid date, region and service: 'ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request'.");
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  if (!services.includes(service)) {
    throw new SigV4Error('InvalidSignatureException', `Credential should be scoped to correct service: ${services.map((x) => `'${x}'`).join(' or ')}.`);
  }
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new SigV4Error('IncompleteSignatureException', 'Signature must be 64 lower-case hex digits.');
  const signedHeaders = signedHeaderList.split(';').map((h) => h.trim().toLowerCase());
  for (const h of requiredSignedHeaders) if (!signedHeaders.includes(h)) throw new SigV4Error('InvalidSignatureException', `SignedHeaders must include '${h}'.`);
  return { accessKeyId, date, region, service, signedHeaders, signature };
}

/** The last second formatted: a client signs many calls in a second (and a verifier formats only to refuse). */
let amzDateSecond = NaN;
let amzDateText = '';

/** epoch ms -> `20261126T111013Z`. */
export function formatAmzDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== amzDateSecond) {
    amzDateText = new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    amzDateSecond = second;
  }
  return amzDateText;
}

/** `20261126T111013Z` -> epoch ms, or undefined. */
export function parseAmzDate(value: string | undefined): number | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/**
 * Canonical paths by path as sent: a gRPC client and server sign and verify the same few method paths on
 * every call. Bounded as the signing keys are (REST paths name resources, so they are many).
 */
const canonicalPaths = new Map<string, string>();
const CANONICAL_PATHS_MAX = 1000;

/** A path as SigV4 signs it: every service but S3 signs each segment encoded once more than it is sent (`%` becomes `%25`). */
function canonicalPath(rawPath: string): string {
  let path = canonicalPaths.get(rawPath);
  if (path === undefined) {
    path = rawPath.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
    if (canonicalPaths.size >= CANONICAL_PATHS_MAX) canonicalPaths.clear();
    canonicalPaths.set(rawPath, path);
  }
  return path;
}

/** A header value as SigV4 signs it: trimmed, runs of spaces collapsed. */
const canonicalValue = (v: string): string => {
  const trimmed = v.trim();
  return /\s/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
};

/** The canonical request (AWS's step 1), for the headers the client signed. */
export function canonicalRequest(req: SignedRequest, signedHeaders: string[], bodyHash: string): string {
  let canonicalHeaders = '';
  for (const h of signedHeaders) canonicalHeaders += `${h}:${canonicalValue(header(req.headers, h) ?? '')}\n`;
  const q = req.path.indexOf('?');
  const rawPath = q < 0 ? req.path : req.path.slice(0, q);
  // What split('?', 2) kept: the query up to a second '?', if any.
  const query = q < 0 ? '' : req.path.slice(q + 1).split('?', 1)[0]!;
  const path = canonicalPath(rawPath);
  const canonicalQuery = query === '' ? '' : query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => p.split('=', 2) as [string, string?])
    .sort(([a, av = ''], [b, bv = '']) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, val = '']) => `${k}=${val}`)
    .join('&');
  return `${req.method.toUpperCase()}\n${path || '/'}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${bodyHash}`;
}

/**
 * Derived signing keys by secret and scope: the key changes once a day per access key, so each verifier
 * (and signer) derives it once a day rather than with four HMACs per request, as AWS's SDKs cache it.
 * Bounded: emptied when it holds more than SIGNING_KEYS_MAX (far more keys than calls sign in one day).
 */
const signingKeys = new Map<string, Buffer>();
const SIGNING_KEYS_MAX = 1000;

/** The last key asked for, by its four parts: a client signs with one key and scope all day, so most calls stop here. */
let last: { secret: string; date: string; region: string; service: string; key: Buffer } | undefined;

export function signingKey(secret: string, date: string, region: string, service = SIGV4_SERVICE): Buffer {
  if (last !== undefined && last.secret === secret && last.date === date && last.region === region && last.service === service) return last.key;
  const id = `${date}/${region}/${service}/${secret}`;
  let key = signingKeys.get(id);
  if (key === undefined) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    if (signingKeys.size >= SIGNING_KEYS_MAX) signingKeys.clear();
    signingKeys.set(id, key);
  }
  last = { secret, date, region, service, key };
  return key;
}

/** The signature a client holding `secret` would send for this request (`bodyHash`: the body's SHA-256, when already known). */
export function computeSignature(req: SignedRequest, auth: Omit<ParsedAuthorization, 'signature' | 'accessKeyId'>, secret: string, bodyHash = sha256Hex(req.body)): string {
  const amzDate = header(req.headers, 'x-amz-date') ?? '';
  const canonical = canonicalRequest(req, auth.signedHeaders, bodyHash);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service)).update(toSign, 'utf8').digest('hex');
}

export interface VerifiedRequest {
  accessKeyId: string;
  /** The region the client signed for (informational: Berth's ARNs keep the store's region). */
  region: string;
}

/**
 * The checks that need no body: the Authorization header and its scope (service among `services`),
 * X-Amz-Date present, signed and within the rules' window (AWS: 15 minutes). Throws SigV4Error with the
 * AWS error name.
 */
export function checkSigV4Headers(headers: SignedRequest['headers'], nowMs: number, services: readonly string[] = [SIGV4_SERVICE], rules: SigV4Rules = AWS_SIGV4_RULES): ParsedAuthorization {
  const auth = parseAuthorization(header(headers, 'authorization'), services, rules.requiredSignedHeaders);
  const amzDate = header(headers, 'x-amz-date');
  const at = parseAmzDate(amzDate);
  if (at === undefined) throw new SigV4Error('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (!auth.signedHeaders.includes('x-amz-date')) throw new SigV4Error('InvalidSignatureException', "SignedHeaders must include 'x-amz-date'.");
  if (amzDate!.slice(0, 8) !== auth.date) {
    throw new SigV4Error('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate!.slice(0, 8)}'.`);
  }
  const minutes = Math.round(rules.maxSkewMs / 60_000);
  if (nowMs - at > rules.maxSkewMs) {
    throw new SigV4Error('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(nowMs - rules.maxSkewMs)} (${formatAmzDate(nowMs)} - ${minutes} min.)`);
  }
  if (at - nowMs > rules.maxSkewMs) {
    throw new SigV4Error('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(nowMs + rules.maxSkewMs)} (${formatAmzDate(nowMs)} + ${minutes} min.)`);
  }
  return auth;
}

/** With the body: the declared payload hash and the signature itself, for the secret of `auth`'s key. */
export function verifySignature(req: SignedRequest, auth: ParsedAuthorization, secret: string): void {
  const declaredHash = header(req.headers, 'x-amz-content-sha256');
  const bodyHash = sha256Hex(req.body);
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== bodyHash) {
    throw new SigV4Error('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const expected = Buffer.from(computeSignature(req, auth, secret, bodyHash), 'hex');
  const given = Buffer.from(auth.signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new SigV4Error(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
}

/** The error for an access key that does not exist or is not active. */
export function unrecognizedClient(): SigV4Error {
  return new SigV4Error('UnrecognizedClientException', 'The security token included in the request is invalid.');
}

/**
 * Verifies a signed request in one go. `secretOf` returns the secret of an active access key, or undefined
 * for an unknown or inactive one. Throws SigV4Error with the AWS error name the clients expect.
 */
export async function verifySigV4(req: SignedRequest, nowMs: number, secretOf: (accessKeyId: string) => Promise<string | undefined>, services?: readonly string[], rules?: SigV4Rules): Promise<VerifiedRequest> {
  const auth = checkSigV4Headers(req.headers, nowMs, services, rules);
  const secret = await secretOf(auth.accessKeyId);
  if (secret === undefined) throw unrecognizedClient();
  verifySignature(req, auth, secret);
  return { accessKeyId: auth.accessKeyId, region: auth.region };
}

/**
 * The client's side: the headers that sign `req` (every header it carries, lower-cased, is signed) with an
 * access key at `nowMs`: X-Amz-Date and Authorization, to send beside the request's own. `bodyHash`: the
 * body's SHA-256 (hex) when the caller has it already (a signed gRPC call sends it as x-amz-content-sha256).
 */
export function signSigV4(req: SignedRequest, key: { accessKeyId: string; secretAccessKey: string }, scope: { region: string; service: string }, nowMs: number, bodyHash?: string): { authorization: string; 'x-amz-date': string } {
  const amzDate = formatAmzDate(nowMs);
  const headers: SignedRequest['headers'] = { 'x-amz-date': amzDate };
  for (const k in req.headers) {
    const v = req.headers[k];
    if (v !== undefined && Object.hasOwn(req.headers, k)) headers[k.toLowerCase()] = v;
  }
  const signedHeaders = Object.keys(headers).sort();
  const date = amzDate.slice(0, 8);
  const signature = computeSignature({ ...req, headers }, { date, region: scope.region, service: scope.service, signedHeaders }, key.secretAccessKey, bodyHash);
  const authorization = `${SIGV4_ALGORITHM} Credential=${key.accessKeyId}/${date}/${scope.region}/${scope.service}/aws4_request, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return { authorization, 'x-amz-date': amzDate };
}
