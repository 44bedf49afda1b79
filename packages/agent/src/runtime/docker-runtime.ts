// ContainerRuntime on the Docker Engine API through dockerode.
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import type { Logger } from '@berth/api';
import { silentLogger } from '@berth/api/log.js';
import {
  RuntimeError,
  RuntimeUnavailableError,
  type ContainerRuntime,
  type ContainerState,
  type ContainerSummary,
  type DockerCreateOptions,
  type PortBinding,
  type RuntimeEvent,
  type RuntimeVersion,
  type VolumeCreateOptions,
  type VolumeInfo,
} from './runtime.js';

export interface DockerRuntimeOptions {
  /** A dockerode client to use (then socketPath is ignored). */
  docker?: Docker;
  /** Unix socket; default: DOCKER_HOST when set (handled by docker-modem), else /var/run/docker.sock. */
  socketPath?: string;
  log?: Logger;
  /** Reconnect back-off of the events stream (ms): first and largest delay. */
  eventsRetryMs?: { min: number; max: number };
  /** A pull with no progress for this long fails (ECS_IMAGE_PULL_INACTIVITY_TIMEOUT, default 1 min). */
  pullInactivityTimeoutMs?: number;
}

type DockerErr = Error & { statusCode?: number; json?: unknown; reason?: string; code?: string };

/** Socket errors that mean the daemon did not answer (no HTTP status): stopped, restarting, or gone. */
const UNAVAILABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Docker's own message (for a 404 on a missing image the modem's `reason` is misleading). */
export function dockerMessage(e: unknown): string {
  const err = e as DockerErr;
  const j = err?.json;
  if (j && typeof j === 'object' && typeof (j as { message?: unknown }).message === 'string') return (j as { message: string }).message;
  if (typeof j === 'string' && j.trim() !== '') return j.trim();
  if (Buffer.isBuffer(j)) {
    const s = j.toString('utf8').trim();
    try {
      const o = JSON.parse(s) as { message?: string };
      if (typeof o.message === 'string') return o.message;
    } catch {
      /* not JSON */
    }
    if (s !== '') return s;
  }
  const m = err?.message ?? String(e);
  // docker-modem's "(HTTP code 500) server error - <daemon's message>" when the body was not JSON.
  return /^\(HTTP code \d+\) [^-]*- (.+)$/s.exec(m)?.[1]?.trim() || m;
}

function wrap(e: unknown): RuntimeError {
  if (e instanceof RuntimeError) return e;
  const err = e as DockerErr;
  if (err?.statusCode === undefined && err?.code !== undefined && UNAVAILABLE_CODES.has(err.code)) return new RuntimeUnavailableError(dockerMessage(e));
  return new RuntimeError(dockerMessage(e), err?.statusCode);
}

/** Docker's zero time ("0001-01-01T00:00:00Z") means "never". */
function dockerTime(s: string | undefined): number | undefined {
  if (!s || s.startsWith('0001-01-01')) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

type PortMap = Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined;

export function bindingsFromPorts(ports: PortMap): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, binds] of Object.entries(ports ?? {})) {
    if (!binds) continue;
    const [port, proto] = key.split('/');
    for (const b of binds) {
      const hostPort = Number(b.HostPort);
      if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
      out.push({ bindIP: b.HostIp || '0.0.0.0', containerPort: Number(port), hostPort, protocol: proto === 'udp' ? 'udp' : 'tcp' });
    }
  }
  return out;
}

function volumeInfo(v: { Name: string; Driver: string; Options?: Record<string, string> | null; Labels?: Record<string, string> | null; Mountpoint?: string }): VolumeInfo {
  const out: VolumeInfo = { name: v.Name, driver: v.Driver, options: v.Options ?? {}, labels: v.Labels ?? {} };
  if (v.Mountpoint) out.mountpoint = v.Mountpoint;
  return out;
}

export class DockerRuntime implements ContainerRuntime {
  readonly docker: Docker;
  private readonly log: Logger;
  private readonly retry: { min: number; max: number };
  private readonly pullInactivityMs: number;
  private versionCache?: Promise<RuntimeVersion>;

  /** `new DockerRuntime(options)`, or `new DockerRuntime(dockerode, log)` to share a client. */
  constructor(arg: Docker | DockerRuntimeOptions = {}, log?: Logger) {
    const isClient = typeof (arg as Docker).createContainer === 'function';
    const opts: DockerRuntimeOptions = isClient ? {} : (arg as DockerRuntimeOptions);
    if (isClient) this.docker = arg as Docker;
    else if (opts.docker) this.docker = opts.docker;
    else {
      const socketPath = opts.socketPath ?? (process.env.DOCKER_HOST ? undefined : '/var/run/docker.sock');
      this.docker = socketPath ? new Docker({ socketPath }) : new Docker();
    }
    this.log = log ?? opts.log ?? silentLogger;
    this.retry = opts.eventsRetryMs ?? { min: 250, max: 5000 };
    this.pullInactivityMs = opts.pullInactivityTimeoutMs ?? 60_000;
  }

