// berth logs TASK and berth exec TASK -- CMD: a container's Docker log and a command in it, through the
// control plane and the agent's session (BerthTasks), as kubectl logs and kubectl exec go through the
// kubelet. Output is written as it comes, and while this terminal (or pipe) does not take more the call is
// paused, which stops the container's side too.
import { executeCommand, taskLogs, type OutputSink } from '@berth/api';
import { parseGoDuration } from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError, clusterFromArn } from '../context.js';

export interface TaskLogsOptions {
  container?: string;
  follow?: boolean;
  since?: string;
  tail?: string;
  timestamps?: boolean;
}

export interface ExecOptions {
  container?: string;
  stdin?: boolean;
  tty?: boolean;
}

/** Where output goes: fd 1 to stdout, 2 to stderr, and 'drain' once the one that filled up drained. */
export interface Terminal {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  /** Tells of window size changes (process.stdout's 'resize'). */
  size?(): { rows: number; cols: number } | undefined;
  onResize?(fn: () => void): void;
  onSignal?(fn: (name: string) => void): void;
  warn(text: string): void;
}

export function processTerminal(warn: (s: string) => void): Terminal {
  const out = process.stdout as NodeJS.WriteStream;
  return {
    stdout: out, stderr: process.stderr, stdin: process.stdin, warn,
    size: () => (out.isTTY ? { rows: out.rows, cols: out.columns } : undefined),
    onResize: (fn) => void out.on('resize', fn),
    onSignal: (fn) => {
      for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => fn(s));
    },
  };
}

function sink(term: Terminal): OutputSink {
  let blocked: NodeJS.WritableStream | undefined;
  return {
    write(fd, data) {
      const to = fd === 2 ? term.stderr : term.stdout;
      if (to.write(data)) return true;
      blocked = to;
      return false;
    },
    once(_event, fn) {
      (blocked ?? term.stdout).once('drain', fn);
    },
  };
}

/** The task and its cluster: a full ARN names its own (--cluster must agree). */
function target(ctx: CommandContext, task: string): { cluster: string; task: string } {
  return { cluster: ctx.cluster(clusterFromArn(task)), task };
}

export async function logs(ctx: CommandContext, task: string, opts: TaskLogsOptions, term: Terminal): Promise<void> {
  let tail: number | undefined;
  if (opts.tail !== undefined) {
    tail = Number(opts.tail);
    if (!Number.isInteger(tail) || tail < 0) throw new UsageError(`--tail must be a whole number of lines (got ${opts.tail})`);
  }
  const since = opts.since !== undefined ? (Date.now() - parseGoDuration(opts.since, '--since')) / 1000 : undefined;
  const call = await taskLogs(ctx.client.taskIo(), {
    ...target(ctx, task),
    ...(opts.container !== undefined ? { container: opts.container } : {}),
    follow: opts.follow === true, timestamps: opts.timestamps === true,
    ...(since !== undefined ? { since } : {}), ...(tail !== undefined ? { tail } : {}),
  }, sink(term));
  term.onSignal?.(() => call.cancel());
  await call.done;
}

/** Runs the command; returns its exit code (the CLI's). */
export async function exec(ctx: CommandContext, task: string, command: string[], opts: ExecOptions, term: Terminal): Promise<number> {
  if (command.length === 0) throw new UsageError('missing the command: berth exec TASK -- COMMAND [ARGS...]');
  let tty = opts.tty === true;
  if (tty && !term.stdin.isTTY) {
    term.warn('Unable to use a TTY - input is not a terminal\n');
    tty = false;
  }
  const size = tty ? term.size?.() : undefined;
  const session = await executeCommand(ctx.client.taskIo(), {
    ...target(ctx, task),
    ...(opts.container !== undefined ? { container: opts.container } : {}),
    command, tty, stdin: opts.stdin === true,
    ...(size ? { size } : {}),
  }, sink(term));
  const stdin = term.stdin;
  if (tty) stdin.setRawMode?.(true);
  if (opts.stdin) {
    stdin.on('data', (d: Buffer) => {
      if (!session.write(d)) {
        stdin.pause();
        session.onDrain(() => stdin.resume());
      }
    });
    stdin.on('end', () => session.closeStdin());
    stdin.resume();
  }
  if (tty) term.onResize?.(() => {
    const s = term.size?.();
    if (s) session.resize(s.rows, s.cols);
  });
  // Without a TTY a signal to this process goes to the command (with one, Ctrl-C is a byte of input); a second
  // one gives up on it.
  let signalled = false;
  term.onSignal?.((name) => {
    if (signalled) return session.cancel();
    signalled = true;
    session.signal(name);
  });
  try {
    return await session.exitCode;
  } finally {
    if (tty) stdin.setRawMode?.(false);
    stdin.pause();
    (stdin as { destroy?(): void }).destroy?.();
  }
}
