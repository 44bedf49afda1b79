// A machine for install tests: a root filesystem under an overlay whose changes live on a tmpfs, in a mount
// namespace of the test's own (unshare), entered with chroot. What a test installs there (packages, users,
// /etc/berth) never reaches the real root or the cached one below it, and is gone when the namespace ends.
// The machine shares this one's network (loopback reaches the test's control plane) and Docker: the host's
// socket is bound at /run/docker.sock, so its tasks run on this machine's dockerd. /run is empty (no
// systemd runs there, as in CI). A root of another architecture runs under QEMU (test/arm/binfmt.sh).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MachineRoot {
  /** The machine's / as this machine sees it (inside the namespace only: use `run` and `spawn`). */
  root: string;
  /** Runs a command inside the machine as root; resolves with its exit code and output. */
  run(argv: string[], opts?: { input?: string; env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Starts a long-running command inside the machine. */
  spawn(argv: string[], env?: Record<string, string>): ChildProcess;
  /** Ends the namespace's holder and removes the scratch directory (stop what you started inside first). */
  close(): Promise<void>;
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const SETUP = `set -eu
lower=$1 w=$2 r=$2/root
mount -t tmpfs -o mode=0755 berth-machine "$w/rw"
mkdir -p "$w/rw/upper" "$w/rw/work" "$r"
mount -t overlay berth-machine -o "lowerdir=$lower,upperdir=$w/rw/upper,workdir=$w/rw/work" "$r"
mount -t proc proc "$r/proc"
mount --rbind /sys "$r/sys"
mount --rbind /dev "$r/dev"
mount -t tmpfs -o mode=0755 run "$r/run"
mount -t tmpfs -o mode=1777 tmp "$r/tmp"
touch "$r/run/docker.sock"
mount --bind /run/docker.sock "$r/run/docker.sock"
if [ -n "$3" ]; then mkdir -p "$r/mnt/host"; mount --bind -o ro "$3" "$r/mnt/host"; mount -o remount,bind,ro "$r/mnt/host"; fi
echo ready
exec cat >/dev/null`;

/** A machine on `lower` (a root filesystem directory, e.g. "/" or a debootstrap root); `share`, a directory of
 * this machine's, is seen read-only at /mnt/host there. */
export async function machineRoot(lower: string, share = ''): Promise<MachineRoot> {
  const work = mkdtempSync(join(tmpdir(), 'berth-machine-'));
  mkdirSync(join(work, 'rw'));
  // The namespace lives as long as its holder, which waits on a pipe of ours: closing it ends the holder.
  const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', SETUP, 'sh', lower, work, share], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  holder.stderr!.on('data', (d) => (err += d));
  let ended = '';
  holder.once('exit', (code, signal) => (ended = `the machine's namespace ended (exit ${code ?? signal})`));
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`the machine's namespace did not start (exit ${code}): ${err.trim()}`)));
  });
  const root = join(work, 'root');
  // Without NODE_OPTIONS: tap preloads its process tracking into Node children through it.
  const enter = (argv: string[]) => ['nsenter', '-t', String(holder.pid), '-m', '--', 'chroot', root, 'env', '-u', 'NODE_OPTIONS', ...argv];
  const spawnIn = (argv: string[], env: Record<string, string> = {}): ChildProcess => {
    if (ended) throw new Error(`${ended}: ${err.trim()}`);
    const [cmd, ...args] = enter(argv);
    return spawn(cmd!, args, { env: { PATH, HOME: '/root', LANG: 'C.UTF-8', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  };
  return {
    root,
    spawn: spawnIn,
    run: (argv, opts = {}) => new Promise((resolve) => {
      const child = spawnIn(argv, opts.env);
      let stdout = '', stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr += d));
      // A command that reads no input may exit before it is written: that is no error.
      child.stdin!.on('error', () => {});
      child.stdin!.end(opts.input ?? '');
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    }),
    close: async () => {
      // The test stops what it started inside first; the namespace ends with its last process.
      holder.stdin!.end();
      holder.kill('SIGKILL');
      await new Promise((r) => (holder.exitCode !== null ? r(undefined) : holder.once('exit', r)));
      rmSync(work, { recursive: true, force: true });
    },
  };
}
