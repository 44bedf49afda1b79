// A second, real dockerd for tests that restart Docker under an agent or need a bridge of their own. It has
// its own bridge (created here: never --bridge=none, which deletes the host's docker0), data-root,
// exec-root, pidfile and socket under a temp dir, and leaves the host's iptables and ip_forward alone. Its
// bridge is created without an address: at its first start dockerd gives it one from
// --default-address-pool (a /24 of 10.213.0.0/16 no route uses), so, as on a fresh machine, `docker
// network inspect bridge` shows the subnet and no Gateway. A container has come and gone, so the bridge
// has no carrier (Node's os.networkInterfaces() does not list it), as docker0 with no container running.
//
// --default-address-pool is given at the first start only, on an empty data-root: dockerd 20.10 started
// with it while its network store holds a default bridge network deletes the interface named docker0
// (the host's!), whatever --bridge says. Later starts take the address the bridge already has.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { IMAGE, until } from './e2e-helpers.js';

let bridges = 0;

/** A /24 of 10.213.0.0/16 that no route of this host covers (nor `avoid`), starting from one picked per process. */
function freePool(avoid: string[] = []): string {
  const routes = execFileSync('ip', ['-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' });
  const start = (process.pid * 7) % 256;
  for (let i = 0; i < 256; i++) {
    const pool = `10.213.${(start + i) % 256}.0/24`;
    const prefix = pool.slice(0, pool.lastIndexOf('.') + 1);
    if (!routes.includes(prefix) && !routes.includes('10.213.0.0/16') && !avoid.includes(pool)) return pool;
  }
  throw new Error('no free /24 in 10.213.0.0/16');
}

export class SecondDockerd {
  readonly dir: string;
  readonly bridge: string;
  readonly socket: string;
  /** The address pool its bridge takes its address from (changes with recreateBridge). */
  pool: string;
  readonly client: Docker;
  private child?: ChildProcess;
  private exited?: Promise<void>;

  /** Variables added to dockerd's environment (its awslogs driver reads AWS credentials from there). */
  private env: Record<string, string> = {};

  private constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'berth-dockerd-'));
    this.bridge = `bt${process.pid.toString(36)}${bridges++}`.slice(0, 15);
    this.socket = join(this.dir, 'docker.sock');
    this.pool = freePool();
    this.client = new Docker({ socketPath: this.socket });
  }

  /** Creates the bridge, starts dockerd (with `env` added to its environment) and loads the test image into it. */
  static async start(env: Record<string, string> = {}): Promise<SecondDockerd> {
    const d = new SecondDockerd();
    d.env = env;
    try {
      d.addBridge();
      await d.run(true);
      execFileSync('/bin/sh', ['-c', `docker save ${IMAGE} | DOCKER_HOST=${d.host} docker load -q`], { stdio: 'ignore' });
      // A container came and went: the bridge has no carrier now, as docker0 with no container running.
      d.docker('run', '--rm', IMAGE, 'true');
      await until('the bridge without carrier', async () => readFileSync(`/sys/class/net/${d.bridge}/operstate`, 'utf8').trim() === 'down' || undefined);
    } catch (e) {
      await d.close();
      throw e;
    }
    return d;
  }

  /** DOCKER_HOST for clients of this daemon. */
  get host(): string {
    return `unix://${this.socket}`;
  }

  /** The bridge's IPv4 address, as `ip addr` shows it. */
  bridgeAddress(): string | undefined {
    return /inet (\d+\.\d+\.\d+\.\d+)\//.exec(execFileSync('ip', ['-4', '-o', 'addr', 'show', 'dev', this.bridge], { encoding: 'utf8' }))?.[1];
  }

  /** The docker CLI against this daemon. */
  docker(...args: string[]): string {
    return execFileSync('docker', args, { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: this.host } }).trim();
  }

  /** Stops dockerd as a service manager does (SIGTERM): it removes its socket, stops the containers, exits. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGTERM');
    await this.exited;
    this.child = undefined;
  }

  /** Starts dockerd again (after stop). */
  async restart(): Promise<void> {
    await this.run();
  }

  /**
   * With dockerd stopped: deletes the bridge and makes it again with an address from another pool, and
   * clears dockerd's network store (else dockerd puts the stored subnet back on the bridge).
   */
  recreateBridge(): void {
    if (this.child) throw new Error('stop dockerd first');
    execFileSync('ip', ['link', 'del', this.bridge]);
    rmSync(join(this.dir, 'data', 'network'), { recursive: true, force: true });
    this.pool = freePool([this.pool]);
    this.addBridge(`${this.pool.slice(0, this.pool.lastIndexOf('.'))}.1/24`);
  }

  /** Stops dockerd (SIGKILL if it hangs), deletes its bridge and its directory. */
  async close(): Promise<void> {
    if (this.child) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
      await this.exited;
      clearTimeout(timer);
      this.child = undefined;
    }
    // dockerd unmounts on a clean exit; after a SIGKILL its mounts under our directory may remain.
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n').reverse()) {
      const where = line.split(' ')[1];
      if (where?.startsWith(this.dir)) execFileSync('umount', ['-l', where], { stdio: 'ignore' });
    }
    try {
      execFileSync('ip', ['link', 'del', this.bridge], { stdio: 'ignore' });
    } catch {
      /* not there */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private addBridge(address?: string): void {
    execFileSync('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
    if (address) execFileSync('ip', ['addr', 'add', address, 'dev', this.bridge]);
    execFileSync('ip', ['link', 'set', this.bridge, 'up']);
  }

  private async run(first = false): Promise<void> {
    const log = openSync(join(this.dir, 'dockerd.log'), 'a');
    const child = spawn('dockerd', [
      `--bridge=${this.bridge}`,
      ...(first ? ['--default-address-pool', `base=${this.pool},size=24`] : []),
      '--data-root', join(this.dir, 'data'),
      '--exec-root', join(this.dir, 'exec'),
      '--pidfile', join(this.dir, 'docker.pid'),
      '--host', this.host,
      '--iptables=false',
      '--ip-forward=false',
      '--log-level=warn',
    ], { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...this.env } });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await until('second dockerd answering', async () => (await this.client.ping().then(() => true, () => false)) || undefined, 60_000);
  }
}
