// AWS REST-JSON (EventBridge Scheduler): the action is the method and the path (`GET /schedules/{Name}`);
// members travel in the path (`location: uri`), the query string, headers, or the JSON body (the rest).
// Answers: the model's status (200), header members as headers, the rest as a JSON body. Errors: the
// model's HTTP status, `x-amzn-ErrorType`, and `{"Message": ..., ...members}` under the model's names.
import { BerthError, type ApiModel, type Operation } from '@berth/core';
import type { ErrorDescription } from '@berth/api';
import { awsJson, errorHeaders, jsonErrorBody, parseJsonObject, scalarFromText, serialization, type AwsRequest, type HttpAnswer, type Protocol } from '../protocol.js';

interface Route { action: string; op: Operation; pattern: RegExp; params: string[] }

const routesOf = new WeakMap<ApiModel, Route[]>();
function routes(api: ApiModel): Route[] {
  let r = routesOf.get(api);
  if (!r) {
    r = Object.entries(api.operations).filter(([, op]) => op.http).map(([action, op]) => {
      const params: string[] = [];
      const path = op.http!.requestUri.split('?')[0]!;
      const source = path.replace(/[.*+?^$()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : `\\${c}`))
        .replace(/\{(\w+)(\+?)\}/g, (_, name: string, greedy: string) => { params.push(name); return greedy ? '(.+)' : '([^/]+)'; });
      return { action, op, pattern: new RegExp(`^${source}$`), params };
    });
    routesOf.set(api, r);
  }
  return r;
}

/** Does any action of this REST API answer this method and path? (The listener routes unsigned requests by it.) */
export function matchesRoute(api: ApiModel, method: string, path: string): boolean {
  return routes(api).some((r) => r.op.http!.method === method && r.pattern.test(path));
}

function header(req: AwsRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : v;
}

export const restJson: Protocol = {
  name: 'rest-json',
  decode(api: ApiModel, req: AwsRequest) {
    for (const r of routes(api)) {
      if (r.op.http!.method !== req.method) continue;
      const m = r.pattern.exec(req.path);
      if (!m) continue;
      const input = api.shapes[r.op.input];
      if (input?.type !== 'structure') throw new Error(`${api.name}: ${r.op.input} is not a structure`);
      const bodyMembers = Object.keys(input.members).filter((k) => !input.locations?.[k]?.location);
      const request: Record<string, unknown> = bodyMembers.length ? parseJsonObject(req.text) : {};
      if (!bodyMembers.length && req.text.trim() !== '') throw serialization(`${r.action} takes no body.`);
      for (const [k, loc] of Object.entries(input.locations ?? {})) {
        const name = loc.name ?? k;
        let text: string | undefined;
        if (loc.location === 'uri') {
          const i = r.params.indexOf(name);
          if (i >= 0) {
            try {
              text = decodeURIComponent(m[i + 1]!);
            } catch {
              throw serialization('The path is not valid: a percent-encoded sequence is not UTF-8.');
            }
          }
        } else if (loc.location === 'querystring') {
          const all = req.query.getAll(name);
          if (all.length && api.shapes[input.members[k]!]?.type === 'list') {
            const member = (api.shapes[input.members[k]!] as { member: string }).member;
            request[k] = all.map((v) => scalarFromText(api, member, v, name));
            continue;
          }
          text = all[0];
        } else if (loc.location === 'header') {
          text = header(req, name);
        }
        if (text !== undefined) request[k] = scalarFromText(api, input.members[k]!, text, name);
      }
      return { action: r.action, request };
    }
    throw new BerthError('UnknownOperationException', `No ${api.serviceId} action answers ${req.method} ${req.path.slice(0, 200)}.`);
  },
  success(api: ApiModel, action: string, response: unknown): HttpAnswer {
    const op = api.operations[action]!;
    const output = api.shapes[op.output];
    const body: Record<string, unknown> = { ...(response as Record<string, unknown>) };
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (output?.type === 'structure') {
      for (const [k, loc] of Object.entries(output.locations ?? {})) {
        if (loc.location !== 'header' || body[k] === undefined) continue;
        headers[loc.name ?? k] = String(body[k]);
        delete body[k];
      }
    }
    return { status: op.http?.responseCode ?? 200, headers, body: awsJson(body) };
  },
  error(api: ApiModel, err: ErrorDescription): HttpAnswer {
    return { status: err.status, headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': err.name, ...errorHeaders(err) }, body: jsonErrorBody(api, err, false) };
  },
};
