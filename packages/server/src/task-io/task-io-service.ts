// BerthTasks (the hand-written tasks.proto): `berth logs TASK` and `berth exec` over the request/stream
// facility of the agent session, as kubectl logs and exec go through the kubelet.
//
// Each call runs through the hook chain (api/call.ts runStream): authenticated, authorized on the task's ARN
// (with ecs:cluster) as `berth:GetTaskLogs` (Berth's own action: Docker's log is no CloudWatch Logs group) or
// `ecs:ExecuteCommand` (ECS Exec's action), audited at its opening and its end. Then the task is read, the
// container chosen, ECS Exec's conditions checked (target.ts), and the stream opened on the session of the
// task's agent. Sessions are per replica (the dispatcher serves each agent's stream where it connected), so
// when the session is on another replica, this one passes the call on to it (forward.ts): the session record
// names that replica's address, and the call goes there with the caller's own signature, which signs the
// method and the request and no host, so that replica authenticates and authorizes the caller itself.
//
// Flow: output is written to the client as it comes and credit goes back to the agent only once the client's
// stream took it (write() true, or 'drain'); input is read from the client only while the agent has credit
// for it. The client going away cancels the stream, and the agent ends the log or the command.
import type { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { BerthError, type ErrorName, type TaskStreamEnd } from '@berth/core';
import {
  authenticateGrpc, loadBerthProtos, runStream, toGrpcError, toGrpcStatus,
  type CallApi, type CallContext, type CallHooks, type IncomingStream, type StreamEnd, type StreamPermission,
} from '@berth/api';
import type { ServerContext } from '../context.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { AgentTaskStream, TaskStreamConsumer, TaskStreamRequest } from '../dispatch/task-streams.js';
import { getSession } from '../state/sessions.js';
import { resolveTarget, type TaskTarget } from './target.js';
import { FORWARDED_KEY, ReplicaForwarder } from './forward.js';

/** The IAM actions: `berth:GetTaskLogs`, `ecs:ExecuteCommand`. */
export const TASK_LOGS_API: CallApi = { name: 'berth-tasks', iamPrefix: 'berth' };
export const TASK_EXEC_API: CallApi = { name: 'berth-tasks', iamPrefix: 'ecs' };

/** How long an exec call's first message (start) may take. */
const START_TIMEOUT_MS = 10_000;

type Obj = Record<string, any>;
/**
 * Where a log goes, as far as serving it goes: a gRPC server stream, or the console's event stream. It
 * emits 'drain' and 'cancelled', and 'error' with a gRPC status to end with an error.
 */
export interface LogsOutput extends EventEmitter {
  readonly request: Obj;
  readonly cancelled: boolean;
  write(m: { data?: Uint8Array; fd?: number; exitCode?: number }): boolean;
  end(): void;
}
type LogsCall = grpc.ServerWritableStream<Obj, Obj>;
type ExecCall = grpc.ServerDuplexStream<Obj, Obj>;
/** Either call, as far as writing its output goes. */
type OutCall = LogsOutput | ExecCall;
/** Who opens a log (the transport, its peer, how the caller is known), as EventStreams.watch takes it. */
export interface LogsOpener {
  transport: IncomingStream['transport'];
  peer: string;
  authenticate: IncomingStream['authenticate'];
}

export class TaskIoService {
  private readonly forwarder: ReplicaForwarder;

  constructor(private readonly ctx: ServerContext, private readonly hooks: CallHooks, private readonly dispatcher: Dispatcher, tls?: { caPem: string }) {
    this.forwarder = new ReplicaForwarder(tls);
  }

  definition(): grpc.ServiceDefinition {
    return loadBerthProtos().berth.v1.BerthTasks.service;
  }

  handlers(): grpc.UntypedServiceImplementation {
    return {
      GetTaskLogs: (call: LogsCall) => void this.logs(call, { transport: 'grpc', peer: call.getPeer(), authenticate: () => authenticateGrpc(call, this.hooks.grpcAuthentication) }),
      ExecuteCommand: (call: ExecCall) => void this.exec(call),
    };
  }

  close(): void {
    this.forwarder.close();
  }

  /** The task's ARN and ecs:cluster, as ECS's ExecuteCommand names them (the one scope both actions use). */
  private async permission(action: string, req: { cluster?: string; task?: string }, cc: CallContext): Promise<StreamPermission[]> {
    const scope = await this.hooks.scope('ecs:ExecuteCommand', { cluster: req.cluster, task: req.task }, cc);
    return [{ action, resources: scope.resources, context: scope.context }];
  }

  /** A task's log, to a gRPC call (`berth logs`) or the console's event stream (the task page). */
  async logs(call: LogsOutput, opener: LogsOpener): Promise<void> {
    const req = call.request ?? {};
    const outcome = await runStream(this.hooks, { ...opener, api: TASK_LOGS_API, action: 'GetTaskLogs' }, {
      open: (cc) => this.permission('GetTaskLogs', req, cc),
      serve: () => this.serve(call, false, req, (t) => ({
        kind: 'logs', taskArn: t.task.taskArn!, containerName: t.containerName, follow: req.follow === true, timestamps: req.timestamps === true,
        ...(req.since !== undefined ? { since: req.since } : {}), ...(req.tail !== undefined ? { tail: req.tail } : {}),
      })),
    });
    if ('refused' in outcome) call.emit('error', toGrpcStatus(outcome.refused));
  }

  private async exec(call: ExecCall): Promise<void> {
    let start: Obj = {};
    const outcome = await runStream(this.hooks, { transport: 'grpc', peer: call.getPeer(), api: TASK_EXEC_API, action: 'ExecuteCommand', authenticate: () => authenticateGrpc(call, this.hooks.grpcAuthentication) }, {
      open: async (cc) => {
        start = await firstStart(call);
        return this.permission('ExecuteCommand', start, cc);
      },
      serve: (cc) => {
        const command: string[] = start.command ?? [];
        if (command.length === 0) return this.fail(call, new BerthError('InvalidParameterException', 'The command must not be empty.', 'command'));
        this.ctx.log.info('execute command', { requestId: cc.requestId, task: start.task, container: start.container, command, tty: start.tty === true });
        return this.serve(call, true, start, (t) => ({
          kind: 'exec', taskArn: t.task.taskArn!, containerName: t.containerName, command, tty: start.tty === true, stdin: start.stdin === true,
          ...(start.size ? { size: { rows: start.size.rows ?? 0, cols: start.size.cols ?? 0 } } : {}),
        }), start);
      },
    });
    if ('refused' in outcome) call.emit('error', toGrpcStatus(outcome.refused));
  }

  /** The authorized call: its target, then the stream on this replica's session, or the call passed on. */
  private async serve(call: OutCall, forExec: boolean, req: Obj, request: (t: TaskTarget) => TaskStreamRequest, start?: Obj): Promise<StreamEnd> {
    let target: TaskTarget;
    try {
      target = await resolveTarget(this.ctx, req, forExec);
    } catch (e) {
      return this.fail(call, e);
    }
    let resolveEnd!: (e: StreamEnd) => void;
    const ended = new Promise<StreamEnd>((r) => (resolveEnd = r));
    const c = consumer(call, (end) => resolveEnd(end));
    const stream = this.dispatcher.openTaskStream(target.instanceId, request(target), c);
    if (!stream) return this.passOn(call, target, start);
    c.stream = stream;
    call.on('cancelled', () => stream.cancel('The client went away.'));
    if (forExec) readInput(call as ExecCall, stream);
    return ended;
  }

  /** The agent's session is on another replica: the call goes there, as it came; none: the agent is away. */
  private async passOn(call: OutCall, target: TaskTarget, start?: Obj): Promise<StreamEnd> {
    const away = new BerthError('TargetNotConnectedException', `The agent of container instance ${target.instanceId}, where the task runs, is not connected. Try again once it is.`);
    const grpcCall = 'metadata' in call ? (call as LogsCall | ExecCall) : undefined;
    if (grpcCall && grpcCall.metadata.get(FORWARDED_KEY).length > 0) return this.fail(call, away);
    const session = await getSession(this.ctx.store, target.instanceId).catch(() => undefined);
    if (!session?.replica || session.replica === this.dispatcher.replicaAddress) return this.fail(call, away);
    // The call is passed on with its caller's own signature: the console's session has none to pass.
    if (!grpcCall) return this.fail(call, new BerthError('TargetNotConnectedException', `The agent of container instance ${target.instanceId} holds its session on replica ${session.replica}, not this one: read the log with \`berth logs\`, which any replica passes on, or from that replica's console.`));
    await this.forwarder.forward(session.replica, grpcCall, start);
    return { reason: `passed on to replica ${session.replica}` };
  }

  private fail(call: OutCall, e: unknown): Promise<StreamEnd> {
    call.emit('error', toGrpcError(e));
    return Promise.resolve({ reason: 'refused', error: e });
  }
}

/** Writes a stream's output to the call, giving credit back as the call takes it; ends the call with the stream. */
function consumer(call: OutCall, onEnd: (e: StreamEnd) => void): TaskStreamConsumer & { stream?: AgentTaskStream } {
  let owed = 0;
  let waitingDrain = false;
  const c: TaskStreamConsumer & { stream?: AgentTaskStream } = {
    data(fd, bytes) {
      const took = call.write({ data: bytes, fd });
      if (took && !waitingDrain) return c.stream?.passedOn(bytes.length);
      owed += bytes.length;
      if (waitingDrain) return;
      waitingDrain = true;
      call.once('drain', () => {
        waitingDrain = false;
        const n = owed;
        owed = 0;
        c.stream?.passedOn(n);
      });
    },
    end(end: TaskStreamEnd) {
      if (call.cancelled) return onEnd({ reason: 'client went away' });
      if (end.error !== undefined) {
        const err = new BerthError((end.errorCode ?? 'ServerException') as ErrorName, end.error);
        call.emit('error', toGrpcError(err));
        return onEnd({ reason: 'failed', error: err });
      }
      if (end.exitCode !== undefined) call.write({ exitCode: end.exitCode });
      call.end();
      onEnd({ reason: end.exitCode !== undefined ? `exited ${end.exitCode}` : 'ended' });
    },
  };
  return c;
}

/** An exec call's input to the stream: paused while the agent has no credit for it. */
function readInput(call: ExecCall, stream: AgentTaskStream): void {
  stream.consumer.inputDrained = () => call.resume();
  call.on('data', (m: Obj) => {
    if (m.stdin !== undefined && m.stdin.length > 0 && !stream.write(Buffer.from(m.stdin))) call.pause();
    if (m.resize) stream.resize({ rows: m.resize.rows ?? 0, cols: m.resize.cols ?? 0 });
    if (m.signal) stream.signal(m.signal);
    if (m.closeStdin) stream.closeStdin();
  });
  // The client closed its side: its input is over.
  call.on('end', () => stream.closeStdin());
  // Paused since its first message (firstStart).
  call.resume();
}

/** An exec call's first message, which must carry `start`. */
function firstStart(call: ExecCall): Promise<Obj> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new BerthError('InvalidParameterException', 'An exec stream starts with its command (start).', 'start')), START_TIMEOUT_MS);
    const done = (v: Obj | Error) => {
      clearTimeout(timer);
      call.off('data', onData);
      call.off('end', onEnd);
      call.pause();
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    const onData = (m: Obj) => done(m.start ? m.start : new BerthError('InvalidParameterException', 'An exec stream starts with its command (start).', 'start'));
    const onEnd = () => done(new BerthError('InvalidParameterException', 'An exec stream starts with its command (start).', 'start'));
    call.on('data', onData);
    call.on('end', onEnd);
  });
}
