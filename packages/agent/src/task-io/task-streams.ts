// The agent's end of the request/stream facility (agent.proto TaskStreamFrame): the control plane opens a
// stream on the session, and the agent reads a container's Docker log (`berth logs TASK`) or runs a command
// in it (`berth exec`, as `docker exec`), only in a container of its own (its instance label and the task's
// ARN). Output goes out only while the server has given credit, and the Docker stream is paused meanwhile,
// so a slow client stops the reading here and, for a command, its writes in the container; input credit goes
// back once Docker took the bytes. The stream ends when the log or the command does (with its exit code),
// when the server cancels it (the command is killed), or when the session is lost.
import type Docker from 'dockerode';
import type { Duplex, Readable } from 'node:stream';
import { Readable as ReadableStream } from 'node:stream';
import type { TaskStreamEnd, TaskStreamFrame, TaskStreamOpen, TerminalSize } from '@berth/core';
import { ReceiveCredit, SendCredit, TASK_STREAM_WINDOW } from '@berth/core/task-stream.js';
import type { Logger } from '@berth/api';
import { INSTANCE_LABEL, LABEL_CONTAINER_NAME, LABEL_TASK_ARN } from '../engine/container-identity.js';
import { DockerDemuxer, type OutputChunk } from './docker-multiplex.js';

/** Log drivers whose log Docker reads back (`docker logs`); the others ship it elsewhere. */
const READABLE_LOG_DRIVERS = ['json-file', 'local', 'journald'];

class StreamError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class AgentTaskStreams {
  private readonly open = new Map<string, OneStream>();

  constructor(private readonly docker: Docker, private readonly instanceId: string, private readonly send: (f: TaskStreamFrame) => void, private readonly log: Logger) {}

  get size(): number {
    return this.open.size;
  }

  onFrame(f: TaskStreamFrame): void {
    if (f.open) {
      const s = new OneStream(f.streamId, f.open, this.send, () => this.open.delete(f.streamId), this.log);
      this.open.set(f.streamId, s);
      void s.start(this.docker, this.instanceId);
      return;
    }
    this.open.get(f.streamId)?.onFrame(f);
  }

  /** The session is gone: every stream ends (the server's ends are gone with it). */
  closeAll(): void {
    for (const s of [...this.open.values()]) s.abort();
  }
}

class OneStream {
  private readonly output: SendCredit;
  private readonly input = new ReceiveCredit(TASK_STREAM_WINDOW);
  private readonly queue: OutputChunk[] = [];
  private source?: Readable;
  private stdin?: Duplex;
  private exec?: Docker.Exec;
  private execPid?: number;
  private sourceDone = false;
  private done = false;
  /** Frames that came before Docker's stream was open (input the client sent at once), replayed then; bounded by the input credit. */
  private early?: TaskStreamFrame[] = [];

  constructor(private readonly id: string, private readonly req: TaskStreamOpen, private readonly send: (f: TaskStreamFrame) => void, private readonly forget: () => void, private readonly log: Logger) {
    this.output = new SendCredit(req.window);
  }

  async start(docker: Docker, instanceId: string): Promise<void> {
    try {
      const container = await this.container(docker, instanceId);
      const info = await container.inspect();
      if (this.done) return;
      const tty = info.Config?.Tty === true;
      if (this.req.kind === 'logs') {
        const driver = info.HostConfig?.LogConfig?.Type ?? 'json-file';
        if (!READABLE_LOG_DRIVERS.includes(driver)) {
          throw new StreamError('InvalidParameterException', `The container '${this.req.containerName}' logs to ${driver}, which Docker does not read back: read it where ${driver} sends it (for awslogs: berth logs --group GROUP).`);
        }
        const r = this.req;
        const opts = { follow: r.follow, stdout: true, stderr: true, timestamps: r.timestamps, ...(r.since !== undefined ? { since: r.since } : {}), ...(r.tail !== undefined ? { tail: r.tail } : {}) };
        // Without follow dockerode answers with the whole log at once.
        const got = (await container.logs(opts as Docker.ContainerLogsOptions & { follow: true })) as unknown as Readable | Buffer;
        this.pump(Buffer.isBuffer(got) ? ReadableStream.from([got]) : got, !tty);
      } else {
        if (!info.State?.Running) throw new StreamError('InvalidParameterException', `The execute command failed because the container '${this.req.containerName}' is not running.`);
        const r = this.req;
        this.exec = await container.exec({ Cmd: r.command, AttachStdin: r.stdin, AttachStdout: true, AttachStderr: true, Tty: r.tty });
        const duplex = (await this.exec.start({ hijack: true, stdin: r.stdin, Tty: r.tty } as Docker.ExecStartOptions)) as unknown as Duplex;
        this.stdin = duplex;
        if (r.tty && r.size) await this.resize(r.size);
        this.pump(duplex, !r.tty);
        // Docker fills in the process id a moment after the start.
        for (let i = 0; i < 100 && !this.sourceDone; i++) {
          const pid = (await this.exec.inspect()).Pid;
          if (pid > 0) {
            this.execPid = pid;
            break;
          }
          await new Promise((res) => setTimeout(res, 20));
        }
        if (this.done) this.kill('SIGKILL');
      }
      const early = this.early ?? [];
      this.early = undefined;
      for (const f of early) this.onFrame(f);
    } catch (e) {
      const code = e instanceof StreamError ? e.code : 'ServerException';
      this.finish({ error: e instanceof StreamError ? e.message : `Docker could not ${this.req.kind === 'logs' ? 'read the log' : 'run the command'}: ${(e as Error).message}`, errorCode: code });
    }
  }

