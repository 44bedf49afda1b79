// The metrics listener every process serves: /metrics from its own registry, more JSON paths, and the
// scrape token, required beyond loopback and checked on every request when set.
import t from 'tap';
import { Counter } from 'prom-client';
import { checkScrapeExposure, listenForScrapes, processRegistry, scrapeHandler } from '../src/index.js';

t.test('loopback is open; anywhere else needs a token', async (t) => {
  for (const host of ['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost']) t.doesNotThrow(() => checkScrapeExposure(host, undefined, '--metrics-token-file'), host);
  for (const host of ['0.0.0.0', '::', '10.0.0.5']) {
    t.throws(() => checkScrapeExposure(host, undefined, '--metrics-token-file'), /beyond loopback: give it a scrape token \(--metrics-token-file\)/, host);
    t.doesNotThrow(() => checkScrapeExposure(host, 'secret', '--metrics-token-file'), `${host} with a token`);
  }
});

t.test('serves /metrics and JSON paths; a token is checked on every request', async (t) => {
  const registry = processRegistry();
  new Counter({ name: 'demo_things_total', help: 'Things.', registers: [registry] }).inc(3);
  const open = await listenForScrapes('127.0.0.1', 0, scrapeHandler({ registry, json: { '/sd': async () => [{ targets: ['a:1'], labels: {} }] } }));
  const guarded = await listenForScrapes('127.0.0.1', 0, scrapeHandler({ registry, token: 'tok-123' }));
  t.teardown(async () => {
    await open.close();
    await guarded.close();
  });
  const res = await fetch(`http://${open.addr}/metrics`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /text\/plain/);
  const text = await res.text();
  t.match(text, /# HELP demo_things_total Things\.\n# TYPE demo_things_total counter\ndemo_things_total 3/);
  t.match(text, /process_cpu_user_seconds_total/, 'the process metrics are there');
  t.same(await (await fetch(`http://${open.addr}/sd`)).json(), [{ targets: ['a:1'], labels: {} }]);
  t.equal((await fetch(`http://${open.addr}/nothing`)).status, 404);
  t.equal((await fetch(`http://${guarded.addr}/metrics`)).status, 401, 'no token');
  t.equal((await fetch(`http://${guarded.addr}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401, 'a wrong token');
  const ok = await fetch(`http://${guarded.addr}/metrics`, { headers: { authorization: 'Bearer tok-123' } });
  t.equal(ok.status, 200, 'the token');
  t.match(await ok.text(), /demo_things_total 3/);
});
