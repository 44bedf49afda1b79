// The console's calls to its server: the session (sign-in, sign-out), one action of an API's table (the
// model's JSON in and out, exactly what the AWS listener takes), what the caller may do, and the page's one
// event stream. The access key's secret is sent once, to sign in, and never kept: the session lives in an
// HttpOnly cookie the page cannot read; the CSRF token the server gives goes with every POST.

export interface SessionInfo {
  userName: string;
  accessKeyId: string;
  csrfToken: string;
  expiresAt: number;
}

/** An error the server answered: ECS's error name and text. */
export class ApiError extends Error {
  constructor(readonly name: string, message: string, readonly status: number) {
    super(message);
  }
}

let csrfToken = '';
/** Called when the server says the session is gone (expired, signed out elsewhere, key deactivated). */
let onSignedOut: () => void = () => {};

export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/session') onSignedOut();
    throw new ApiError(String(parsed.__type ?? 'Error'), String(parsed.message ?? parsed.Message ?? res.statusText), res.status);
  }
  return parsed as T;
}

export async function currentSession(): Promise<SessionInfo | undefined> {
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  if (!res.ok) return undefined;
  const s = (await res.json()) as SessionInfo;
  csrfToken = s.csrfToken;
  return s;
}

export async function signIn(accessKeyId: string, secretAccessKey: string): Promise<SessionInfo> {
  const s = await post<SessionInfo>('/api/session', { accessKeyId, secretAccessKey });
  csrfToken = s.csrfToken;
  return s;
}

export async function signOut(): Promise<void> {
  await post('/api/sign-out', {});
  csrfToken = '';
}

/** One action of an API's table (`ecs`, `cloudwatch`...), through the server's seam as the signed-in user. */
export function call<T = any>(api: string, action: string, request: Record<string, unknown> = {}): Promise<T> {
  return post<T>(`/api/call/${api}/${action}`, request);
}

/** One ECS action. */
export const ecs = <T = any>(action: string, request: Record<string, unknown> = {}): Promise<T> => call<T>('ecs', action, request);

/** Which of the console's mutating actions the caller may make on a cluster (a hint: the server decides each call). */
export function permissions(cluster?: string): Promise<Record<string, boolean>> {
  return post('/api/permissions', cluster !== undefined ? { cluster } : {});
}

/** An ECS event in EventBridge form, as the stream carries it. */
export interface EcsEvent {
  id: string;
  'detail-type': string;
  time: string;
  resources: string[];
  detail: Record<string, any>;
}

/**
 * The page's one event stream: the cluster's events (every cluster's when none), from the oldest kept, then
 * live. The browser's EventSource reconnects by itself and resumes after the last event it received; a
 * refusal (the server's `error` message) closes it for good and is reported.
 */
export function watchEvents(cluster: string | undefined, handlers: { event(e: EcsEvent): void; caughtUp(): void; refused(e: ApiError): void }): () => void {
  const source = new EventSource(`/api/events${cluster !== undefined ? `?cluster=${encodeURIComponent(cluster)}` : ''}`);
  source.onmessage = (m) => {
    try {
      handlers.event(JSON.parse(m.data) as EcsEvent);
    } catch (e) {
      console.warn('an event the console cannot read', m.data, e);
    }
  };
  source.addEventListener('caught-up', () => handlers.caughtUp());
  source.addEventListener('error', (m) => {
    if (!(m instanceof MessageEvent)) return; // the connection dropped: EventSource reconnects by itself
    source.close();
    const { name, message } = JSON.parse(String(m.data)) as { name: string; message: string };
    handlers.refused(new ApiError(name, message, 403));
  });
  return () => source.close();
}

/**
 * A task's container's log: its last `tail` lines, then live, as the server reads it from the task's agent
 * (berth:GetTaskLogs). Output comes as text per stream (1 stdout, 2 stderr); the log's end, a refusal or a
 * dropped connection closes it (no reconnection: that would repeat the tail).
 */
export function followTaskLogs(cluster: string, task: string, container: string, tail: number, handlers: { output(fd: number, text: string): void; ended(error?: ApiError): void }): () => void {
  const q = new URLSearchParams({ cluster, task, container, tail: String(tail) });
  const source = new EventSource(`/api/logs?${q}`);
  const end = (error?: ApiError) => {
    source.close();
    handlers.ended(error);
  };
  source.addEventListener('output', (m) => {
    const { fd, text } = JSON.parse(String((m as MessageEvent).data)) as { fd: number; text: string };
    handlers.output(fd, text);
  });
  source.addEventListener('end', () => end());
  source.addEventListener('error', (m) => {
    if (!(m instanceof MessageEvent)) return end(new ApiError('ConnectionLost', 'The connection to the console was lost.', 0));
    const { name, message } = JSON.parse(String(m.data)) as { name: string; message: string };
    end(new ApiError(name, message, 403));
  });
  return () => source.close();
}
