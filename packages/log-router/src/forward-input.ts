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
import { decodeMultiStream, encode } from '@msgpack/msgpack';
import type { DiskBuffer } from './disk-buffer.js';
import { forwardCodec, readForwardMessage } from './forward-protocol.js';

/** How many recent chunk ids are remembered. */
const RECENT_CHUNKS = 65_536;

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

  constructor(private readonly buffer: DiskBuffer, private readonly log: (msg: string, f?: object) => void = () => {}, private readonly record: Record<string, string> = {}) {}

  private remember(chunk: string): void {
    this.recent.add(chunk);
    if (this.recent.size > RECENT_CHUNKS) this.recent.delete(this.recent.values().next().value!);
  }

  /** Listens on `unix:PATH` or `HOST:PORT`; returns the address bound. */
  async listen(address: string): Promise<string> {
    for (const c of await this.buffer.recentChunks()) this.remember(c);
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
      for await (const msg of decodeMultiStream(socket, { extensionCodec: forwardCodec })) {
        const { entries: raw, chunk } = readForwardMessage(msg);
        const entries = Object.keys(this.record).length > 0 ? raw.map((e) => ({ ...e, record: { ...this.record, ...e.record } })) : raw;
        const pending = chunk !== undefined ? this.writing.get(chunk) : undefined;
        if (chunk !== undefined && (this.recent.has(chunk) || pending)) {
          await pending;
          this.counts.resent += entries.length;
        } else {
          const write = this.buffer.append(chunk !== undefined ? entries.map((e) => ({ ...e, chunk })) : entries);
          if (chunk !== undefined) this.writing.set(chunk, write);
          try {
            await write;
          } finally {
            if (chunk !== undefined) this.writing.delete(chunk);
          }
          if (chunk !== undefined) this.remember(chunk);
          this.counts.received += entries.length;
        }
        if (chunk !== undefined && !socket.destroyed) socket.write(encode({ ack: chunk }));
      }
    } catch (err) {
      if (!socket.destroyed) {
        this.counts.protocolErrors++;
        this.log('forward input: connection closed', { error: (err as Error).message });
      }
    } finally {
      this.sockets.delete(socket);
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
