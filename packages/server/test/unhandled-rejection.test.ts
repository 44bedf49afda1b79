// Both bins end on a promise rejection nobody handled: one JSON log line naming it, then a non-zero exit,
// rather than running on in an unknown state. The rejection is planted by a preload module (--import),
// so the real bins run unchanged.
import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers.js';

const PLANT = 'data:text/javascript,setTimeout(()=>Promise.reject(new Error("planted rejection")),4000)';

function run(bin: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const child = spawn(process.execPath, ['--import', PLANT, join(REPO_ROOT, bin), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) => child.on('exit', (code) => {
    clearTimeout(killer);
    const lines = err.split('\n').flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>]; } catch { return []; } });
    resolve({ code, lines });
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'berth-unhandled-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('berth-server logs an unhandled rejection and exits non-zero', async (t) => {
  const { code, lines } = await run('packages/server/bin/berth-server.js', ['--listen', '127.0.0.1:0', '--ecs-listen', 'off', '--store', `file:${join(dir, 'server', 'berth.db')}`], {});
  t.ok(lines.some((l) => l.msg === 'listening'), 'the server was up before the rejection');
  const last = lines.at(-1)!;
  t.match(last, { level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-server', error: /planted rejection/ });
  t.equal(code, 70);
});

t.test('berth-agent logs an unhandled rejection and exits non-zero', async (t) => {
  // No control plane answers on port 1: the agent keeps retrying until the planted rejection.
  const { code, lines } = await run('packages/agent/bin/berth-agent.js', [], { BERTH_SERVER: '127.0.0.1:1', ECS_DATADIR: join(dir, 'agent'), ECS_CLUSTER: 'unhandled-test' });
  const last = lines.at(-1)!;
  t.match(last, { level: 'error', msg: 'unhandled promise rejection: exiting', component: 'berth-agent', error: /planted rejection/ });
  t.equal(code, 70);
});
