// The web console's listener over HTTP, as a browser (or an attacker's page) speaks to it: sign-in opens a
// server-side session in an HttpOnly, SameSite=Strict cookie (Secure over HTTPS) and never echoes the
// secret; calls go through the seam as the session's user (a read-only user is refused RunTask and told so
// before it tries); every POST needs the console's own Origin and the session's CSRF token; sign-in is
// rate limited; sessions end at sign-out and at expiry, and live in the store (another replica serves them);
// a request that names the console by another host (DNS rebinding) is refused; quiet streams carry keep-alives;
// a task's log stream is authorized as berth:GetTaskLogs and ends with an error message when it cannot be served.
import t from 'tap';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { startTestServer } from './helpers.js';
import { hostHeaderName } from '../src/console/listener.js';
import { userWithKey } from './aws-clients.js';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: any; text: string }

function call(base: string, method: string, path: string, opts: { body?: unknown; cookie?: string; csrf?: string; origin?: string | null; ca?: string; host?: string } = {}): Promise<Answer> {
  const url = new URL(path, base);
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(opts.origin !== null && method !== 'GET' ? { Origin: opts.origin ?? base } : {}),
    ...(opts.cookie ? { Cookie: opts.cookie } : {}),
    ...(opts.csrf ? { 'X-CSRF-Token': opts.csrf } : {}),
    ...(opts.host ? { Host: opts.host } : {}),
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers, ...(opts.ca ? { ca: opts.ca } : {}) }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What an event stream sends until it has caught up or ended (a few messages). */
function firstEvents(base: string, path: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { headers: { Cookie: cookie } }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
        if (text.includes('event: caught-up')) {
          req.destroy();
          resolve(text);
        }
      });
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end();
  });
}

const cookieOf = (a: Answer) => String((a.headers['set-cookie'] as string[] | undefined)?.[0] ?? '').split(';')[0]!;

