// AWS JSON 1.0 and 1.1: POST / with `X-Amz-Target: PREFIX.Action` and a JSON object; answers the output
// object, or `{"__type", "message", ...members}` with `x-amzn-ErrorType`. Timestamps are epoch seconds, as
// in the model form, so requests and answers pass through unchanged. An API that was a query API before
// (`awsQueryCompatible`: CloudWatch) also sends its query error code, `x-amzn-query-error: CODE;Sender`,
// which clients in query mode (`x-amzn-query-mode: true`) report as the error's code.
import type { ApiModel } from '@berth/core';
import type { ErrorDescription } from '@berth/api';
import { BerthError } from '@berth/core';
import { awsJson, errorHeaders, jsonErrorBody, parseJsonObject, type AwsRequest, type HttpAnswer, type Protocol } from '../protocol.js';

function contentType(api: ApiModel): string {
  return `application/x-amz-json-${api.jsonVersion ?? '1.1'}`;
}

function actionOf(api: ApiModel, target: string | string[] | undefined): string {
  const t = Array.isArray(target) ? target[0] : target;
  if (!t) throw new BerthError('UnknownOperationException', 'Missing X-Amz-Target header.');
  const dot = t.lastIndexOf('.');
  if (dot < 0 || t.slice(0, dot) !== api.targetPrefix) throw new BerthError('UnknownOperationException', `Unknown operation ${t.slice(0, 200)}.`);
  return t.slice(dot + 1);
}

export const jsonRpc: Protocol = {
  name: 'json',
  decode(api: ApiModel, req: AwsRequest) {
    if (req.method !== 'POST') throw new BerthError('UnknownOperationException', `Only POST / is served (got ${req.method}).`);
    const action = actionOf(api, req.headers['x-amz-target']);
    return { action, request: parseJsonObject(req.text) };
  },
  success(api: ApiModel, _action: string, response: unknown): HttpAnswer {
    return { status: 200, headers: { 'Content-Type': contentType(api) }, body: awsJson(response) };
  },
  error(api: ApiModel, err: ErrorDescription): HttpAnswer {
    const headers: Record<string, string> = { 'Content-Type': contentType(api), 'x-amzn-ErrorType': err.name, ...errorHeaders(err) };
    if (api.queryCompatible) headers['x-amzn-query-error'] = `${err.code};${err.fault ? 'Receiver' : 'Sender'}`;
    return { status: err.status, headers, body: jsonErrorBody(api, err, true) };
  },
};
