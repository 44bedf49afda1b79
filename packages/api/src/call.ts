// One seam for every call, whatever the transport: a call context that says who calls what, action tables
// (one per AWS API, served on gRPC and on the AWS listener alike), and the hook chain every call runs
// through: authentication, then the call's scope (the resource ARNs and condition keys core's
// authorization table names for the action), then authorization (one decision: identity, IAM action,
// scope), then the model's validation, the handler, one error mapping, and the observers (metrics, audit,
// the one log line of each call). A stream (the agent's session, WatchEvents) runs through the same chain at its
// opening (runStream): authenticated, authorized for what it will do, and observed when it opens and when
// it closes.
import { randomUUID } from 'node:crypto';
import { BerthError, checkShape, type ApiModel, type AuthorizationScope, type MetricRead, type RequestContext } from '@berth/core';
import { describeError, type ErrorDescription } from './errors.js';
import type { Logger } from './log.js';
import { auditCalls, callerName, type AuditEntry } from './audit.js';
import type { GrpcAuthentication } from './grpc-signing.js';
import type { CallClass, Lane, Ticket } from './admission.js';

/** Who makes a call. */
export type Caller =
  /** A SigV4 request signed with a Berth access key. */
  | { kind: 'access-key'; accessKeyId: string; userName: string }
  /** A SigV4 request signed with a task's temporary credentials (ASIA..., with X-Amz-Security-Token): the task's role, session = task id. */
  | { kind: 'assumed-role'; accessKeyId: string; roleName: string; sessionName: string; taskArn: string }
  /** An agent: its client certificate names its container instance (byCertificate), or, in the plaintext development mode, its hello. */
  | { kind: 'container-instance'; containerInstanceArn: string; byCertificate?: true }
  /** Another machine that joined with a token of its kind: its client certificate names it (`serial`: its revocation record's key). */
  | { kind: 'component'; component: 'lb' | 'log-router' | 'exporter'; cluster: string; id: string; serial: string }
  /** No identity: a server started with --insecure, or a call that carries its own credential (a join token). */
  | { kind: 'anonymous'; reason: string };

/** `console`: the web console's calls, made with a signed-in session's identity (server/src/console/). */
export type Transport = 'grpc' | 'json' | 'query' | 'rest-json' | 'console';

/** The API a call belongs to, as the chain names it: an AWS model, or one of Berth's own gRPC services. */
export type CallApi = Pick<ApiModel, 'name' | 'iamPrefix'>;

export interface CallContext {
  requestId: string;
  transport: Transport;
  /** Peer address, for logs. */
  peer: string;
  api: CallApi;
  action: string;
  caller: Caller;
  /** The ARNs the call was authorized on, once known (for the audit trail). */
  resources?: string[];
  /** When the call reached the chain and got its turn, for the stage timings. */
  times?: CallTimes;
}

/**
 * A unary call's clock (performance.now() ms): set by the chain (runCall), read by the server's stage timings
 * (server/src/call-stages.ts); a handler adds its own marks.
 */
export interface CallTimes {
  /** Who calls, as admission saw it. */
  class: CallClass;
  /** Its lane at the gate (admission.ts). */
  lane?: Lane;
  /** The call reached the chain. */
  arrived: number;
  /** It got its turn at the admission gate. */
  admitted?: number;
  /** Points on the way: `handler` (authenticated, authorized and validated), then the handler's own (RunTask: queued, batch, placed, committed). */
  marks: Record<string, number>;
}

/** What authorization decides on. */
export interface AuthorizationRequest {
  caller: Caller;
  /** The IAM action, `ecs:RunTask`, `sts:GetCallerIdentity`. */
  action: string;
  /** The resources' ARNs (`*` when the action names none). */
  resources: string[];
  /** The request's condition keys (`ecs:cluster`). */
  context: RequestContext;
  /** What a CloudWatch metric read names (core's AuthorizationScope.metrics); only certificates are held to it. */
  metrics?: MetricRead[];
}

/** One finished call, or one stream's opening or end, for the observers. */
export interface CallRecord {
  call: CallContext;
  /** The call's time; a stream's: at 'open' the time its opening took, at 'close' its whole life. */
  ms: number;
  error?: ErrorDescription;
  /**
   * Streams only (absent for a unary call): 'open' once authorized, or refused (with `error`; no 'close'
   * follows), then 'close' when it ends, with why.
   */
  stream?: { phase: 'open' | 'close'; reason?: string };
}

