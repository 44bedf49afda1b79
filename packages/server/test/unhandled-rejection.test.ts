// Both bins end on a promise rejection nobody handled: one JSON log line naming it, then a non-zero exit,
// rather than running on in an unknown state. The rejection is planted by a preload module (--import),
// so the real bins run unchanged; it fires on SIGUSR2, which the test sends once the bin has logged what
// shows it is up (not after a fixed delay: a loaded machine can take longer to start).
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers.js';

const PLANT = 'data:text/javascript,process.on("SIGUSR2",()=>{Promise.reject(new Error("planted rejection"))})';

type LogLine = Record<string, unknown>;

/** Runs a bin until it exits; plants the rejection at the first log line for which `up` holds. */
function run(bin: string, args: string[], env: Record<string, string>, up: (l: LogLine) => boolean): Promise<{ code: number | null; lines: LogLine[] }> {
  const child = spawn(process.execPath, ['--import', PLANT, join(REPO_ROOT, bin), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: LogLine[] = [];
  let partial = '';
  let planted = false;
  child.stderr!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    for (const text of parts) {
      let line: LogLine;
      try { line = JSON.parse(text) as LogLine; } catch { continue; }
      lines.push(line);
      if (!planted && up(line)) {
        planted = true;
        child.kill('SIGUSR2');
      }
    }
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => child.on('exit', (code) => {
    clearTimeout(killer);
    resolve({ code, lines });
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'berth-unhandled-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('berth-server logs an unhandled rejection and exits non-zero', async (t) => {
  const { code, lines } = await run('packages/server/bin/berth-server.js', ['--insecure', '--listen', '127.0.0.1:0', '--ecs-listen', 'off', '--metrics-listen', '127.0.0.1:0', '--console-listen', 'off', '--store', `file:${join(dir, 'server', 'berth.db')}`], {}, (l) => l.msg === 'listening');
  t.ok(lines.some((l) => l.msg === 'listening'), 'the server was up before the rejection');
  const last = lines.at(-1)!;
  t.match(last, { level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-server', error: /planted rejection/ });
  t.equal(code, 70);
});

t.test('berth-agent logs an unhandled rejection and exits non-zero', async (t) => {
  // No control plane answers on port 1: the agent keeps retrying until the planted rejection.
  const { code, lines } = await run('packages/agent/bin/berth-agent.js', [], { BERTH_SERVER: '127.0.0.1:1', ECS_DATADIR: join(dir, 'agent'), ECS_CLUSTER: 'unhandled-test' }, () => true);
  const last = lines.at(-1)!;
  t.match(last, { level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-agent', error: /planted rejection/ });
  t.equal(code, 70);
});