  /** A runtime whose daemon answered. The engine's version and API version are logged once, on first use. */
  static async connect(arg: Docker | DockerRuntimeOptions = {}, log?: Logger): Promise<DockerRuntime> {
    const rt = new DockerRuntime(arg, log);
    await rt.version();
    return rt;
  }

  version(): Promise<RuntimeVersion> {
    this.versionCache ??= (async () => {
      try {
        const v = await this.docker.version();
        const info = (await this.docker.info().catch(() => ({}))) as { CgroupDriver?: string; CgroupVersion?: string };
        const out: RuntimeVersion = { version: v.Version, apiVersion: v.ApiVersion, cgroupDriver: info.CgroupDriver, cgroupVersion: info.CgroupVersion };
        this.log.info('docker engine', { ...out }); // once: the result is cached
        return out;
      } catch (e) {
        this.versionCache = undefined;
        throw wrap(e);
      }
    })();
    return this.versionCache;
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (e) {
      if ((e as DockerErr).statusCode === 404) return false;
      throw wrap(e);
    }
  }

  async pull(image: string): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await this.docker.pull(image)) as NodeJS.ReadableStream;
    } catch (e) {
      throw wrap(e);
    }
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      let failure: string | undefined;
      let timer: NodeJS.Timeout | undefined;
      const idle = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          (stream as NodeJS.ReadableStream & { destroy?(e?: Error): void }).destroy?.();
          reject(new RuntimeError(`pull of ${image} made no progress for ${Math.round(this.pullInactivityMs / 1000)} s`));
        }, this.pullInactivityMs);
      };
      idle();
      const line = (l: string) => {
        if (!l.trim()) return;
        try {
          const o = JSON.parse(l) as { error?: string; errorDetail?: { message?: string } };
          if (o.error || o.errorDetail) failure ??= o.errorDetail?.message ?? o.error;
        } catch {
          /* ignore a non-JSON line */
        }
      };
      stream.on('data', (chunk: Buffer) => {
        idle();
        buf += chunk.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          line(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
      stream.on('error', (e: unknown) => {
        clearTimeout(timer);
        reject(wrap(e));
      });
      stream.on('end', () => {
        clearTimeout(timer);
        line(buf);
        if (failure !== undefined) reject(new RuntimeError(failure));
        else resolve();
      });
    });
  }

  async create(spec: DockerCreateOptions): Promise<string> {
    try {
      const c = await this.docker.createContainer(spec as unknown as Docker.ContainerCreateOptions);
      return c.id;
    } catch (e) {
      throw wrap(e);
    }
  }

  async start(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (e) {
      if ((e as DockerErr).statusCode === 304) return; // already started
      throw wrap(e);
    }
  }

  async stop(id: string, timeoutSec: number): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: Math.max(0, Math.round(timeoutSec)) });
    } catch (e) {
      if ((e as DockerErr).statusCode === 304) return; // already stopped
      throw wrap(e);
    }
  }

  async inspect(idOrName: string): Promise<ContainerState> {
    let i: Docker.ContainerInspectInfo;
    try {
      i = await this.docker.getContainer(idOrName).inspect();
    } catch (e) {
      throw wrap(e);
    }
    const s = i.State;
    const finishedAt = dockerTime(s.FinishedAt);
    const st: ContainerState = {
      id: i.Id,
      name: i.Name.replace(/^\//, ''),
      running: s.Running,
      status: s.Status,
      labels: i.Config?.Labels ?? {},
      networkBindings: bindingsFromPorts(i.NetworkSettings?.Ports as PortMap),
    };
    const startedAt = dockerTime(s.StartedAt);
    if (startedAt !== undefined) st.startedAt = startedAt;
    if (finishedAt !== undefined) st.finishedAt = finishedAt;
    if (!s.Running && finishedAt !== undefined) st.exitCode = s.ExitCode;
    if (s.OOMKilled) st.oomKilled = true;
    if (s.Error) st.error = s.Error;
    const h = (s as { Health?: { Status?: string; FailingStreak?: number; Log?: { ExitCode?: number; Output?: string }[] } }).Health;
    if (h?.Status) {
      const last = h.Log?.[h.Log.length - 1];
      st.health = { status: h.Status, failingStreak: h.FailingStreak, lastExitCode: last?.ExitCode, lastOutput: last?.Output };
    }
    return st;
  }

  async createVolume(spec: VolumeCreateOptions): Promise<VolumeInfo> {
    try {
      const v = await this.docker.createVolume({ ...spec });
      return volumeInfo(await v.inspect());
    } catch (e) {
      throw wrap(e);
    }
  }

  async inspectVolume(name: string): Promise<VolumeInfo> {
    try {
      return volumeInfo(await this.docker.getVolume(name).inspect());
    } catch (e) {
      throw wrap(e);
    }
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove();
    } catch (e) {
      if ((e as DockerErr).statusCode === 404) return;
      throw wrap(e);
    }
  }

  async importImage(rootfsTar: Buffer, repoTag: string, changes: string[] = []): Promise<void> {
    const i = repoTag.lastIndexOf(':');
    const [repo, tag] = i > repoTag.lastIndexOf('/') ? [repoTag.slice(0, i), repoTag.slice(i + 1)] : [repoTag, 'latest'];
    try {
      const stream = await this.docker.importImage(Readable.from([rootfsTar]) as unknown as NodeJS.ReadableStream, { repo, tag, ...(changes.length ? { changes } : {}) });
      await new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
          const bad = out?.find((o) => o.error);
          if (err || bad) reject(err ?? new Error(bad!.error));
          else resolve();
        });
      });
    } catch (e) {
      throw wrap(e);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (e) {
      const code = (e as DockerErr).statusCode;
      if (code === 404) return;
      if (code === 409 && /already in progress/i.test(dockerMessage(e))) return;
      throw wrap(e);
    }
  }

  async listByLabel(label: string, value: string): Promise<ContainerSummary[]> {
    try {
      const rows = await this.docker.listContainers({ all: true, filters: { label: [`${label}=${value}`] } });
      return rows.map((r) => ({ id: r.Id, name: (r.Names?.[0] ?? '').replace(/^\//, ''), running: r.State === 'running', labels: r.Labels ?? {} }));
    } catch (e) {
      throw wrap(e);
    }
  }

  events(label: string, value: string, onEvent: (e: RuntimeEvent) => void, onReconnected?: () => void): () => void {
    let closed = false;
    let stream: (NodeJS.ReadableStream & { destroy(): void }) | undefined;
    let timer: NodeJS.Timeout | undefined;
    let delay = this.retry.min;
    // Resume point (Docker's `since`, seconds with a fraction): subscription time, then the last event's time.
    let since = (Date.now() / 1000).toFixed(3);
    let failures = 0;

    const reconnect = (why: string) => {
      stream = undefined;
      if (closed) return;
      failures++;
      if (failures === 1 || failures % 20 === 0) this.log.warn('docker events stream lost, reconnecting', { reason: why, attempt: failures });
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, this.retry.max);
    };

    const connect = async () => {
      timer = undefined;
      if (closed) return;
      let s: NodeJS.ReadableStream & { destroy(): void };
      try {
        s = (await this.docker.getEvents({ since, filters: { type: ['container'], label: [`${label}=${value}`] } } as never)) as never;
      } catch (e) {
        reconnect(dockerMessage(e));
        return;
      }
      if (closed) {
        s.destroy();
        return;
      }
      stream = s;
      const lost = failures > 0;
      if (lost) this.log.info('docker events stream reconnected', { after: failures });
      failures = 0;
      delay = this.retry.min;
      let buf = '';
      let ended = false;
      const end = (why: string) => {
        if (ended) return;
        ended = true;
        s.removeAllListeners('data');
        reconnect(why);
      };
      s.on('data', (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const l = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (!l.trim()) continue;
          let raw: { Type?: string; Action?: string; status?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> }; time?: number; timeNano?: number };
          try {
            raw = JSON.parse(l);
          } catch {
            continue;
          }
          if (raw.timeNano) since = (raw.timeNano / 1e9).toFixed(6);
          else if (raw.time) since = String(raw.time);
          if (raw.Type && raw.Type !== 'container') continue;
          const attributes = raw.Actor?.Attributes ?? {};
          const ev: RuntimeEvent = {
            id: raw.Actor?.ID ?? raw.id ?? '',
            action: (raw.Action ?? raw.status ?? '').split(':')[0]!,
            attributes,
            time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
          };
          if (attributes.exitCode !== undefined && attributes.exitCode !== '') ev.exitCode = Number(attributes.exitCode);
          try {
            onEvent(ev);
          } catch (e) {
            this.log.error('docker event handler failed', { error: String(e) });
          }
        }
      });
      s.on('error', (e: unknown) => end(dockerMessage(e)));
      s.on('end', () => end('end of stream'));
      s.on('close', () => end('stream closed'));
      if (!lost) return;
      try {
        onReconnected?.();
      } catch (e) {
        this.log.error('docker reconnect handler failed', { error: String(e) });
      }
    };

    void connect();
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      stream?.destroy();
      stream = undefined;
    };
  }
}
