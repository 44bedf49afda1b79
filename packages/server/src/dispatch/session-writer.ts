// The server's side of writing to one agent stream, with backpressure. While the stream takes what is
// written, messages go straight out. When write() returns false (the agent, or the network, stopped
// reading and the buffers are full), nothing more is written until 'drain': what the session sends
// meanwhile waits in a backlog that merges as it grows (core/agent-backlog.ts: assignments are state, the
// newest wins), so a stalled agent costs the server at most one entry per task. A stream that stays
// blocked for longer than the stall limit is given up: onStalled closes the session (the agent reconnects
// and gets the full set).
import type * as grpc from '@grpc/grpc-js';
import { addToBacklog, backlogMessages, backlogSize, emptyBacklog, type AgentBacklog, type ServerMessage } from '@berth/core';
import { serverMessageToWire } from '@berth/api';

export interface SessionWriterOptions {
  /** How long the stream may stay blocked before onStalled is called. */
  stallMs: number;
  onStalled(): void;
}

export class SessionWriter {
  /** Present while the stream is blocked: what waits for 'drain'. */
  private backlog?: AgentBacklog;
  private stallTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly stream: Pick<grpc.ServerDuplexStream<unknown, unknown>, 'write' | 'on'>, private readonly opts: SessionWriterOptions) {
    stream.on('drain', () => this.flush());
  }

  /** Whether the stream is blocked, and what waits (one entry per task at most). */
  get state(): { blocked: boolean; assignments: number; acks: number } {
    return { blocked: this.backlog !== undefined, ...(this.backlog ? backlogSize(this.backlog) : { assignments: 0, acks: 0 }) };
  }

  send(m: ServerMessage): void {
    if (this.closed) return;
    if (this.backlog) addToBacklog(this.backlog, m);
    else if (!this.stream.write(serverMessageToWire(m))) this.block();
  }

  /** Nothing is written after this; what waits is dropped (the agent gets the full set when it reconnects). */
  close(): void {
    this.closed = true;
    clearTimeout(this.stallTimer);
    this.backlog = undefined;
  }

  private block(): void {
    this.backlog = emptyBacklog();
    this.stallTimer = setTimeout(() => {
      if (!this.closed) this.opts.onStalled();
    }, this.opts.stallMs);
  }

  /** The stream drained: write what waited, until it blocks again. */
  private flush(): void {
    if (this.closed || !this.backlog) return;
    clearTimeout(this.stallTimer);
    const waiting = backlogMessages(this.backlog);
    this.backlog = undefined;
    for (let i = 0; i < waiting.length; i++) {
      if (this.stream.write(serverMessageToWire(waiting[i]!))) continue;
      this.block();
      for (const m of waiting.slice(i + 1)) addToBacklog(this.backlog!, m);
      return;
    }
  }
}