export interface CallHooks {
  /** What a call of an IAM action (`ecs:RunTask`) touches: the server's is core's authorization table. */
  scope(action: string, request: unknown, call: CallContext): AuthorizationScope | Promise<AuthorizationScope>;
  /** Refuses a call by throwing (the API's AccessDenied error). */
  authorize(req: AuthorizationRequest, call: CallContext): void | Promise<void>;
  /** Metrics, audit and logging, each called once per finished call; they must not throw. */
  observers: ((record: CallRecord) => void)[];
  /**
   * How gRPC callers without a client certificate authenticate (access keys; --insecure). A server always
   * sets it; absent (the chain's own unit tests), such callers are anonymous.
   */
  grpcAuthentication?: GrpcAuthentication;
  /** A turn to work on the call (admission.ts): resolves to its release, or throws ThrottlingException. */
  admit?: (ticket: Ticket) => Promise<() => void>;
  /**
   * Asked when an admitted call's handler would start: the ThrottlingException of a call that may no
   * longer be served (its caller's deadline passed, or it was made too long ago: admission.ts's
   * lateness), or undefined. `arrivedAt`: performance.now() when the call reached the chain.
   */
  late?: (ticket: Ticket, arrivedAt: number) => BerthError | undefined;
}

/** A handler: the model's request in, the model's response out, with the call's context. */
export type ActionHandler<Req = any, Res = any> = (request: Req, call: CallContext) => Promise<Res>;

/** One AWS API's implemented actions, served on every transport. */
export interface ActionTable {
  api: ApiModel;
  handlers: Record<string, ActionHandler | undefined>;
  /** Actions a gRPC caller may make without an access key: the request carries its own credential (Join: a token). */
  unsignedActions?: readonly string[];
  /** Actions of the model the API will never serve, each with its refusal (naming it and what to use instead). */
  refusals?: Readonly<Record<string, string>>;
}

/** The error an action of the model that Berth does not implement answers, naming it. */
export function unsupported(api: ApiModel, action: string, transport: Transport = 'grpc', refusal?: string): BerthError {
  const message = refusal ?? `Berth does not implement the ${api.serviceId} action ${action} yet.`;
  if (api.errors.UnsupportedFeatureException) return new BerthError('UnsupportedFeatureException', message);
  return new BerthError(unknownActionError(api, transport), message);
}

/**
 * The protocol's error for an action it cannot serve: the query protocol's InvalidAction (also for an
 * API whose JSON clients speak in query codes, and on gRPC for a query API), else UnknownOperationException.
 */
function unknownActionError(api: ApiModel, transport: Transport): 'InvalidAction' | 'UnknownOperationException' {
  const query = transport === 'query' || api.queryCompatible === true || (transport === 'grpc' && api.protocols[0] === 'query');
  return query ? 'InvalidAction' : 'UnknownOperationException';
}

/** The name of bad-input errors for an API: its model's own, else the query protocol's ValidationError. */
export function validationError(api: ApiModel): 'InvalidParameterException' | 'ValidationException' | 'InvalidParameterValueException' | 'ValidationError' {
  for (const n of ['InvalidParameterException', 'ValidationException', 'InvalidParameterValueException'] as const) if (api.errors[n]) return n;
  return 'ValidationError';
}

/** checkShape against the API's model, its refusals under the API's own name for bad input. */
function validate(api: ApiModel, shapeName: string, request: unknown): void {
  try {
    checkShape(shapeName, request, '', api.shapes);
  } catch (e) {
    const name = validationError(api);
    if (e instanceof BerthError && name !== e.ecsName) throw new BerthError(name, e.message, e.field);
    throw e;
  }
}

/** Authorization for a listener alone (tests of the protocols): every caller may do everything. */
export const allowAll: CallHooks['authorize'] = () => {};
/** A scope without lookups, for a listener alone: every action names `*`. */
export const unscoped: CallHooks['scope'] = () => ({ resources: ['*'], context: {} });

/**
 * The log observer: one debug line per call, an error line with the stack for an unexpected failure; one
 * info line when a stream opens (or is refused) and one when it closes, with its caller.
 */
