// Where operator hooks may send (core/outbound-url.ts): only under a configured prefix, compared after the
// URL parser's normalization, at a boundary; never a URL with credentials or of another scheme.
import t from 'tap';
import { checkOutboundUrl, parseUrlAllowList } from '../src/index.js';

t.test('the allowed prefixes are parsed once, as written past the origin', async (t) => {
  t.same(parseUrlAllowList('https://Hooks.Example:443, http://127.0.0.1:8080/pis/'), ['https://hooks.example', 'http://127.0.0.1:8080/pis/']);
  t.same(parseUrlAllowList('https://h/hooks'), ['https://h/hooks']);
  t.same(parseUrlAllowList(''), []);
  t.throws(() => parseUrlAllowList('ftp://h/'), /not an http or https URL/);
  t.throws(() => parseUrlAllowList('hooks.example'), /not a URL/);
});

t.test('a URL is allowed only under a prefix, at a boundary', async (t) => {
  const allow = parseUrlAllowList('https://hooks.example,http://127.0.0.1:8080/pis');
  const rows: [string, string, boolean | RegExp][] = [
    ['under a bare origin', 'https://hooks.example/scale', true],
    ['the origin itself', 'https://hooks.example', true],
    ['upper case and the default port normalize', 'HTTPS://HOOKS.EXAMPLE:443/x', true],
    ['under a path prefix', 'http://127.0.0.1:8080/pis/up?n=3', true],
    ['the path prefix with a query', 'http://127.0.0.1:8080/pis?n=3', true],
    ['a longer host is not under it', 'https://hooks.example.evil.net/', /not under a URL the server allows/],
    ['another port is not under it', 'https://hooks.example:8443/', /not under/],
    ['a longer path segment is not under it', 'http://127.0.0.1:8080/pistachio', /not under/],
    ['dot segments cannot climb out', 'http://127.0.0.1:8080/pis/../admin', /not under/],
    ['encoded dot segments cannot climb out', 'http://127.0.0.1:8080/pis/%2e%2e/admin', /not under/],
    ['another scheme', 'http://hooks.example/', /not under/],
    ['credentials', 'https://user:pw@hooks.example/', /may not carry credentials/],
    ['not http', 'file:///etc/passwd', /file: URLs are not allowed/],
    ['not a URL', 'hooks.example/x', /is not a URL/],
  ];
  for (const [what, url, want] of rows) {
    const got = checkOutboundUrl(url, allow);
    if (want === true) t.ok(got.ok, what);
    else t.match(got, { ok: false, reason: want }, what);
  }
  t.match(checkOutboundUrl('https://hooks.example/', []), { ok: false, reason: /allows no hook URLs/ }, 'nothing configured: nothing allowed');
  const refused = checkOutboundUrl('https://other.example/hook?token=s3cret#x', allow);
  t.match(refused, { ok: false, reason: 'https://other.example/hook?… is not under a URL the server allows (--hook-url-allow)' }, 'a refusal names the URL without its query, where tokens ride');
  t.notOk(!refused.ok && refused.reason.includes('s3cret'), 'the token is not in the refusal');
  t.same(checkOutboundUrl('https://hooks.example/a/./b', allow), { ok: true, url: 'https://hooks.example/a/b' }, 'the normalized URL is the one called');
});
