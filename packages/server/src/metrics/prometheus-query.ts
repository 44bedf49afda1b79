// A small client of Prometheus's HTTP API (`/api/v1/query`, an instant query at a given time), for the
// metric-math `Expression`s Berth reads as PromQL (--prometheus-url; docs/autoscaling.md): the alarm
// evaluator asks for one number per period. The answer is a number or a gap, never a made-up 0: a scalar,
// or a vector of exactly one series, is a number; an empty vector, NaN, a failed or timed-out query is a
// gap, with why; several series are a gap with a clear error (the expression must aggregate them), as a
// gap never scales in.

/** Why an Expression is refused where the server has no Prometheus. */
export const NO_PROMETHEUS = 'a metric-math Expression is evaluated as PromQL against Prometheus, and this server has none: start berth-server with --prometheus-url URL.';

export type PromQLAnswer = { value: number } | { gap: string };

/** What the alarm evaluator needs of Prometheus. */
export interface PromQL {
  /** The URL queries go to (for messages). */
  readonly url: string;
  /** `expression` evaluated at `at` (epoch seconds). */
  query(expression: string, at: number): Promise<PromQLAnswer>;
}

interface QueryResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

/** Default time a query may take before it is a gap. */
export const DEFAULT_PROMQL_TIMEOUT_MS = 5000;

const labels = (m: Record<string, string> | undefined) => `{${Object.entries(m ?? {}).map(([k, v]) => `${k}="${v}"`).join(',')}}`;

/** A number from Prometheus's string sample value; NaN and infinities are gaps. */
function sample(v: unknown): PromQLAnswer {
  const n = Array.isArray(v) ? Number(v[1]) : NaN;
  return Number.isFinite(n) ? { value: n } : { gap: `the query answered ${Array.isArray(v) ? String(v[1]) : 'no value'}` };
}

/** Reads one instant query's response body. */
function readQueryResponse(body: QueryResponse): PromQLAnswer {
  if (body.status !== 'success') return { gap: `Prometheus refused the query: ${body.errorType ?? 'error'}: ${body.error ?? 'no reason given'}` };
  const { resultType, result } = body.data ?? {};
  if (resultType === 'scalar') return sample(result);
  if (resultType !== 'vector' || !Array.isArray(result)) return { gap: `the query answered a ${resultType ?? 'missing'} result; it must answer a scalar or a vector of one series` };
  if (result.length === 0) return { gap: 'the query answered no series' };
  if (result.length > 1) {
    const shown = (result as { metric?: Record<string, string> }[]).slice(0, 3).map((s) => labels(s.metric)).join(', ');
    return { gap: `the query answered ${result.length} series (${shown}${result.length > 3 ? ', ...' : ''}); it must answer one: aggregate them (sum, max, avg ... by nothing)` };
  }
  return sample((result[0] as { value?: unknown }).value);
}

export function prometheusClient(url: string, opts: { timeoutMs?: number } = {}): PromQL {
  const base = url.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_PROMQL_TIMEOUT_MS;
  return {
    url: base,
    async query(expression, at) {
      const params = new URLSearchParams({ query: expression, time: at.toFixed(3), timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s` });
      try {
        const res = await fetch(`${base}/api/v1/query`, {
          method: 'POST', body: params, headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        let body: QueryResponse;
        try {
          body = JSON.parse(text) as QueryResponse;
        } catch {
          return { gap: `Prometheus at ${base} answered HTTP ${res.status} without JSON` };
        }
        return readQueryResponse(body);
      } catch (e) {
        const err = e as Error;
        const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String((err.cause as Error | undefined)?.message ?? err.message);
        return { gap: `Prometheus at ${base} could not be queried: ${why}` };
      }
    },
  };
}
