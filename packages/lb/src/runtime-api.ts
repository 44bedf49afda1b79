// HAProxy's runtime API over its UNIX socket (mode 0600, in berth-lb's directory): one connection per
// command, its whole answer read. `show stat` is parsed for the servers' check results and the backends'
// HTTP counters.
import { connect } from 'node:net';
import type { TargetGroupCounters } from '@berth/core';

export function runtimeCommand(socketPath: string, command: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(socketPath);
    let out = '';
    const timer = setTimeout(() => sock.destroy(new Error(`HAProxy's runtime API did not answer '${command}' within ${timeoutMs} ms`)), timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.end(`${command}\n`));
    sock.on('data', (d: string) => { out += d; });
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

/** Runs commands one by one; an answer that is not empty is an error HAProxy reported (set commands answer nothing). */
export async function runtimeCommands(socketPath: string, commands: string[]): Promise<void> {
  for (const c of commands) {
    const answer = (await runtimeCommand(socketPath, c)).trim();
    if (answer !== '' && !/^(done|Health check|No need to change)/i.test(answer)) throw new Error(`HAProxy refused '${c}': ${answer}`);
  }
}

export interface ServerStat {
  backend: string;
  server: string;
  /** UP, DOWN, MAINT, DRAIN, NOLB, `UP 1/2` (going down), `DOWN 1/2` (going up), `no check`. */
  status: string;
  /** L7OK, L7STS, L4CON, L4TOUT, L7TOUT, ... */
  checkStatus: string;
  checkCode: string;
  /** Requests sent to it (stot, sessions in TCP). */
  total: number;
}

/**
 * A backend's HTTP counters since the worker started (`show stat`'s BACKEND row), as ELB's metrics take them,
 * and its connections to targets: opened (`connect`) and open now (its servers' `used_conn_cur` and
 * `idle_conn_cur`: in use, and kept for reuse).
 */
export type BackendStat = { backend: string } & Pick<Required<TargetGroupCounters>, 'requests' | 'http2xx' | 'http3xx' | 'http4xx' | 'http5xx' | 'responseTimeMs' | 'connections' | 'activeConnections'>;

/** A frontend's client connections: accepted since the worker started (`conn_tot`) and open now (`scur`). */
export interface FrontendStat {
  frontend: string;
  connections: number;
  activeConnections: number;
}

/** `show stat`'s server, backend and frontend rows, from one answer. */
export async function stats(socketPath: string): Promise<{ servers: ServerStat[]; backends: BackendStat[]; frontends: FrontendStat[] }> {
  const text = await runtimeCommand(socketPath, 'show stat');
  const [header, ...rows] = text.split('\n').filter((l) => l.trim() !== '');
  const cols = (header ?? '').replace(/^# /, '').split(',');
  const at = (name: string) => cols.indexOf(name);
  const fields = rows.map((r) => r.split(','));
  const num = (f: string[], name: string) => Number(f[at(name)] || 0);
  const servers = fields.filter((f) => f[at('svname')] !== 'FRONTEND' && f[at('svname')] !== 'BACKEND');
  const open = new Map<string, number>();
  for (const f of servers) open.set(f[at('pxname')] ?? '', (open.get(f[at('pxname')] ?? '') ?? 0) + num(f, 'used_conn_cur') + num(f, 'idle_conn_cur'));
  return {
    servers: servers.map((f) => ({
      backend: f[at('pxname')] ?? '', server: f[at('svname')] ?? '', status: f[at('status')] ?? '',
      checkStatus: f[at('check_status')] ?? '', checkCode: f[at('check_code')] ?? '', total: num(f, 'stot'),
    })),
    backends: fields.filter((f) => f[at('svname')] === 'BACKEND').map((f) => ({
      backend: f[at('pxname')] ?? '', requests: num(f, 'req_tot'), http2xx: num(f, 'hrsp_2xx'), http3xx: num(f, 'hrsp_3xx'),
      http4xx: num(f, 'hrsp_4xx'), http5xx: num(f, 'hrsp_5xx'), responseTimeMs: num(f, 'rtime'),
      connections: num(f, 'connect'), activeConnections: open.get(f[at('pxname')] ?? '') ?? 0,
    })),
    frontends: fields.filter((f) => f[at('svname')] === 'FRONTEND').map((f) => ({
      frontend: f[at('pxname')] ?? '', connections: num(f, 'conn_tot'), activeConnections: num(f, 'scur'),
    })),
  };
}


/** The worker's process id (`show info`): a reload starts a new worker. */
export async function workerPid(socketPath: string): Promise<number> {
  const m = /^Pid: (\d+)$/m.exec(await runtimeCommand(socketPath, 'show info'));
  if (!m) throw new Error('HAProxy\'s show info has no Pid');
  return Number(m[1]);
}
