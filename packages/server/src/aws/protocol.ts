// What every AWS protocol of the listener is: a decoder from an HTTP request to the action and the
// request in the model's form, and two shapers, one for answers and one for errors, in the form its
// clients expect. Model form: the model's member names, timestamps in epoch seconds, blobs as base64.
import type { IncomingHttpHeaders } from 'node:http';
import { BerthError, type ApiModel } from '@berth/core';
import type { ErrorDescription, Transport } from '@berth/api';

export interface AwsRequest {
  method: string;
  /** Path without the query string, as sent (still percent-encoded). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body, already checked to be valid UTF-8. */
  text: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Protocol {
  name: Transport;
  decode(api: ApiModel, req: AwsRequest): { action: string; request: unknown };
  success(api: ApiModel, action: string, response: unknown, requestId: string): HttpAnswer;
  error(api: ApiModel, err: ErrorDescription, requestId: string): HttpAnswer;
}

/** The field at fault travels beside an AWS error's message, never inside it. */
export const ERROR_FIELD_HEADER = 'x-berth-error-field';

/** Headers every error answer carries besides the protocol's own. */
export function errorHeaders(err: ErrorDescription): Record<string, string> {
  return err.field !== undefined ? { [ERROR_FIELD_HEADER]: encodeURIComponent(err.field) } : {};
}

/** JSON with null/undefined object members omitted (list elements are kept as they are). */
export function awsJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, _k: string, v: unknown) {
    return v === null && !Array.isArray(this) ? undefined : v;
  });
}

/** A body that is not what the protocol expects: AWS's SerializationException. */
export function serialization(message: string): BerthError {
  return new BerthError('SerializationException', message);
}

/** A JSON body as an object (empty is `{}`). */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw serialization(`The request body is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw serialization('The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

/** An ISO 8601 or epoch-seconds text as epoch seconds (query strings, headers, query forms). */
export function parseTimestamp(text: string, where: string): number {
  const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text) / 1000;
  if (!Number.isFinite(n)) throw serialization(`${where}: '${text.slice(0, 60)}' is not a timestamp.`);
  return n;
}

export function isoTimestamp(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

/** A scalar from text (query forms, REST paths, query strings and headers), by the model's type. */
export function scalarFromText(api: ApiModel, shapeName: string, text: string, where: string): unknown {
  const shape = api.shapes[shapeName];
  switch (shape?.type) {
    case 'integer': case 'long': case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw serialization(`${where}: '${text.slice(0, 60)}' is not a number.`);
      return n;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw serialization(`${where}: '${text.slice(0, 60)}' is not true or false.`);
      return text === 'true';
    case 'timestamp':
      return parseTimestamp(text, where);
    default:
      return text;
  }
}

/** The body of an error in the JSON protocols: the name, the message under the model's member name, the other members. */
export function jsonErrorBody(api: ApiModel, err: ErrorDescription, withType: boolean): string {
  const messageMember = api.errors[err.name]?.messageMember ?? 'message';
  return awsJson({ ...(withType ? { __type: err.name } : {}), [messageMember]: err.message, ...err.members });
}
