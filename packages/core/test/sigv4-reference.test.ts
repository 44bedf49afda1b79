// The signer and verifier (sigv4.ts) against the implementation they replaced (session 15: one-shot hashes,
// canonical paths and the last X-Amz-Date kept, no Map or entry arrays per call), kept here verbatim as the
// reference: the canonical request, the signature, the headers a client sends and what a verifier parses
// must be the same strings for every request, including odd paths, queries, repeated, mixed-case and
// spaced headers, and malformed Authorization values (the same error, type and text).
import t from 'tap';
import { createHash, createHmac } from 'node:crypto';
import { SigV4Error, canonicalRequest, computeSignature, formatAmzDate, parseAuthorization, sha256Hex, signSigV4, type ParsedAuthorization, type SignedRequest } from '../src/index.js';

// ---- the reference: sigv4.ts before session 15 ----
const refSha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const refHmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
function refHeader(headers: SignedRequest['headers'], name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== want || v === undefined) continue;
    return Array.isArray(v) ? v.join(',') : v;
  }
  return undefined;
}
function refParseAuthorization(value: string | undefined, services: readonly string[] = ['ecs'], requiredSignedHeaders: readonly string[] = ['host']): ParsedAuthorization {
  if (value === undefined || value.trim() === '') throw new SigV4Error('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const v = value.trim();
  if (!v.startsWith('AWS4-HMAC-SHA256 ')) throw new SigV4Error('IncompleteSignatureException', 'Authorization header requires the AWS4-HMAC-SHA256 algorithm.');
  const parts = new Map<string, string>();
  for (const p of v.slice('AWS4-HMAC-SHA256'.length + 1).split(',')) {
    const eq = p.indexOf('=');
    if (eq > 0) parts.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !parts.get(k));
  if (missing.length > 0) throw new SigV4Error('IncompleteSignatureException', `Authorization header requires ${missing.map((m) => `'${m}'`).join(', ')} parameter(s).`);
  const scope = parts.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]!)) {
    throw new SigV4Error('IncompleteSignatureException', "Credential should be scoped to a valid date, region and service: 'ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request'.");
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  if (!services.includes(service)) throw new SigV4Error('InvalidSignatureException', `Credential should be scoped to correct service: ${services.map((x) => `'${x}'`).join(' or ')}.`);
  const signature = parts.get('Signature')!;
  if (!/^[0-9a-f]{64}$/.test(signature)) throw new SigV4Error('IncompleteSignatureException', 'Signature must be 64 lower-case hex digits.');
  const signedHeaders = parts.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase());
  for (const h of requiredSignedHeaders) if (!signedHeaders.includes(h)) throw new SigV4Error('InvalidSignatureException', `SignedHeaders must include '${h}'.`);
  return { accessKeyId, date, region, service, signedHeaders, signature };
}
const refFormatAmzDate = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
function refCanonicalRequest(req: SignedRequest, signedHeaders: string[], bodyHash: string): string {
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${(refHeader(req.headers, h) ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const [rawPath, query = ''] = req.path.split('?', 2);
  const path = rawPath!.split('/').map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  const canonicalQuery = query
    .split('&')
    .filter((q) => q !== '')
    .map((q) => q.split('=', 2) as [string, string?])
    .sort(([a, av = ''], [b, bv = '']) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, val = '']) => `${k}=${val}`)
    .join('&');
  return [req.method.toUpperCase(), path || '/', canonicalQuery, canonicalHeaders, signedHeaders.join(';'), bodyHash].join('\n');
}
function refComputeSignature(req: SignedRequest, auth: Omit<ParsedAuthorization, 'signature' | 'accessKeyId'>, secret: string, bodyHash = refSha256Hex(req.body)): string {
  const amzDate = refHeader(req.headers, 'x-amz-date') ?? '';
  const canonical = refCanonicalRequest(req, auth.signedHeaders, bodyHash);
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, refSha256Hex(canonical)].join('\n');
  const key = refHmac(refHmac(refHmac(refHmac(`AWS4${secret}`, auth.date), auth.region), auth.service), 'aws4_request');
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}
function refSignSigV4(req: SignedRequest, key: { accessKeyId: string; secretAccessKey: string }, scope: { region: string; service: string }, nowMs: number, bodyHash?: string) {
  const amzDate = refFormatAmzDate(nowMs);
  const headers: SignedRequest['headers'] = { 'x-amz-date': amzDate };
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = v;
  const signedHeaders = Object.keys(headers).sort();
  const date = amzDate.slice(0, 8);
  const signature = refComputeSignature({ ...req, headers }, { date, region: scope.region, service: scope.service, signedHeaders }, key.secretAccessKey, bodyHash);
  return { authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${date}/${scope.region}/${scope.service}/aws4_request, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`, 'x-amz-date': amzDate };
}
// ---- end of the reference ----

const PATHS = [
  '/', '', '/berth.v1.ECS/RunTask', '/berth.v1.ECS/DescribeTasks', '/schedules/my%20schedule', '/a b/c(d)*!\'/é',
  '/?Action=ListUsers&Version=2010-05-08', '/x?b=2&a=1&a=0&c', '/x?', '/x?a=1?b=2', '/x?&&a=&b', '/p/?z=%2F&y=1',
];
const HEADER_SETS: SignedRequest['headers'][] = [
  { 'x-amz-content-sha256': sha256Hex('x') },
  { Host: 'h:1', 'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.RunTask', 'Content-Type': 'application/x-amz-json-1.1' },
  { host: '  spaced   value \t here  ', 'x-multi': ['a', ' b ', 'c'], 'x-absent': undefined },
  { 'X-Dup': 'first', 'x-dup': 'second', 'x-empty': '' },
  {},
];
const BODIES = [Buffer.alloc(0), Buffer.from('{}'), Buffer.from('\x0a\x03web\xff'), Buffer.alloc(4096, 7)];
const KEYS = [
  { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  { accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'another secret' },
];
// Times in the same second, across seconds, days and a year's end: the kept X-Amz-Date must follow the clock.
const TIMES = [Date.UTC(2026, 10, 26, 11, 10, 13), Date.UTC(2026, 10, 26, 11, 10, 13, 999), Date.UTC(2026, 10, 26, 11, 10, 14), Date.UTC(2026, 11, 31, 23, 59, 59, 500), Date.UTC(2027, 0, 1), Date.UTC(2026, 10, 26, 11, 10, 13, 1)];

t.test('canonical requests, signatures and signed headers are the reference\'s, byte for byte', async (t) => {
  let n = 0;
  for (const path of PATHS) {
    for (const headers of HEADER_SETS) {
      for (const body of BODIES) {
        const req: SignedRequest = { method: 'post', path, headers, body };
        const signed = Object.keys(headers).map((h) => h.toLowerCase()).sort();
        const hash = sha256Hex(body);
        t.equal(hash, refSha256Hex(body));
        t.equal(canonicalRequest(req, signed, hash), refCanonicalRequest(req, signed, hash), `canonical ${path} ${JSON.stringify(headers)}`);
        for (const key of KEYS) {
          for (const at of TIMES) {
            for (const scope of [{ region: 'us-east-1', service: 'berth' }, { region: 'eu-west-1', service: 'ecs' }]) {
              t.same(signSigV4(req, key, scope, at), refSignSigV4(req, key, scope, at));
              t.same(signSigV4(req, key, scope, at, hash), refSignSigV4(req, key, scope, at, hash));
              const auth = { date: refFormatAmzDate(at).slice(0, 8), ...scope, signedHeaders: [...signed, 'x-amz-date'].sort() };
              const withDate = { ...req, headers: { ...headers, 'x-amz-date': refFormatAmzDate(at) } };
              t.equal(computeSignature(withDate, auth, key.secretAccessKey), refComputeSignature(withDate, auth, key.secretAccessKey));
              n++;
            }
          }
        }
      }
    }
  }
  t.ok(n > 1000, `${n} signatures compared`);
});

t.test('the kept X-Amz-Date follows the clock', async (t) => {
  for (const at of [...TIMES, ...[...TIMES].reverse(), 0, 1, 999, 1000, -1, -1001]) t.equal(formatAmzDate(at), refFormatAmzDate(at), String(at));
});

t.test('Authorization values parse, or are refused, as the reference parses or refuses them', async (t) => {
  const sig = 'a'.repeat(64);
  const values = [
    undefined, '', '   ', 'AWS4-HMAC-SHA1 Credential=x', 'AWS4-HMAC-SHA256',
    `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/berth/aws4_request, SignedHeaders=x-amz-content-sha256;x-amz-date, Signature=${sig}`,
    `  AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/ecs/aws4_request,SignedHeaders= Host ; X-Amz-Date ,Signature=${sig}  `,
    `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig}, Credential=OTHER/20261127/eu-west-1/ecs/aws4_request`,
    `AWS4-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=${sig}`,
    'AWS4-HMAC-SHA256 SignedHeaders=host',
    'AWS4-HMAC-SHA256 Credential=a, =b, c, Signature=',
    `AWS4-HMAC-SHA256 Credential=AKID/2026112/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=${sig}`,
    `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/ecs/aws4_requests, SignedHeaders=host, Signature=${sig}`,
    `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=${sig}`,
    `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/ecs/aws4_request, SignedHeaders=host, Signature=${sig.toUpperCase()}`,
    `AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/ecs/aws4_request, SignedHeaders=x-amz-date, Signature=${sig}`,
    `AWS4-HMAC-SHA256 Credential = AKID/20261126/us-east-1/ecs/aws4_request , SignedHeaders = host , Signature = ${sig} `,
  ];
  const outcome = (f: () => ParsedAuthorization) => {
    try {
      return { ok: f() };
    } catch (e) {
      if (!(e instanceof SigV4Error)) throw e;
      return { type: e.type, message: e.message, status: e.status };
    }
  };
  for (const v of values) {
    for (const [services, required] of [[['ecs'], ['host']], [['berth'], ['x-amz-content-sha256']], [['ecs', 'sts'], []]] as const) {
      t.same(outcome(() => parseAuthorization(v, services, required)), outcome(() => refParseAuthorization(v, services, required)), `${v} ${services}`);
    }
  }
});
