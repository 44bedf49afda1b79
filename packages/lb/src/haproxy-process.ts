// The distribution's HAProxy in master-worker mode, run by berth-lb in its directory: started as a daemon
// (so traffic keeps flowing while berth-lb restarts; a new berth-lb adopts it by its pid file), given a
// new configuration by a hitless reload (SIGUSR2 to the master: the new worker takes the listening
// sockets over the runtime socket, `expose-fd listeners`, and the old one finishes its connections), the
// servers' states carried across it in the server-state file. Every configuration is checked with
// `haproxy -c` before it is used.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { GeneratedConfig } from './haproxy-config.js';
import { runtimeCommand, workerPid } from './runtime-api.js';

const run = promisify(execFile);
export const HAPROXY = '/usr/sbin/haproxy';

export class Haproxy {
  readonly socket: string;
  constructor(readonly dir: string, private readonly bin = HAPROXY) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.socket = join(dir, 'runtime.sock');
  }

  /** The master's pid, if one runs from this directory. */
  masterPid(): number | undefined {
    const file = join(this.dir, 'haproxy.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').trim());
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  }

  /** Writes the files, then the configuration (each atomically), checks it with `haproxy -c`; a refused one is not kept. */
  async write(gen: GeneratedConfig): Promise<void> {
    for (const [rel, text] of gen.files) atomicWrite(join(this.dir, rel), text);
    const next = join(this.dir, 'haproxy.cfg.next');
    writeFileSync(next, gen.config, { mode: 0o600 });
    try {
      await run(this.bin, ['-c', '-q', '-f', 'haproxy.cfg.next'], { cwd: this.dir });
    } catch (e) {
      rmSync(next, { force: true });
      throw new Error(`haproxy -c refused the generated configuration: ${String((e as { stderr?: string }).stderr ?? e).trim()}`);
    }
    renameSync(next, join(this.dir, 'haproxy.cfg'));
  }

  /** Files of earlier configurations that the current one no longer names. */
  prune(gen: GeneratedConfig): void {
    for (const sub of ['patterns', 'bodies', 'weights']) {
      const d = join(this.dir, sub);
      if (!existsSync(d)) continue;
      for (const f of readdirSync(d)) if (!gen.files.has(`${sub}/${f}`)) rmSync(join(d, f), { force: true });
    }
  }

  /** Starts the master (a daemon) on the written configuration, or reloads the one already running. */
  async start(): Promise<void> {
    if (this.masterPid() !== undefined) return this.reload();
    await run(this.bin, ['-W', '-D', '-S', `${join(this.dir, 'master.sock')},mode,600`, '-p', 'haproxy.pid', '-f', 'haproxy.cfg'], { cwd: this.dir });
    await this.waitForWorker(undefined);
  }

  /** A hitless reload onto the written configuration; resolves once the new worker answers. */
  async reload(): Promise<void> {
    const master = this.masterPid();
    if (master === undefined) return this.start();
    const old = await workerPid(this.socket).catch(() => undefined);
    // The servers' states (health, maintenance, addresses) go to the new worker through this file.
    writeFileSync(join(this.dir, 'server-state'), await runtimeCommand(this.socket, 'show servers state').catch(() => ''));
    process.kill(master, 'SIGUSR2');
    await this.waitForWorker(old);
  }

  private async waitForWorker(old: number | undefined): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const pid = await workerPid(this.socket).catch(() => undefined);
      if (pid !== undefined && pid !== old) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('HAProxy\'s new worker did not answer on the runtime socket within 10 s');
  }

  /** Stops HAProxy (berth-lb itself leaves it running when it exits: tests and operators stop it). */
  async stop(): Promise<void> {
    const master = this.masterPid();
    if (master === undefined) return;
    process.kill(master, 'SIGTERM');
    for (let i = 0; i < 100 && this.masterPid() !== undefined; i++) await new Promise((r) => setTimeout(r, 50));
  }
}

function atomicWrite(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