export function logCalls(log: Logger): (record: CallRecord) => void {
  return ({ call, ms, error, stream }) => {
    const fields = { api: call.api.name, action: call.action, transport: call.transport, requestId: call.requestId, ms: Math.round(ms * 10) / 10 };
    if (error?.unexpected !== undefined) log.error(stream ? 'stream failed' : 'action failed', { ...fields, error: String((error.unexpected as Error)?.stack ?? error.unexpected) });
    else if (stream) {
      const more = { caller: callerName(call.caller), peer: call.peer, ...(error ? { error: error.name, message: error.message } : {}), ...(stream.reason !== undefined ? { why: stream.reason } : {}) };
      log.info(stream.phase === 'open' ? (error ? 'stream refused' : 'stream opened') : 'stream closed', { ...fields, ...more });
    } else log.debug('call', error ? { ...fields, error: error.name } : fields);
  };
}

/** Calls and errors per API action (what a metrics endpoint will export). */
export class CallMetrics {
  private readonly counts = new Map<string, { calls: number; errors: number; ms: number }>();
  readonly observe = ({ call, ms, error, stream }: CallRecord): void => {
    // A stream counts once: when it ends, or when its opening is refused.
    if (stream?.phase === 'open' && !error) return;
    const key = `${call.api.name}:${call.action}`;
    const c = this.counts.get(key) ?? { calls: 0, errors: 0, ms: 0 };
    c.calls++;
    if (error) c.errors++;
    c.ms += ms;
    this.counts.set(key, c);
  };
  snapshot(): Record<string, { calls: number; errors: number; ms: number }> {
    return Object.fromEntries([...this.counts].map(([k, v]) => [k, { ...v }]));
  }
}

/** What a transport hands the seam for one call. */
export interface IncomingCall {
  transport: Transport;
  peer: string;
  requestId?: string;
  /** Who calls: the transport's credentials checked (SigV4), or what it knows. */
  authenticate(): Promise<Caller>;
  /** The action and the request in the model's form (decoding may throw the protocol's errors). */
  decode(): { action: string; request: unknown };
  /** A machine's call (a client certificate, a join) is never refused for load (admission.ts); default 'api'. */
  class?: CallClass;
  /** Its lane at the gate, from its action (admission.ts's laneOf); absent: mutating. */
  lane?: Lane;
  /** How long before it arrived the caller made the call, when the transport can tell (call-age.ts). */
  ageMs?: number;
  /** When its caller gives up on it (epoch ms; gRPC's deadline), when the transport knows. */
  deadline?: number;
  /**
   * The turn the transport already took (hooks.admit, before work it does ahead of the chain), released
   * when the call is answered; absent, the chain takes one first. A refused turn is the transport's to
   * throw from authenticate().
   */
  turn?: () => void;
}

export type CallOutcome = { call: CallContext; response: unknown } | { call: CallContext; error: ErrorDescription };

/** The hook chain: every call of every transport runs through here once. Never throws. */
export async function runCall(table: ActionTable, hooks: CallHooks, incoming: IncomingCall): Promise<CallOutcome> {
  const started = performance.now();
  const call: CallContext = {
    requestId: incoming.requestId ?? randomUUID(), transport: incoming.transport, peer: incoming.peer,
    api: table.api, action: '-', caller: { kind: 'anonymous', reason: 'not authenticated yet' },
  };
  let outcome: CallOutcome;
  let release: (() => void) | undefined;
  const ticket: Ticket = {
    class: incoming.class ?? 'api', lane: incoming.lane ?? 'mutating',
    ...(incoming.ageMs !== undefined ? { ageMs: incoming.ageMs } : {}), ...(incoming.deadline !== undefined ? { deadline: incoming.deadline } : {}),
  };
  const times: CallTimes = { class: ticket.class, lane: ticket.lane!, arrived: started, marks: {} };
  call.times = times;
  try {
    release = incoming.turn ?? (await hooks.admit?.(ticket));
    times.admitted = performance.now();
    call.caller = await incoming.authenticate();
    const { action, request } = incoming.decode();
    call.action = action;
    const handler = Object.hasOwn(table.handlers, action) ? table.handlers[action] : undefined;
    const op = Object.hasOwn(table.api.operations, action) ? table.api.operations[action] : undefined;
    if (!op) throw new BerthError(unknownActionError(table.api, incoming.transport), `Unknown operation ${action.slice(0, 200)}.`);
    if (!handler) throw unsupported(table.api, action, incoming.transport, table.refusals?.[action]);
    const iamAction = `${table.api.iamPrefix}:${action}`;
    const scope = await hooks.scope(iamAction, request, call);
    call.resources = scope.resources;
    await hooks.authorize({ caller: call.caller, action: iamAction, ...scope }, call);
    validate(table.api, op.input, request ?? {});
    // Never served late: a call whose caller has given up, or that has been waiting since long ago, is
    // refused before its handler does any work (and a mutating one before it writes anything).
    const late = hooks.late?.(ticket, started);
    if (late) throw late;
    times.marks.handler = performance.now();
    outcome = { call, response: (await handler(request ?? {}, call)) ?? {} };
  } catch (e) {
    outcome = { call, error: describeError(e, table.api) };
  } finally {
    release?.();
  }
  const record: CallRecord = { call, ms: performance.now() - started, ...('error' in outcome ? { error: outcome.error } : {}) };
  for (const observe of hooks.observers) observe(record);
  return outcome;
}

