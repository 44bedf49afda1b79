import t from 'tap';
import { createHash } from 'node:crypto';
import { SigV4Error, canonicalRequest, parseAmzDate, parseAuthorization, signSigV4, signingKey, verifySigV4, type SigV4Rules, type SignedRequest } from '../src/index.js';

// Requests captured from aws-cli 1.45 and @aws-sdk/client-ecs 3.1164 (reference ecs-api.md §7), signed with
// access key AKIDEXAMPLE and secret "secret": the verifier must reproduce their signatures exactly.
const CLI: SignedRequest = {
  method: 'POST',
  path: '/',
  headers: {
    Host: '127.0.0.1:18477',
    'Accept-Encoding': 'identity',
    'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.DescribeClusters',
    'Content-Type': 'application/x-amz-json-1.1',
    'X-Amz-Date': '20261126T111013Z',
    Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/ecs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=65841acf85376b2aa63e273431a60bea15b28a5bafe6f2610145c05973346450',
    'amz-sdk-invocation-id': '633acfef-5018-4a62-8c90-8fa802e0c5a8',
    'Content-Length': '2',
  },
  body: Buffer.from('{}'),
};
const SDK: SignedRequest = {
  method: 'POST',
  path: '/',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonEC2ContainerServiceV20141113.DescribeClusters',
    'content-length': '2',
    'x-amz-user-agent': 'aws-sdk-js/3.1163.0',
    host: '127.0.0.1:18477',
    'amz-sdk-invocation-id': '9f546292-3d2c-43a4-9bb7-c2b266cfef70',
    'amz-sdk-request': 'attempt=1; max=2',
    'x-amz-date': '20261126T111014Z',
    'x-amz-content-sha256': '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
    authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/ecs/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target;x-amz-user-agent, Signature=7cd8bd3f5bb8508e422faafa3363230449f57c4eef48fca021cf4b47b2319433',
  },
  body: Buffer.from('{}'),
};
const AT = Date.UTC(2026, 10, 26, 11, 10, 20);
const secrets = async (id: string) => (id === 'AKIDEXAMPLE' ? 'secret' : undefined);

async function failure(req: SignedRequest, now = AT, lookup: (id: string) => Promise<string | undefined> = secrets, services?: string[], rules?: SigV4Rules): Promise<SigV4Error> {
  try {
    await verifySigV4(req, now, lookup, services, rules);
  } catch (e) {
    if (e instanceof SigV4Error) return e;
    throw e;
  }
  throw new Error('verified, but a failure was expected');
}

const withHeaders = (req: SignedRequest, h: Record<string, string | undefined>): SignedRequest => ({ ...req, headers: { ...req.headers, ...h } });

