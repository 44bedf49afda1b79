// The router's input: a Forward-protocol server on a unix socket (the task volume's, as FireLens's) or a
// TCP port, for Docker's `fluentd` log driver. Each connection's messages are read in order; a message's
// entries are appended to the disk buffer, and only once they are on disk is its chunk acknowledged
// (`fluentd-request-ack`), so an entry Docker saw acknowledged is never lost. A message that is not the
// protocol closes its connection (the client reconnects and resends what was not acknowledged).
// A chunk resent because its acknowledgement was lost (the router died between the write and the ack) is
// recognised by its id among the recent ones (rebuilt from the buffer at start) and only acknowledged
// again, so it is not buffered twice. The configuration's `record` fields are added to each entry as it
// comes in (the entry's own fields win).
import { createServer, type Server, type Socket } from 'node:net';
import { chmod, rm } from 'node:fs/promises';
import { decodeMultiStream } from '@msgpack/msgpack';
import type { DiskBuffer } from './disk-buffer.js';
import { FORWARD_DECODE_OPTIONS, ackOf, readForwardMessage } from './forward-protocol.js';

/**
 * How many recent chunk ids are remembered, besides each connection's last one (kept while it lives, and
 * for the last CLOSED_CONNECTIONS connections once closed). A client resends only the chunk whose
 * acknowledgement it waited for when the connection broke (Docker's fluentd driver sends one message and
 * reads its ack before the next), so the chunks that can come back are connections' last ones; the recent
 * ids are the newest in the buffer, what a restart rebuilds from. 65,536 recent ids held 5-6 MiB of the
 * router's heap (a Docker chunk id is 24 characters), which kept its RSS over issue 18's 64 MiB.
 */
export const RECENT_CHUNKS = 4_096;
export const CLOSED_CONNECTIONS = 1_024;

export interface ForwardInputCounts {
  received: number;
  resent: number;
  connections: number;
  protocolErrors: number;
}

export class ForwardInput {
  readonly counts: ForwardInputCounts = { received: 0, resent: 0, connections: 0, protocolErrors: 0 };
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  // Insertion-ordered, so the oldest id is the first to forget.
  private readonly recent = new Set<string>();
  // Chunks being written: a resend of one waits for that write instead of writing again.
  private readonly writing = new Map<string, Promise<void>>();
  // Each live connection's last chunk written: the one its client would resend.
  private readonly lastChunk = new Map<Socket, string>();
  // The last chunks of connections closed lately (insertion-ordered, the oldest forgotten first).
  private readonly closedLast = new Set<string>();

  constructor(private readonly buffer: DiskBuffer, private readonly log: (msg: string, f?: object) => void = () => {}, private readonly record: Record<string, string> = {}) {}

  private remember(chunk: string): void {
    this.recent.add(chunk);
    if (this.recent.size > RECENT_CHUNKS) this.recent.delete(this.recent.values().next().value!);
  }

  /** Whether a chunk is already in the buffer: a recent one, or some connection's last. */
  private seen(chunk: string): boolean {
    if (this.recent.has(chunk) || this.closedLast.has(chunk)) return true;
    for (const c of this.lastChunk.values()) if (c === chunk) return true;
    return false;
  }

  /** Listens on `unix:PATH` or `HOST:PORT`; returns the address bound. */
  async listen(address: string): Promise<string> {
    for (const c of await this.buffer.recentChunks(RECENT_CHUNKS)) this.remember(c);
    const server = createServer((socket) => void this.serve(socket));
    this.server = server;
    if (address.startsWith('unix:')) {
      const path = address.slice('unix:'.length);
      await rm(path, { force: true });
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
      // Docker's daemon (root) connects; the task's own containers need no access.
      await chmod(path, 0o600);
      return address;
    }
    const i = address.lastIndexOf(':');
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(Number(address.slice(i + 1)), address.slice(0, i), resolve));
    const a = server.address() as { address: string; port: number };
    return `${a.address}:${a.port}`;
  }

  private async serve(socket: Socket): Promise<void> {
    this.sockets.add(socket);
    this.counts.connections++;
    socket.on('error', () => socket.destroy());
    try {
      for await (const msg of decodeMultiStream(socket, FORWARD_DECODE_OPTIONS)) {
        const { entries: raw, chunk } = readForwardMessage(msg);
        const entries = Object.keys(this.record).length > 0 ? raw.map((e) => ({ ...e, record: { ...this.record, ...e.record } })) : raw;
        const pending = chunk !== undefined ? this.writing.get(chunk) : undefined;
        if (chunk !== undefined && (pending || this.seen(chunk))) {
          await pending;
          this.counts.resent += entries.length;
        } else {
          const write = this.buffer.append(entries, chunk);
          if (chunk !== undefined) this.writing.set(chunk, write);
          try {
            await write;
          } finally {
            if (chunk !== undefined) this.writing.delete(chunk);
          }
          if (chunk !== undefined) {
            this.remember(chunk);
            this.lastChunk.set(socket, chunk);
          }
          this.counts.received += entries.length;
        }
        if (chunk !== undefined && !socket.destroyed) socket.write(ackOf(chunk));
      }
    } catch (err) {
      if (!socket.destroyed) {
        this.counts.protocolErrors++;
        this.log('forward input: connection closed', { error: (err as Error).message });
      }
    } finally {
      this.sockets.delete(socket);
      // Its last chunk is the one its client may send again on a new connection.
      const last = this.lastChunk.get(socket);
      this.lastChunk.delete(socket);
      if (last !== undefined) {
        this.closedLast.add(last);
        if (this.closedLast.size > CLOSED_CONNECTIONS) this.closedLast.delete(this.closedLast.values().next().value!);
      }
      socket.destroy();
    }
  }

  /**
   * Takes no new connection and resolves once every client has closed its own: Docker closes a container's
   * logger only after it has sent what the container printed, which can be a moment after the container
   * stopped, so closing the connections ourselves could cut off its last lines.
   */
  async drain(): Promise<void> {
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }
}
