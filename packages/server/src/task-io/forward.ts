// Passing a BerthTasks call on to the replica that holds the agent's session. The call goes there as it
// came: the same method, the same request bytes (GetTaskLogs) or messages (ExecuteCommand), and the caller's
// own signature (which signs the method, the request and the time, no host: any replica verifies it), so
// that replica authenticates and authorizes the caller itself; this one adds only a mark that the call was
// passed on once, so it never goes round. Back-pressure holds across the hop: each side's stream is paused
// while the other's does not take more.
import * as grpc from '@grpc/grpc-js';
import { channelCredentials, channelOptions, loadBerthProtos, receivedBytes } from '@berth/api';

/** Marks a call passed on from another replica (it is not passed on again). */
export const FORWARDED_KEY = 'x-berth-forwarded';
/** What a signed call carries to be verified again (grpc-signing.ts). */
const SIGNATURE_KEYS = ['authorization', 'x-amz-date', 'x-amz-content-sha256'];

type Obj = Record<string, any>;

export class ReplicaForwarder {
  private readonly clients = new Map<string, grpc.Client>();

  constructor(private readonly tls?: { caPem: string }) {}

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private client(addr: string): grpc.Client {
    let c = this.clients.get(addr);
    if (!c) {
      const tls = this.tls ? { caPem: this.tls.caPem } : undefined;
      c = new grpc.Client(addr, channelCredentials(tls, addr), channelOptions(addr, tls));
      this.clients.set(addr, c);
    }
    return c;
  }

  /**
   * The call, passed on to `addr`; resolves when it has ended there. `start`: an exec call's first message,
   * already read here.
   */
  forward(addr: string, call: grpc.ServerWritableStream<Obj, Obj> | grpc.ServerDuplexStream<Obj, Obj>, start?: Obj): Promise<void> {
    const defs = loadBerthProtos().berth.v1.BerthTasks.service;
    const md = new grpc.Metadata();
    for (const k of SIGNATURE_KEYS) for (const v of call.metadata.get(k)) md.add(k, v);
    md.set(FORWARDED_KEY, '1');
    const client = this.client(addr);
    let upstream: grpc.ClientReadableStream<Obj> | grpc.ClientDuplexStream<Obj, Obj>;
    if (start === undefined) {
      const def = defs.GetTaskLogs;
      upstream = client.makeServerStreamRequest(def.path, (b: Buffer) => b, def.responseDeserialize, Buffer.from(receivedBytes('request' in call ? call.request : undefined) ?? new Uint8Array()), md);
    } else {
      const def = defs.ExecuteCommand;
      const duplex = client.makeBidiStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, md);
      duplex.write({ start });
      const input = call as grpc.ServerDuplexStream<Obj, Obj>;
      input.on('data', (m: Obj) => {
        if (!duplex.write(m)) {
          input.pause();
          duplex.once('drain', () => input.resume());
        }
      });
      input.on('end', () => duplex.end());
      input.resume();
      upstream = duplex;
    }
    call.on('cancelled', () => upstream.cancel());
    return new Promise((resolve) => {
      upstream.on('data', (m: Obj) => {
        if (!call.write(m)) {
          upstream.pause();
          call.once('drain', () => upstream.resume());
        }
      });
      upstream.on('end', () => {
        call.end();
        resolve();
      });
      upstream.on('error', (e: grpc.ServiceError) => {
        if (!call.cancelled) call.emit('error', { code: e.code, details: e.details, metadata: e.metadata });
        resolve();
      });
    });
  }
}
