// The configuration berth-lb generates: what each ELB construct becomes (tables), that no user string
// reaches the configuration unescaped (rule values only in pattern files, \xHH-escaped; names quoted),
// and that Debian's HAProxy accepts what is generated (`haproxy -c`), hostile values included.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateConfig, globRegex, quote, statusRegex, weightMap, weightMapCommit, type Backend, type ConfigInput, type Listener } from '../src/index.js';

const HAPROXY = '/usr/sbin/haproxy';
const TG = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/${name}/${name === 'web' ? 'aaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbb'}`;
const backend = (name: string, extra: Partial<Backend> = {}): Backend => ({
  id: name === 'web' ? 'aaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbb', arn: TG(name), protocol: 'HTTP',
  targetGroup: { TargetGroupArn: TG(name), TargetGroupName: name, Protocol: 'HTTP', Port: 80, HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health', HealthCheckEnabled: true, HealthCheckIntervalSeconds: 5, HealthCheckTimeoutSeconds: 2, HealthyThresholdCount: 2, UnhealthyThresholdCount: 2, Matcher: { HttpCode: '200-204' } },
  attributes: { 'deregistration_delay.timeout_seconds': '300', 'slow_start.duration_seconds': '0', 'stickiness.enabled': 'false', 'load_balancing.algorithm.type': 'round_robin' },
  slots: [{ address: '127.0.0.1', port: 32768, draining: false }, { address: '127.0.0.1', port: 32769, draining: true }, null],
  ...extra,
});
const input = (listeners: Listener[], backends = [backend('web'), backend('api')]): ConfigInput => ({ dir: '/run/berth-lb', bindAddress: '127.0.0.1', listeners, backends: new Map(backends.map((b) => [b.arn, b])) });
const forward = (name: string) => [{ Type: 'forward' as const, TargetGroupArn: TG(name) }];

const lines = (text: string) => text.split('\n').map((l) => l.trim());

t.test('escaping: quotes, wildcards, status codes', async (t) => {
  t.equal(quote('a"b\\c$HOME'), '"a\\"b\\\\c\\$HOME"');
  t.throws(() => quote('a\nb'), /printable ASCII/);
  t.equal(globRegex('/api/*'), '\\x2fapi\\x2f.*');
  t.equal(globRegex('a?b c#d'), 'a.b\\x20c\\x23d', 'a space or # never reaches a pattern file as itself');
  t.equal(globRegex('*.example.com'), '.*\\x2eexample\\x2ecom');
  t.equal(statusRegex('200,302-303'), '^(200|302|303)$');
});

t.test('what each construct becomes', async (t) => {
  const listener: Listener = {
    id: '1111111111111111', port: 8080, protocol: 'HTTP', defaultActions: forward('web'),
    rules: [
      { id: '2222222222222222', priority: 1, conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }, { Field: 'host-header', Values: ['API.example.com'] }], actions: forward('api') },
      { id: '3333333333333333', priority: 2, conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['canary'] } }], actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG('web'), Weight: 90 }, { TargetGroupArn: TG('api'), Weight: 10 }] } }] },
      { id: '4444444444444444', priority: 3, conditions: [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } }], actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down\nfor now' } }] },
      { id: '5555555555555555', priority: 4, conditions: [{ Field: 'path-pattern', Values: ['/old'] }], actions: [{ Type: 'redirect', RedirectConfig: { Path: '/new', Query: 'from=old&x=#{query}', StatusCode: 'HTTP_301' } }] },
    ],
  };
  const g = generateConfig(input([listener]));
  const l = lines(g.config);
  t.ok(l.includes('bind 127.0.0.1:8080'));
  t.ok(l.includes('acl r_2222222222222222_0 path -m reg -f "/run/berth-lb/patterns/2222222222222222-0.pat"'));
  t.ok(l.includes('acl r_2222222222222222_1 req.hdr(host),field(1,:) -m reg -i -f "/run/berth-lb/patterns/2222222222222222-1.pat"'));
  t.equal(g.files.get('patterns/2222222222222222-0.pat'), '^\\x2fapi\\x2f.*$\n');
  t.ok(l.includes('acl r_3333333333333333_0 req.hdrs -m reg -i -f "/run/berth-lb/patterns/3333333333333333-0.pat"'));
  t.equal(g.files.get('patterns/3333333333333333-0.pat'), '(^|\\n)X\\x2dEnv:[\\t\\x20]*canary[\\t\\x20]*\\r?(\\n|$)\n', 'a header\'s name goes to the pattern file with its values');
  t.equal(g.files.get('patterns/4444444444444444-0.pat'), '(^|&)v=2(&|$)\n');
  t.ok(l.includes('http-request set-var(txn.rule) str(2222222222222222) if !{ var(txn.rule) -m found } r_2222222222222222_0 r_2222222222222222_1'), 'conditions are ANDed');
  t.ok(l.includes('use_backend b_bbbbbbbbbbbbbbbb if { var(txn.rule) -m str 2222222222222222 }'));
  t.ok(l.includes('http-request set-var(txn.w_3333333333333333) rand(10000) if { var(txn.rule) -m str 3333333333333333 }'), 'weights: one draw');
  t.ok(l.includes('use_backend %[var(txn.w_3333333333333333),map_int(/run/berth-lb/weights/3333333333333333.map,b_aaaaaaaaaaaaaaaa)] if { var(txn.rule) -m str 3333333333333333 }'),
    'the backend whose range of the weight map holds the draw');
  t.equal(g.files.get('weights/3333333333333333.map'), '0:8999 b_aaaaaaaaaaaaaaaa\n9000:9999 b_bbbbbbbbbbbbbbbb\n', '90 and 10: nine tenths of the range and one');
  t.ok(l.includes('http-request return status 503 content-type "text/plain" file "/run/berth-lb/bodies/4444444444444444.body" if { var(txn.rule) -m str 4444444444444444 }'));
  t.equal(g.files.get('bodies/4444444444444444.body'), 'down\nfor now', 'a body with line breaks lives in its own file');
  t.ok(l.includes('http-request redirect location "%[ssl_fc,iif(https,http)]://%[req.hdr(host),field(1,:)]:%[dst_port]/new?from=old&x=%[query]" code 301 if { var(txn.rule) -m str 5555555555555555 }'));
  t.ok(l.includes('use_backend b_aaaaaaaaaaaaaaaa if !{ var(txn.rule) -m found }'), 'the default rule when no rule matched');
  t.ok(l.includes('option httpchk GET "/health"'));
  t.ok(l.includes('http-check expect rstatus ^(200|201|202|203|204)$'));
  t.ok(l.includes('server s0 127.0.0.1:32768 check'));
  t.ok(l.includes('server s1 127.0.0.1:32769 check weight 0'), 'a draining target takes no new requests');
  t.ok(l.includes('server s2 127.0.0.1:1 check disabled'), 'a free slot waits in maintenance');
  t.ok(l.includes('option allbackups'), 'fail-open: every twin takes requests while no target is up');
  t.ok(l.includes('server o0 127.0.0.1:32768 backup non-stick'), 'each slot has a twin without checks, as a backup');
  t.ok(l.includes('server o1 127.0.0.1:32769 backup non-stick weight 0'), 'a draining target\'s twin takes no new requests either');
  t.ok(l.includes('server o2 127.0.0.1:1 backup non-stick disabled'), 'a free slot\'s twin waits in maintenance too');
  t.ok(l.includes('stats socket "/run/berth-lb/runtime.sock" mode 600 level admin expose-fd listeners'), 'the runtime socket is 0600');
  t.ok(l.includes('close-spread-time infinite'), 'a reload closes kept-alive connections only with an answer\'s Connection: close');
});

t.test('a TCP listener and attributes', async (t) => {
  const tcp = backend('api', { protocol: 'TCP', targetGroup: { TargetGroupArn: TG('api'), Protocol: 'TCP', HealthCheckProtocol: 'TCP', HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10, HealthyThresholdCount: 3, UnhealthyThresholdCount: 3, HealthCheckPort: '9000' },
    attributes: { 'stickiness.enabled': 'true', 'stickiness.type': 'source_ip', 'slow_start.duration_seconds': '30', 'load_balancing.algorithm.type': 'least_outstanding_requests' } });
  const g = generateConfig(input([{ id: '6666666666666666', port: 9000, protocol: 'TCP', defaultActions: forward('api'), rules: [] }], [tcp]));
  const l = lines(g.config);
  t.ok(l.includes('mode tcp'));
  t.ok(l.includes('use_backend b_bbbbbbbbbbbbbbbb'));
  t.ok(l.includes('balance leastconn'));
  t.ok(l.includes('stick on src'));
  t.ok(l.includes('default-server inter 10s rise 3 fall 3 port 9000 slowstart 30s'));
  t.notOk(g.config.includes('httpchk'), 'a TCP check is a connection');
});

t.test('Debian\'s HAProxy accepts what is generated, hostile values included (haproxy -c)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-lb-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const hostile: Listener = {
    id: '7777777777777777', port: 18080, protocol: 'HTTP', defaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'application/json', MessageBody: '{"a":"b"}\nbackend evil\n  server x 1.2.3.4:80' } }],
    rules: [
      { id: '8888888888888888', priority: 1, conditions: [{ Field: 'path-pattern', Values: ['/a"b', "/c'd", '/$HOME#x'] }], actions: forward('web') },
      { id: '9999999999999999', priority: 2, conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: "X-#a'b", Values: ['a "b" c', 'x#y'] } }, { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'k"', Value: 'v w' }, { Value: '#' }] } }], actions: [{ Type: 'redirect', RedirectConfig: { Host: 'example.com', Path: '/p "q" %41 $x', Query: 'a=%', StatusCode: 'HTTP_302' } }] },
    ],
  };
  const g = generateConfig({ ...input([hostile]), dir });
  for (const [rel, text] of g.files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  writeFileSync(join(dir, 'haproxy.cfg'), g.config);
  t.notOk(/backend evil/.test(g.config), 'the body\'s text is not in the configuration');
  const out = execFileSync(HAPROXY, ['-c', '-f', 'haproxy.cfg'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  t.match(out, /Configuration file is valid/);
  t.throws(() => generateConfig({ ...input([{ ...hostile, rules: [{ id: 'aaaaaaaaaaaaaaab', priority: 1, conditions: [{ Field: 'path-pattern', Values: ['/a\nb'] }], actions: forward('web') }] }]), dir }), /printable ASCII/,
    'a newline that got past the API still never reaches HAProxy');
});

t.test('weight maps: each group its share of the draw, weight 0 none', async (t) => {
  const rows: [number[], string][] = [
    [[90, 10], '0:8999 a\n9000:9999 b\n'],
    [[1, 0], '0:9999 a\n'],
    [[0, 1], '0:9999 b\n'],
    [[900, 100], '0:8999 a\n9000:9999 b\n'],
    [[1, 1, 1], '0:3332 a\n3333:6666 b\n6667:9999 c\n'],
  ];
  for (const [w, want] of rows) t.equal(weightMap(w.map((weight, i) => ({ backend: 'abc'[i]!, weight }))), want, w.join('/'));
  t.equal(weightMapCommit('/d/weights/x.map', '3', '0:8999 a\n9000:9999 b\n'), 'add map @3 /d/weights/x.map 0:8999 a;add map @3 /d/weights/x.map 9000:9999 b;commit map @3 /d/weights/x.map');
});
