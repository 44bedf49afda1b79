// An optional HTTP listener of the agent: binds HOST:PORT (port 0 picks one), logs one
// {"msg":"listening","name":...,"addr":...} line once bound, and when the address cannot be bound (a port
// already taken, an address not there yet) logs it and tries again later, never failing the agent (as
// amazon-ecs-agent does with its introspection server).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@berth/api';

export interface ListenAddr {
  host: string;
  port: number;
}

/** `HOST:PORT` or `[V6]:PORT`; port 0 means "pick one". Throws with the setting's name. */
export function parseListenAddr(s: string, setting: string): ListenAddr {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(s.trim()) ?? /^([^:\s]+):(\d+)$/.exec(s.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${setting}: expected HOST:PORT (port 0 picks a free port), got '${s}'`);
  return { host: m[1]!, port };
}

export const formatAddr = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

export interface ListenerOptions extends ListenAddr {
  name: string;
  log: Logger;
  handler: http.RequestListener;
  /** First retry delay, doubled up to maxRetryMs (default 1 s to 30 s). */
  retryMs?: number;
  maxRetryMs?: number;
}

export class Listener {
  readonly name: string;
  readonly host: string;
  private readonly wantedPort: number;
  private readonly log: Logger;
  private readonly server: http.Server;
  private readonly retry: { min: number; max: number };
  private boundPort?: number;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private failures = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(o: ListenerOptions) {
    this.name = o.name;
    this.host = o.host;
    this.wantedPort = o.port;
    this.log = o.log;
    this.retry = { min: o.retryMs ?? 1000, max: o.maxRetryMs ?? 30_000 };
    this.server = http.createServer(o.handler);
    this.server.keepAliveTimeout = 5_000;
  }

  /** Starts binding; resolves after the first attempt (bound or not). */
  start(): Promise<void> {
    return this.attempt();
  }

  /** The bound port; before that, the configured one if it is fixed. */
  port(): number | undefined {
    return this.boundPort ?? (this.wantedPort !== 0 ? this.wantedPort : undefined);
  }

  addr(): string | undefined {
    return this.boundPort === undefined ? undefined : formatAddr(this.host, this.boundPort);
  }

  /** Resolves once bound (or at once if already). */
  bound(): Promise<void> {
    if (this.boundPort !== undefined) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  private attempt(): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.closed) return resolve();
      const onError = (e: NodeJS.ErrnoException) => {
        this.server.removeListener('listening', onListening);
        const delay = Math.min(this.retry.min * 2 ** this.failures, this.retry.max);
        this.failures++;
        // First failure and every tenth after: a port held for hours must not flood the log.
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.log.warn('cannot listen; will try again', { name: this.name, addr: formatAddr(this.host, this.wantedPort), error: e.code ?? e.message, attempt: this.failures, retryInMs: delay });
        }
        if (!this.closed) this.timer = setTimeout(() => void this.attempt(), delay);
        resolve();
      };
      const onListening = () => {
        this.server.removeListener('error', onError);
        this.boundPort = (this.server.address() as AddressInfo).port;
        this.log.info('listening', { name: this.name, addr: this.addr() });
        for (const w of this.waiters.splice(0)) w();
        resolve();
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen({ host: this.host, port: this.wantedPort, exclusive: true });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.boundPort === undefined) return;
    await new Promise<void>((r) => {
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }
}

/** Writes a JSON answer. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
  res.end(data);
}
