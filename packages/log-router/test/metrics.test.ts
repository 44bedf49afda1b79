// The router's /metrics, scraped over HTTP from a router taking real Forward messages on its unix socket:
// entries in (and a resent chunk recognised), bytes buffered, and per output what was shipped and how
// often a send failed (a syslog server that is not there), with the process's own figures; beyond
// loopback only with a scrape token.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode } from '@msgpack/msgpack';
import { parseConfig, routerRegistry, serveMetrics, startRouter } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-router-metrics-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port nothing listens on. */
const closedPort = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

const router = await startRouter({
  ...parseConfig(JSON.stringify({
    outputs: [
      { Name: 'file', Match: 'app-*', Path: join(dir, 'out'), File: 'app.log', Format: 'plain', Mkdir: 'true' },
      { Name: 'syslog', Match: '*', host: '127.0.0.1', port: String(closedPort), mode: 'tcp', syslog_message_key: 'log' },
    ],
  })),
  listen: `unix:${join(dir, 'fluent.sock')}`,
  bufferDir: join(dir, 'buffer'),
});
const metrics = await serveMetrics(routerRegistry(router), '127.0.0.1:0');
t.teardown(async () => {
  metrics.server.close();
  await router.close();
});

/** Sends one Forward-mode message and waits for its acknowledgement. */
async function send(chunk: string, lines: string[]): Promise<void> {
  const sock = connect(join(dir, 'fluent.sock'));
  await new Promise((r) => sock.once('connect', r));
  const now = Math.floor(Date.now() / 1000);
  sock.write(encode(['app-firelens-1', lines.map((log) => [now, { log, source: 'stdout' }]), { chunk }]));
  const ack = await new Promise<Buffer>((r) => sock.once('data', r));
  t.same(decode(ack), { ack: chunk }, `chunk ${chunk} acknowledged`);
  sock.destroy();
}

async function scrape(): Promise<Map<string, number>> {
  const text = await (await fetch(`http://${metrics.address}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

async function until(what: string, check: (m: Map<string, number>) => boolean): Promise<Map<string, number>> {
  const end = Date.now() + 20_000;
  for (;;) {
    const m = await scrape();
    if (check(m)) return m;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify([...m].filter(([k]) => !k.includes('process_') && !k.includes('nodejs_')))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('entries in, bytes buffered, shipped and retried per output', async (t) => {
  await send('c1', ['one', 'two', 'three']);
  await send('c1', ['one', 'two', 'three']); // as after a lost acknowledgement
  await send('c2', ['four']);
  const m = await until('the file output shipped and the syslog output retried', (m) =>
    m.get('berth_log_router_output_records_total{output="file.0"}') === 4 && (m.get('berth_log_router_output_retries_total{output="syslog.1"}') ?? 0) >= 1);
  t.equal(m.get('berth_log_router_input_records_total'), 4, 'four entries in');
  t.equal(m.get('berth_log_router_input_resent_records_total'), 3, 'the resent chunk recognised');
  t.equal(m.get('berth_log_router_input_connections_total'), 3);
  t.ok(m.get('berth_log_router_buffer_bytes')! > 0, 'the buffer holds them (the syslog output has not passed them)');
  t.equal(m.get('berth_log_router_output_records_total{output="syslog.1"}'), 0, 'nothing reached the absent syslog server');
  t.equal(m.get('berth_log_router_output_rejected_records_total{output="file.0"}'), 0);
  t.ok(m.get('process_resident_memory_bytes')! > 0, 'the process\'s own memory');
  await t.rejects(serveMetrics(routerRegistry(router), '0.0.0.0:0'), /beyond loopback: give it a scrape token \(--metrics-token-file\)/, 'beyond loopback only with a token');
  t.equal((await fetch(`http://${metrics.address}/other`)).status, 404);
  const lint = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: await (await fetch(`http://${metrics.address}/metrics`)).text(), encoding: 'utf8' });
  t.equal(lint.status, 0, `promtool check metrics: ${lint.stdout}${lint.stderr}`);
});