/** What a transport hands the seam for one stream. */
export interface IncomingStream {
  transport: Transport;
  peer: string;
  api: CallApi;
  /** The stream's action (`Poll` for the agent stream, `WatchEvents`). */
  action: string;
  /** Who opens it: the transport's credentials checked, or what it knows (issue 16: the peer's certificate). */
  authenticate(): Promise<Caller>;
}

/** One IAM action a stream will perform, on these resources. */
export interface StreamPermission {
  action: string;
  resources: string[];
  /** The request's condition keys (`ecs:cluster`), as the authorization table names them for the action. */
  context?: RequestContext;
}

/** How a stream ended (the observers' 'close' record). */
export interface StreamEnd {
  /** Why, in a few words (`agent disconnected`, `client cancelled`, `fell behind`). */
  reason: string;
  /**
   * The error it ended with, when it failed: a BerthError is described as a call's would be; anything else
   * is a bug, logged with its stack. A stream the client or the server simply closed has none.
   */
  error?: unknown;
}

export interface StreamSteps {
  /**
   * Reads what names the stream's resources (its request, the agent's hello), may set `call.caller` (an
   * agent once its hello names its instance), and returns every IAM action the stream will perform
   * (action names without the API's prefix); throws to refuse the stream.
   */
  open(call: CallContext): Promise<StreamPermission[]>;
  /** Serves the authorized stream; resolves when it has ended. */
  serve(call: CallContext): Promise<StreamEnd>;
}

/** A stream's outcome: refused at its opening (how to answer), or served to its end. */
export type StreamOutcome = { call: CallContext; refused: ErrorDescription; thrown: unknown } | { call: CallContext; end: StreamEnd };

/**
 * The hook chain for a stream: authenticate, `open` (read what names the resources), authorize each
 * permission it asks for, observe the opening, serve, observe the end. Never throws.
 */
export async function runStream(hooks: CallHooks, incoming: IncomingStream, steps: StreamSteps, requestId: string = randomUUID()): Promise<StreamOutcome> {
  const started = performance.now();
  const call: CallContext = {
    requestId, transport: incoming.transport, peer: incoming.peer, api: incoming.api, action: incoming.action,
    caller: { kind: 'anonymous', reason: 'not authenticated yet' },
  };
  const observe = (record: Omit<CallRecord, 'call'>) => {
    for (const o of hooks.observers) o({ call, ...record });
  };
  try {
    call.caller = await incoming.authenticate();
    const permissions = await steps.open(call);
    call.resources = [...new Set(permissions.flatMap((p) => p.resources))];
    for (const p of permissions) await hooks.authorize({ caller: call.caller, action: `${incoming.api.iamPrefix}:${p.action}`, resources: p.resources, context: p.context ?? {} }, call);
  } catch (e) {
    const refused = describeError(e);
    observe({ ms: performance.now() - started, error: refused, stream: { phase: 'open' } });
    return { call, refused, thrown: e };
  }
  observe({ ms: performance.now() - started, stream: { phase: 'open' } });
  let end: StreamEnd;
  try {
    end = await steps.serve(call);
  } catch (e) {
    end = { reason: 'failed', error: e };
  }
  observe({ ms: performance.now() - started, stream: { phase: 'close', reason: end.reason }, ...(end.error !== undefined ? { error: describeError(end.error) } : {}) });
  return { call, end };
}

/**
 * The observers every server has (count, audit, log), with a listener-alone scope and authorization the
 * server replaces. The audit trail goes to `audit` (berth-server's --audit-log file), or else to the log
 * as `audit` lines.
 */
export function defaultHooks(log: Logger, metrics = new CallMetrics(), audit: (entry: AuditEntry) => void = (e) => log.info('audit', { ...e })): CallHooks {
  return { scope: unscoped, authorize: allowAll, observers: [metrics.observe, auditCalls(audit), logCalls(log)] };
}
