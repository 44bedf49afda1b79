// The steady bounded load of the lb end-to-end tests, in a process of its own (lb-fixture.ts's load()
// forks it): the control plane and berth-lb that run in the test's process never delay its requests or
// their timeouts, so what it counts is what HAProxy answered. `rate` requests a second, alternately on a
// kept-alive connection and a new one; messages: {phase} names what the errors happened during, {stop}
// ends the load and answers the counts once what is in flight has finished. `bodies` counts the 200
// answers of each phase by their body (which revision answered: a traffic shift's curve).
import { request, Agent } from 'node:http';

const [port, rate] = process.argv.slice(2).map(Number) as [number, number];
const keepAlive = new Agent({ keepAlive: true, maxSockets: 8 });
const counts = { ok: 0, failed: 0, keptAlive: 0, fresh: 0, errors: [] as string[], bodies: {} as Record<string, Record<string, number>> };
let phase = 'start';
let n = 0;
const one = () => {
  const kept = n++ % 2 === 0;
  const req = request({ host: '127.0.0.1', port, path: '/', agent: kept ? keepAlive : false, headers: kept ? {} : { connection: 'close' }, timeout: 10_000 }, (res) => {
    let body = '';
    const at = phase;
    res.setEncoding('utf8');
    res.on('data', (c: string) => { if (body.length < 64) body += c; });
    res.on('end', () => {
      if (res.statusCode === 200) {
        counts.ok++;
        const b = (counts.bodies[at] ??= {});
        b[body.trim()] = (b[body.trim()] ?? 0) + 1;
      }
      else {
        counts.failed++;
        counts.errors.push(`${phase} ${kept ? 'kept' : 'new'}: HTTP ${res.statusCode}`);
      }
    });
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => {
    counts.failed++;
    counts.errors.push(`${phase} ${kept ? 'kept' : 'new'}: ${e.message}`);
  });
  req.end();
  if (kept) counts.keptAlive++;
  else counts.fresh++;
};
const timer = setInterval(() => { for (let i = 0; i < rate / 20; i++) one(); }, 50);

process.on('message', async (m: { phase?: string; stop?: boolean }) => {
  if (m.phase !== undefined) phase = m.phase;
  if (!m.stop) return;
  clearInterval(timer);
  for (let i = 0; i < 150 && counts.ok + counts.failed < n; i++) await new Promise((r) => setTimeout(r, 100));
  keepAlive.destroy();
  process.send!({ sent: n, ...counts }, () => process.exit(0));
});