  /** The task's container of this name on this instance (the newest, should there be several). */
  private async container(docker: Docker, instanceId: string): Promise<Docker.Container> {
    const rows = await docker.listContainers({
      all: true,
      filters: { label: [`${INSTANCE_LABEL}=${instanceId}`, `${LABEL_TASK_ARN}=${this.req.taskArn}`, `${LABEL_CONTAINER_NAME}=${this.req.containerName}`] },
    });
    const newest = rows.sort((a, b) => b.Created - a.Created)[0];
    if (!newest) throw new StreamError('InvalidParameterException', `The container '${this.req.containerName}' of task ${this.req.taskArn} is not on its container instance (not started yet, or cleaned up after it stopped).`);
    return docker.getContainer(newest.Id);
  }

  private pump(source: Readable, multiplexed: boolean): void {
    this.source = source;
    const demux = multiplexed ? new DockerDemuxer() : undefined;
    source.on('data', (chunk: Buffer) => {
      this.queue.push(...(demux ? demux.push(chunk) : [{ fd: 1, data: chunk }]));
      if (!this.flush()) source.pause();
    });
    source.on('end', () => this.sourceEnded());
    source.on('close', () => this.sourceEnded());
    source.on('error', (e: Error) => {
      this.log.debug('task stream source failed', { stream: this.id, error: e.message });
      this.sourceEnded();
    });
  }

  /** Sends what waits as far as credit goes; true when nothing waits. */
  private flush(): boolean {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const n = this.output.take(head.data.length);
      if (n === 0) return false;
      this.send({ streamId: this.id, fd: head.fd, data: head.data.subarray(0, n) });
      if (n === head.data.length) this.queue.shift();
      else this.queue[0] = { fd: head.fd, data: head.data.subarray(n) };
    }
    if (this.sourceDone) void this.complete();
    return true;
  }

  private sourceEnded(): void {
    if (this.sourceDone) return;
    this.sourceDone = true;
    if (this.queue.length === 0) void this.complete();
  }

  /** Everything was sent: the end, with the command's exit code. */
  private async complete(): Promise<void> {
    if (this.done) return;
    let exitCode: number | undefined;
    if (this.exec) {
      // Docker records the exit code a moment after the output ends.
      for (let i = 0; i < 50; i++) {
        const s = await this.exec.inspect().catch(() => undefined);
        if (s && !s.Running && s.ExitCode !== null && s.ExitCode !== undefined) {
          exitCode = s.ExitCode;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    this.finish(exitCode !== undefined ? { exitCode } : {});
  }

  onFrame(f: TaskStreamFrame): void {
    if (this.done) return;
    if (this.early && !f.end) {
      this.early.push(f);
      return;
    }
    if (f.credit !== undefined && f.credit > 0) {
      this.output.grant(f.credit);
      if (this.flush()) this.source?.resume();
    }
    if (f.data !== undefined && f.data.length > 0 && this.stdin) {
      const bytes = Buffer.from(f.data);
      this.input.received(bytes.length);
      this.stdin.write(bytes, () => {
        const credit = this.input.passedOn(bytes.length);
        if (credit > 0 && !this.done) this.send({ streamId: this.id, credit });
      });
    }
    if (f.closeStdin) this.stdin?.end();
    if (f.resize) void this.resize(f.resize);
    if (f.signal) this.kill(f.signal);
    if (f.end) {
      // The server's client went away: the command goes with it.
      this.kill('SIGKILL');
      this.finish(undefined);
    }
  }

  private async resize(size: TerminalSize): Promise<void> {
    if (size.rows > 0 && size.cols > 0) await this.exec?.resize({ h: size.rows, w: size.cols }).catch(() => {});
  }

  /** A signal to the command's process (Docker's exec has no API for it: the agent runs beside dockerd). */
  private kill(signal: string): void {
    // (0 or less would signal a process group of the agent's own.)
    if (this.execPid === undefined || this.execPid <= 0) return;
    try {
      process.kill(this.execPid, signal as NodeJS.Signals);
    } catch (e) {
      this.log.debug('signal not delivered', { stream: this.id, signal, error: (e as Error).message });
    }
  }

  /** The session is gone. */
  abort(): void {
    this.kill('SIGKILL');
    this.finish(undefined);
  }

  /** Ends the stream: tells the server (unless it ended it), lets Docker's stream go. */
  private finish(end: TaskStreamEnd | undefined): void {
    if (this.done) return;
    this.done = true;
    this.forget();
    this.queue.length = 0;
    if (end) this.send({ streamId: this.id, end });
    this.source?.destroy();
    if (this.stdin !== this.source) this.stdin?.destroy();
  }
}