t.test('the captured CLI and SDK requests verify', async (t) => {
  t.same(await verifySigV4(CLI, AT, secrets), { accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1' });
  t.same(await verifySigV4(SDK, AT, secrets), { accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1' });
});

t.test('canonical request: the signed headers only, values trimmed and spaces collapsed', async (t) => {
  const req = withHeaders(CLI, { 'X-Amz-Target': '  a   b  ' });
  const hash = createHash('sha256').update('{}').digest('hex');
  t.equal(
    canonicalRequest(req, ['host', 'x-amz-target'], hash),
    ['POST', '/', '', 'host:127.0.0.1:18477', 'x-amz-target:a b', '', 'host;x-amz-target', hash].join('\n'),
  );
});

t.test('refusals carry the AWS error names', async (t) => {
  const cases: [string, SignedRequest, string, RegExp][] = [
    ['no Authorization', withHeaders(CLI, { Authorization: undefined }), 'MissingAuthenticationTokenException', /Missing Authentication Token/],
    ['another algorithm', withHeaders(CLI, { Authorization: 'AWS3 x' }), 'IncompleteSignatureException', /AWS4-HMAC-SHA256/],
    ['no Signature', withHeaders(CLI, { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date' }), 'IncompleteSignatureException', /'Signature'/],
    ['bad scope', withHeaders(CLI, { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/2026/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + '0'.repeat(64) }), 'IncompleteSignatureException', /Credential should be scoped/],
    ['another service', withHeaders(CLI, { Authorization: String(CLI.headers.Authorization).replace('/ecs/', '/s3/') }), 'InvalidSignatureException', /service: 'ecs'/],
    ['unknown key', withHeaders(CLI, { Authorization: String(CLI.headers.Authorization).replace('AKIDEXAMPLE', 'AKIDOTHER') }), 'UnrecognizedClientException', /security token included in the request is invalid/],
    ['tampered body', { ...CLI, body: Buffer.from('{"clusters":["x"]}') }, 'InvalidSignatureException', /signature we calculated does not match/],
    ['tampered signed header', withHeaders(CLI, { 'X-Amz-Target': 'AmazonEC2ContainerServiceV20141113.DeleteCluster' }), 'InvalidSignatureException', /does not match/],
    ['content hash mismatch', { ...SDK, body: Buffer.from('{ }') }, 'InvalidSignatureException', /x-amz-content-sha256/],
    ['no X-Amz-Date', withHeaders(CLI, { 'X-Amz-Date': undefined }), 'IncompleteSignatureException', /X-Amz-Date/],
    ['scope date differs', withHeaders(CLI, { 'X-Amz-Date': '20261127T111013Z' }), 'InvalidSignatureException', /Date in Credential scope/],
  ];
  for (const [name, req, type, message] of cases) {
    const e = await failure(req);
    t.equal(e.type, type, name);
    t.match(e.message, message, name);
  }
  t.equal((await failure(withHeaders(CLI, { Authorization: undefined }))).status, 403);
  t.equal((await failure({ ...CLI, body: Buffer.from('x') })).status, 400);
});

t.test('a signature more than 15 minutes off the server clock has expired', async (t) => {
  t.match((await failure(CLI, AT + 16 * 60_000)).message, /^Signature expired: 20261126T111013Z is now earlier than/);
  const early = await failure(CLI, AT - 16 * 60_000);
  t.equal(early.type, 'InvalidSignatureException');
  t.match(early.message, /^Signature not yet current: 20261126T111013Z is still later than/, "AWS's words for a date ahead of the server");
  t.ok(await verifySigV4(CLI, AT + 14 * 60_000, secrets));
});

t.test('an inactive key is unknown; any region is accepted', async (t) => {
  t.equal((await failure(CLI, AT, async () => undefined)).type, 'UnrecognizedClientException');
  t.same(parseAuthorization(String(SDK.headers.authorization)).region, 'us-east-1');
  t.equal(parseAmzDate('20261126T111013Z'), Date.UTC(2026, 10, 26, 11, 10, 13));
  t.equal(parseAmzDate('2026-11-26'), undefined);
});

t.test('signSigV4 signs what verifySigV4 accepts, under other rules too (no host, a shorter window)', async (t) => {
  const key = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
  const body = Buffer.from('\x0a\x03web');
  const hash = createHash('sha256').update(body).digest('hex');
  const rules = { requiredSignedHeaders: ['x-amz-content-sha256'], maxSkewMs: 5 * 60_000 };
  const req = { method: 'POST', path: '/berth.v1.ECS/CreateCluster', headers: { 'x-amz-content-sha256': hash }, body };
  const signed = { ...req, headers: { ...req.headers, ...signSigV4(req, key, { region: 'us-east-1', service: 'berth' }, AT) } };
  const lookup = async (id: string) => (id === key.accessKeyId ? key.secretAccessKey : undefined);
  t.same(await verifySigV4(signed, AT + 4 * 60_000, lookup, ['berth'], rules), { accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1' });
  t.same(signSigV4(req, key, { region: 'us-east-1', service: 'berth' }, AT, hash), signSigV4(req, key, { region: 'us-east-1', service: 'berth' }, AT), 'the body\'s hash given is the hash it would compute');
  t.match((await failure(signed, AT + 6 * 60_000, lookup, ['berth'], rules)).message, /\(20261126T111620Z - 5 min\.\)$/, 'the window is the rules\'');
  t.equal((await failure({ ...signed, body: Buffer.from('other') }, AT, lookup, ['berth'], rules)).type, 'InvalidSignatureException', 'another message');
  t.equal((await failure({ ...signed, path: '/berth.v1.ECS/DeleteCluster' }, AT, lookup, ['berth'], rules)).type, 'InvalidSignatureException', 'another method');
  t.match((await failure(signed, AT, lookup, ['ecs'], rules)).message, /scoped to correct service/, 'not a signature for the AWS listener');
  const noHash = { ...req, headers: {} };
  const unsignedHash = { ...noHash, headers: signSigV4(noHash, key, { region: 'us-east-1', service: 'berth' }, AT) };
  t.match((await failure(unsignedHash, AT, lookup, ['berth'], rules)).message, /SignedHeaders must include 'x-amz-content-sha256'/);
});

t.test('the derived signing key is AWS\'s, derived once per secret and scope', async (t) => {
  // AWS's documented example (IAM, us-east-1, 2012-02-15).
  const example = ['wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215', 'us-east-1', 'iam'] as const;
  t.equal(signingKey(...example).toString('hex'), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  t.equal(signingKey(...example), signingKey(...example), 'the second request of the day reuses it');
  t.not(signingKey('another secret', '20120215', 'us-east-1', 'iam').toString('hex'), signingKey(...example).toString('hex'), 'another secret, another key');
  // A key verified once does not let the same id through with another secret.
  const lookup = (secret: string) => async () => secret;
  t.same(await verifySigV4(CLI, AT, lookup('secret')), { accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1' });
  t.equal((await failure(CLI, AT, lookup('secret2'))).type, 'InvalidSignatureException');
});