t.test('sign-in, the seam, CSRF and Origin, sign-out', async (t) => {
  const s = await startTestServer({ server: { console: { listen: '127.0.0.1:0' } } });
  t.teardown(() => s.close());
  const base = s.server.consoleUrl!;
  t.match(base, /^http:\/\/127\.0\.0\.1:\d+$/, 'plain HTTP on loopback');
  const admin = await userWithKey(s.client, 'console-admin');
  const reader = await userWithKey(s.client, 'console-reader', ['arn:aws:iam::aws:policy/ReadOnlyAccess']);

  const page = await call(base, 'GET', '/');
  const csp = String(page.headers['content-security-policy']);
  t.match(csp, /frame-ancestors 'none'/, 'no framing');
  t.match(csp, /script-src 'self'/, 'scripts from the console only');
  t.notMatch(csp, /unsafe-inline|unsafe-eval/, 'nothing inline, no eval');
  t.equal(page.headers['x-content-type-options'], 'nosniff');

  t.equal((await call(base, 'GET', '/api/session')).status, 401, 'no session yet');
  const wrong = await call(base, 'POST', '/api/session', { body: { accessKeyId: admin.id, secretAccessKey: 'x'.repeat(40) } });
  t.equal(wrong.body.__type, 'UnrecognizedClientException', 'a wrong secret is refused');
  t.equal(wrong.headers['set-cookie'], undefined, 'and opens nothing');
  const foreign = await call(base, 'POST', '/api/session', { body: { accessKeyId: admin.id, secretAccessKey: admin.secret }, origin: 'http://127.0.0.1:1' });
  t.equal(foreign.status, 403, 'a sign-in from another origin is refused');

  const signIn = await call(base, 'POST', '/api/session', { body: { accessKeyId: admin.id, secretAccessKey: admin.secret } });
  t.equal(signIn.status, 200);
  const setCookie = String((signIn.headers['set-cookie'] as string[])[0]);
  t.match(setCookie, /HttpOnly/, 'the page cannot read the session');
  t.match(setCookie, /SameSite=Strict/);
  t.notMatch(setCookie, /Secure/, 'not Secure over plain HTTP on loopback (a browser would drop it)');
  t.notOk(signIn.text.includes(admin.secret), 'the secret is never sent back');
  t.equal(signIn.body.userName, 'console-admin');
  const cookie = cookieOf(signIn);
  const csrf = signIn.body.csrfToken as string;

  const ok = await call(base, 'POST', '/api/call/ecs/CreateCluster', { body: { clusterName: `console-${process.pid}` }, cookie, csrf });
  t.equal(ok.status, 200, 'a call through the seam');
  t.equal(ok.body.cluster.clusterName, `console-${process.pid}`);
  t.equal((await call(base, 'POST', '/api/call/ecs/ListClusters', { body: {}, cookie })).status, 403, 'no CSRF token: refused');
  t.equal((await call(base, 'POST', '/api/call/ecs/ListClusters', { body: {}, cookie, csrf: 'x'.repeat(32) })).status, 403, 'a wrong CSRF token: refused');
  const cross = await call(base, 'POST', '/api/call/ecs/ListClusters', { body: {}, cookie, csrf, origin: `http://127.0.0.1:${Number(new URL(base).port) + 1}` });
  t.equal(cross.status, 403, 'another port of the same host is another origin: refused');
  t.equal((await call(base, 'POST', '/api/call/ecs/ListClusters', { body: {}, cookie, csrf, origin: null })).status, 403, 'no Origin: refused');
  const bad = await call(base, 'POST', '/api/call/ecs/RunTask', { body: { cluster: `console-${process.pid}`, taskDefinition: 'nope', bogus: 1 }, cookie, csrf });
  t.equal(bad.body.__type, 'InvalidParameterException', 'the model is checked as on every transport');
  t.same((await call(base, 'GET', '/api/session', { cookie })).body.userName, 'console-admin', 'the session is read back');

  const readerIn = await call(base, 'POST', '/api/session', { body: { accessKeyId: reader.id, secretAccessKey: reader.secret } });
  const rCookie = cookieOf(readerIn);
  const rCsrf = readerIn.body.csrfToken as string;
  const may = await call(base, 'POST', '/api/permissions', { body: { cluster: `console-${process.pid}` }, cookie: rCookie, csrf: rCsrf });
  t.equal(may.body.RunTask, false, 'a read-only user is told it may not run tasks');
  t.equal((await call(base, 'POST', '/api/permissions', { body: { cluster: `console-${process.pid}` }, cookie, csrf })).body.RunTask, true, 'the admin may');
  const refused = await call(base, 'POST', '/api/call/ecs/RunTask', { body: { cluster: `console-${process.pid}`, taskDefinition: 'web' }, cookie: rCookie, csrf: rCsrf });
  t.equal(refused.body.__type, 'AccessDeniedException', 'and the server refuses it anyway');
  t.match(refused.body.message, /console-reader is not authorized to perform: ecs:RunTask/);
  t.equal((await call(base, 'POST', '/api/call/ecs/ListClusters', { body: {}, cookie: rCookie, csrf: rCsrf })).status, 200, 'reading is allowed');

  const stream = await firstEvents(base, `/api/events?cluster=console-${process.pid}`, cookie);
  t.match(stream, /event: caught-up/, 'the event stream opens: the backlog, then live');
  const refusedStream = await firstEvents(base, `/api/events?cluster=console-${process.pid}`, rCookie);
  t.match(refusedStream, /event: error\ndata: \{"name":"AccessDeniedException"/, 'a user without berth:WatchEvents is refused the stream, told why');
  const crossSite = await new Promise<number>((resolve) => httpRequest(new URL('/api/events', base), { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-site' } }, (res) => {
    res.resume();
    resolve(res.statusCode ?? 0);
  }).end());
  t.equal(crossSite, 403, 'a page of another origin cannot open the stream as the user');

  t.equal((await call(base, 'POST', '/api/sign-out', { body: {}, cookie, csrf })).status, 200);
  t.equal((await call(base, 'POST', '/api/call/ecs/ListClusters', { body: {}, cookie, csrf })).status, 401, 'signed out: the session is gone');
});

t.test('sign-in is rate limited per source; sessions expire; HTTPS sets Secure', async (t) => {
  const s = await startTestServer({ server: { console: { listen: '127.0.0.1:0', tls: true, ttlSeconds: 2, signInRate: { perSource: { burst: 3, perSecond: 0.01 } } } } });
  t.teardown(() => s.close());
  const base = s.server.consoleUrl!;
  const ca = s.tls!.caPem;
  t.match(base, /^https:/, 'HTTPS with the cluster CA');
  const user = await userWithKey(s.client, 'console-expiry');
  const signIn = await call(base, 'POST', '/api/session', { body: { accessKeyId: user.id, secretAccessKey: user.secret }, ca });
  t.match(String((signIn.headers['set-cookie'] as string[])[0]), /; Secure/, 'Secure over HTTPS');
  const cookie = cookieOf(signIn);
  t.equal((await call(base, 'GET', '/api/session', { cookie, ca })).status, 200);
  for (let i = 0; i < 2; i++) await call(base, 'POST', '/api/session', { body: { accessKeyId: user.id, secretAccessKey: 'wrong' }, ca });
  const throttled = await call(base, 'POST', '/api/session', { body: { accessKeyId: user.id, secretAccessKey: user.secret }, ca });
  t.equal(throttled.body.__type, 'ThrottlingException', 'past the burst, even the right secret waits');
  await new Promise((r) => setTimeout(r, 2500));
  t.equal((await call(base, 'GET', '/api/session', { cookie, ca })).status, 401, 'the session expired');
});

t.test('the name a Host header holds', async (t) => {
  const cases: [string, string][] = [
    ['127.0.0.1:7422', '127.0.0.1'],
    ['Console.Example.:443', 'console.example'],
    ['[::1]:7422', '::1'],
    ['localhost', 'localhost'],
    ['a:b:c', ''],
    ['', ''],
  ];
  for (const [host, want] of cases) t.equal(hostHeaderName(host), want, host || '(empty)');
});

t.test('a page that reaches the console by another name (DNS rebinding) is refused; quiet event streams carry keep-alives', async (t) => {
  const s = await startTestServer({ server: { console: { listen: '127.0.0.1:0', keepAliveMs: 200 } } });
  t.teardown(() => s.close());
  const base = s.server.consoleUrl!;
  const port = Number(new URL(base).port);
  const user = await userWithKey(s.client, 'console-rebinding');
  // The attacker's name resolves to 127.0.0.1: to the browser the console is then that name's own origin.
  const evil = `rebind.example:${port}`;
  const page = await call(base, 'GET', '/', { host: evil });
  t.equal(page.status, 421, 'the app is not served under another name');
  t.equal(page.body.__type, 'MisdirectedRequest');
  t.match(page.body.message, /DNS rebinding/, 'and says why');
  const signIn = await call(base, 'POST', '/api/session', { body: { accessKeyId: user.id, secretAccessKey: user.secret }, host: evil, origin: `http://${evil}` });
  t.equal(signIn.status, 421, 'nor a sign-in whose Origin matches that name');
  t.equal(signIn.headers['set-cookie'], undefined, 'which opens nothing');
  t.equal((await call(base, 'GET', '/', { host: `127.0.0.1.rebind.example:${port}` })).status, 421, 'a name that merely begins with its own');
  for (const name of ['localhost', '127.0.0.1', '[::1]']) t.equal((await call(base, 'GET', '/', { host: `${name}:${port}` })).status, 200, `${name} is a name of a console on loopback`);

  const signedIn = await call(base, 'POST', '/api/session', { body: { accessKeyId: user.id, secretAccessKey: user.secret } });
  const quiet = await new Promise<string>((resolve, reject) => {
    const req = httpRequest(new URL(`/api/events?cluster=quiet-${process.pid}`, base), { headers: { Cookie: cookieOf(signedIn) } }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
        // Two comments after the backlog, nothing else on the stream meanwhile.
        if ((text.split('event: caught-up')[1]?.match(/^: keep-alive$/gm)?.length ?? 0) >= 2) {
          req.destroy();
          resolve(text);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
  t.match(quiet, /event: caught-up\ndata: \{\}\n\n(: keep-alive\n\n){2}$/, 'a quiet stream: a comment each keepAliveMs, which EventSource ignores');
});

t.test('a task\'s log stream: signed in only, authorized as berth:GetTaskLogs, its refusals as error messages', async (t) => {
  const s = await startTestServer({ server: { console: { listen: '127.0.0.1:0' } } });
  t.teardown(() => s.close());
  const base = s.server.consoleUrl!;
  const cluster = `console-logs-${process.pid}`;
  await s.client.call('CreateCluster', { clusterName: cluster });
  const signedIn = async (name: string, policies?: string[]) => {
    const key = await userWithKey(s.client, name, policies);
    return cookieOf(await call(base, 'POST', '/api/session', { body: { accessKeyId: key.id, secretAccessKey: key.secret } }));
  };
  const admin = await signedIn('console-logs-admin');
  const nobody = await signedIn('console-logs-nobody', []);
  const path = `/api/logs?cluster=${cluster}&task=${'0'.repeat(32)}&tail=10`;
  t.equal((await call(base, 'GET', path)).status, 401, 'not signed in: refused');
  t.equal((await call(base, 'GET', `/api/logs?cluster=${cluster}&task=x&tail=many`, { cookie: admin })).body.__type, 'InvalidParameterException', 'tail must be a number of lines');
  const refused = await firstEvents(base, path, nobody);
  t.match(refused, /event: error\ndata: \{"name":"AccessDeniedException","message":"[^"]*berth:GetTaskLogs/, 'a user without berth:GetTaskLogs is refused, told which action');
  const missing = await firstEvents(base, path, admin);
  t.match(missing, /event: error\ndata: \{"name":"InvalidParameterException","message":"The referenced task was not found\."/, 'a task that does not exist: said so, and the stream ends');
});
