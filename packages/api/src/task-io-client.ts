// The client side of BerthTasks (protos/berth/v1/tasks.proto): a task's Docker log (GetTaskLogs) and a
// command in its container (ExecuteCommand), on the first listed server that is reachable (any replica
// serves either: it passes the call on to the one holding the agent's session). Output is handed to the
// caller's sink, and the call is paused while the sink does not take more (back-pressure reaches the
// container through the agent); input is sent as the caller has it, and its write() says when to wait.
import * as grpc from '@grpc/grpc-js';
import type { BerthError } from '@berth/core';
import { loadBerthProtos } from './load.js';
import { fromGrpcError } from './error-metadata.js';
import { channelCredentials, channelOptions, type ChannelTls } from './credentials.js';
import { callMetadata, type AccessKeyCredentials } from './grpc-signing.js';
import type { GetTaskLogsRequest } from './gen/berth/v1/GetTaskLogsRequest.js';
import type { ExecStart } from './gen/berth/v1/ExecStart.js';
import type { ExecInput } from './gen/berth/v1/ExecInput.js';
import type { TaskOutput__Output } from './gen/berth/v1/TaskOutput.js';

export type { GetTaskLogsRequest } from './gen/berth/v1/GetTaskLogsRequest.js';
export type { ExecStart } from './gen/berth/v1/ExecStart.js';

/** Where output goes: write() false means "wait for drain" (the call is paused meanwhile). */
export interface OutputSink {
  write(fd: number, data: Buffer): boolean;
  once(event: 'drain', fn: () => void): void;
}

/** A running exec: its input, its terminal, and how it ends. */
export interface ExecSession {
  /** Input for the command; false: wait for 'drain' before writing more. */
  write(data: Buffer): boolean;
  onDrain(fn: () => void): void;
  closeStdin(): void;
  resize(rows: number, cols: number): void;
  signal(name: string): void;
  /** Ends the command (the client goes away). */
  cancel(): void;
  /** The command's exit code; rejects with the server's error. */
  exitCode: Promise<number>;
}

export interface TaskIoEndpoint {
  servers: readonly string[];
  first: number;
  tls?: ChannelTls;
  credentials?: AccessKeyCredentials;
}

/** How long each listed server may take to be reachable before the next one is tried. */
const CONNECT_MS = 5_000;

type TasksClient = grpc.Client & Record<string, (...a: unknown[]) => unknown>;

/** A client on the first reachable server. */
async function reachable(ep: TaskIoEndpoint): Promise<TasksClient> {
  const BerthTasks = loadBerthProtos().berth.v1.BerthTasks;
  let last: Error | undefined;
  for (let attempt = 0; attempt < ep.servers.length; attempt++) {
    const addr = ep.servers[(ep.first + attempt) % ep.servers.length]!;
    const client = new BerthTasks(addr, channelCredentials(ep.tls, addr), channelOptions(addr, ep.tls)) as unknown as TasksClient;
    try {
      await new Promise<void>((resolve, reject) => client.waitForReady(Date.now() + CONNECT_MS, (e) => (e ? reject(e) : resolve())));
      return client;
    } catch (e) {
      last = e as Error;
      client.close();
    }
  }
  throw Object.assign(fromGrpcError({ code: grpc.status.UNAVAILABLE, details: `no Berth server answered (${ep.servers.join(', ')}): ${last?.message}`, metadata: new grpc.Metadata() } as grpc.ServiceError));
}

/** Output of a call into the sink, paused while the sink is full; resolves with the exit code, if one came. */
function drain(call: grpc.ClientReadableStream<TaskOutput__Output>, sink: OutputSink, cancelled: () => boolean): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    let exitCode: number | undefined;
    call.on('data', (m: TaskOutput__Output) => {
      if (m.exitCode !== undefined) exitCode = m.exitCode;
      if (m.data !== undefined && m.data.length > 0 && !sink.write(m.fd ?? 1, m.data)) {
        call.pause();
        sink.once('drain', () => call.resume());
      }
    });
    call.on('end', () => resolve(exitCode));
    call.on('error', (e: grpc.ServiceError) => (cancelled() || e.code === grpc.status.CANCELLED ? resolve(exitCode) : reject(fromGrpcError(e))));
  });
}

/** A task's Docker log into `sink`; resolves when it ends (with follow: when the container stops, or on cancel). */
export async function taskLogs(ep: TaskIoEndpoint, req: GetTaskLogsRequest, sink: OutputSink): Promise<{ done: Promise<void>; cancel(): void }> {
  const client = await reachable(ep);
  const def = loadBerthProtos().berth.v1.BerthTasks.service.GetTaskLogs as grpc.MethodDefinition<GetTaskLogsRequest, TaskOutput__Output>;
  const call = client.GetTaskLogs(req, callMetadata(def.path, def.requestSerialize(req), ep.credentials)) as grpc.ClientReadableStream<TaskOutput__Output>;
  let cancelled = false;
  const done = drain(call, sink, () => cancelled).then(() => undefined).finally(() => client.close());
  return { done, cancel: () => { cancelled = true; call.cancel(); } };
}

/** Runs a command in a task's container; output into `sink`. */
export async function executeCommand(ep: TaskIoEndpoint, start: ExecStart, sink: OutputSink): Promise<ExecSession> {
  const client = await reachable(ep);
  const def = loadBerthProtos().berth.v1.BerthTasks.service.ExecuteCommand;
  // A stream's signature covers its opening (its messages come later): the path and an empty body.
  const call = client.ExecuteCommand(callMetadata(def.path, new Uint8Array(), ep.credentials)) as grpc.ClientDuplexStream<ExecInput, TaskOutput__Output>;
  call.write({ start });
  let cancelled = false;
  const exitCode = drain(call, sink, () => cancelled).then((code) => {
    if (code === undefined) throw Object.assign(new Error('the command ended without an exit code (the session was cancelled)'), { name: 'ServerException' }) as unknown as BerthError;
    return code;
  }).finally(() => client.close());
  return {
    write: (data) => call.write({ stdin: data }),
    onDrain: (fn) => call.once('drain', fn),
    closeStdin: () => void call.write({ closeStdin: true }),
    resize: (rows, cols) => void call.write({ resize: { rows, cols } }),
    signal: (name) => void call.write({ signal: name }),
    cancel: () => {
      cancelled = true;
      call.cancel();
    },
    exitCode,
  };
}
