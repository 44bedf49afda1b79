// The server's end of the request/stream facility on one agent session (agent.proto TaskStreamFrame): it
// opens streams to the agent, routes the agent's frames to each stream's consumer by stream id, and keeps
// each direction's credit (core/task-stream.ts). Output: the consumer says when it has passed bytes on
// (its client took them) and only then does the agent get credit back, so a slow client stops the agent
// reading the container. Input: bytes wait here, at most the credit the agent gave plus what the consumer's
// own read holds, and the consumer pauses reading its client while they wait. The session ending ends
// every stream on it.
import { randomUUID } from 'node:crypto';
import { ReceiveCredit, SendCredit, TASK_STREAM_WINDOW, type TaskStreamEnd, type TaskStreamFrame, type TaskStreamOpen, type TerminalSize } from '@berth/core';

/** What consumes a stream's output (the BerthTasks call it serves). */
export interface TaskStreamConsumer {
  /** Output from the container (1 stdout, 2 stderr); the consumer calls passedOn() once its client took it. */
  data(fd: number, bytes: Buffer): void;
  /** The stream is over: the command's exit code, or why it failed. Called once. */
  end(end: TaskStreamEnd): void;
  /** The agent gave input credit and nothing waits any more: the consumer may read its client again. */
  inputDrained?(): void;
}

export type TaskStreamRequest = TaskStreamOpen extends infer O ? (O extends TaskStreamOpen ? Omit<O, 'window'> : never) : never;

/** One open stream, as its consumer drives it. */
export class AgentTaskStream {
  private readonly output = new ReceiveCredit(TASK_STREAM_WINDOW);
  private readonly input = new SendCredit(TASK_STREAM_WINDOW);
  private readonly waiting: Buffer[] = [];
  private stdinClosePending = false;
  ended = false;

  constructor(readonly id: string, private readonly send: (f: TaskStreamFrame) => void, readonly consumer: TaskStreamConsumer, private readonly forget: () => void) {}

  /** Bytes of output the consumer's client has taken: credit back to the agent, in batches. */
  passedOn(bytes: number): void {
    if (this.ended) return;
    const credit = this.output.passedOn(bytes);
    if (credit > 0) this.send({ streamId: this.id, credit });
  }

  /** Input for the command; false when it waits for credit (pause the client until inputDrained). */
  write(bytes: Buffer): boolean {
    if (this.ended) return true;
    if (bytes.length > 0) this.waiting.push(bytes);
    return this.flush();
  }

  closeStdin(): void {
    this.stdinClosePending = true;
    this.flush();
  }

  resize(size: TerminalSize): void {
    if (!this.ended) this.send({ streamId: this.id, resize: size });
  }

  signal(name: string): void {
    if (!this.ended) this.send({ streamId: this.id, signal: name });
  }

  /** The consumer's client went away: the agent ends the log or the command. */
  cancel(why: string): void {
    if (this.ended) return;
    this.send({ streamId: this.id, end: { error: why } });
    this.finish({ error: why });
  }

  /** A frame from the agent for this stream. */
  onFrame(f: TaskStreamFrame): void {
    if (this.ended) return;
    if (f.data !== undefined && f.data.length > 0) {
      try {
        this.output.received(f.data.length);
      } catch (e) {
        this.cancel((e as Error).message);
        return;
      }
      this.consumer.data(f.fd ?? 1, Buffer.from(f.data));
    }
    if (f.credit !== undefined && f.credit > 0) {
      this.input.grant(f.credit);
      if (this.flush()) this.consumer.inputDrained?.();
    }
    if (f.end) this.finish(f.end);
  }

  /** Ends the stream for its consumer (the agent ended it, or the session is gone). */
  finish(end: TaskStreamEnd): void {
    if (this.ended) return;
    this.ended = true;
    this.waiting.length = 0;
    this.forget();
    this.consumer.end(end);
  }

  /** Sends what waits as far as credit goes; true when nothing waits. */
  private flush(): boolean {
    while (this.waiting.length > 0) {
      const head = this.waiting[0]!;
      const n = this.input.take(head.length);
      if (n === 0) return false;
      this.send({ streamId: this.id, fd: 0, data: head.subarray(0, n) });
      if (n === head.length) this.waiting.shift();
      else this.waiting[0] = head.subarray(n);
    }
    if (this.stdinClosePending) {
      this.stdinClosePending = false;
      this.send({ streamId: this.id, closeStdin: true });
    }
    return true;
  }
}

/** The streams of one agent session. */
export class TaskStreams {
  private readonly open = new Map<string, AgentTaskStream>();

  constructor(private readonly send: (f: TaskStreamFrame) => void) {}

  get size(): number {
    return this.open.size;
  }

  /** Opens a stream on the agent; output goes to `consumer`. */
  start(req: TaskStreamRequest, consumer: TaskStreamConsumer): AgentTaskStream {
    const id = randomUUID();
    const s = new AgentTaskStream(id, this.send, consumer, () => this.open.delete(id));
    this.open.set(id, s);
    this.send({ streamId: id, open: { ...req, window: TASK_STREAM_WINDOW } as TaskStreamOpen });
    return s;
  }

  /** A frame from the agent: to its stream (one already ended or unknown is dropped: its end crossed ours). */
  onFrame(f: TaskStreamFrame): void {
    this.open.get(f.streamId)?.onFrame(f);
  }

  /** The session ended: every stream on it ends with `why`. */
  closeAll(why: string): void {
    for (const s of [...this.open.values()]) s.finish({ error: why, errorCode: 'TargetNotConnectedException' });
  }
}
