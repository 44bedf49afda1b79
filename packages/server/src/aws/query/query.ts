// The AWS query protocol (IAM, STS, ELBv2, and CloudWatch as Debian's AWS CLI calls it): a form
// (`Action=GetCallerIdentity&Version=2011-06-15&Members...`, POST body or GET query string) in, XML out.
// Form keys name members by path: `A.B` for a structure's member, `A.member.N` for list items (N from 1),
// `A.entry.N.key` / `.value` for maps; `A=` alone is an empty list. Timestamps are ISO 8601 both ways.
// Errors: `<ErrorResponse><Error><Type>Sender</Type><Code>CODE</Code><Message>...</Message></Error>
// <RequestId>...</RequestId></ErrorResponse>`, with the model's query code and HTTP status.
import { BerthError, type ApiModel } from '@berth/core';
import { validationError, type ErrorDescription } from '@berth/api';
import { errorHeaders, scalarFromText, serialization, type AwsRequest, type HttpAnswer, type Protocol } from '../protocol.js';
import { escapeXml, xmlMembers } from './xml.js';

const XML = 'text/xml';

/** The form's pairs; a key given twice is refused rather than one of them silently winning. */
function formOf(req: AwsRequest): Map<string, string> {
  const source = req.method === 'GET' ? req.query.toString() : req.text;
  const form = new Map<string, string>();
  for (const part of source.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let k: string, v: string;
    try {
      k = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
      v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      throw serialization('The request is not a valid form: a percent-encoded sequence is not UTF-8.');
    }
    if (form.has(k)) throw serialization(`The form gives ${k.slice(0, 100)} more than once.`);
    form.set(k, v);
  }
  return form;
}

/** Reads the value of `shapeName` at `key` from the form, marking what it used. */
function readValue(api: ApiModel, shapeName: string, key: string, form: Map<string, string>, used: Set<string>): unknown {
  const shape = api.shapes[shapeName];
  const has = (k: string) => form.has(k);
  const under = (prefix: string) => { for (const k of form.keys()) if (k.startsWith(prefix)) return true; return false; };
  switch (shape?.type) {
    case 'structure': {
      if (!under(`${key}.`)) return undefined;
      return readStructure(api, shapeName, `${key}.`, form, used);
    }
    case 'list': {
      if (has(key) && form.get(key) === '') { used.add(key); return []; }
      const item = shape.flattened ? key : `${key}.${shape.memberName ?? 'member'}`;
      const out: unknown[] = [];
      for (let i = 1; ; i++) {
        const v = readValue(api, shape.member, `${item}.${i}`, form, used);
        if (v === undefined) break;
        out.push(v);
      }
      return out.length ? out : undefined;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      let n = 0;
      for (let i = 1; has(`${key}.entry.${i}.key`); i++, n++) {
        used.add(`${key}.entry.${i}.key`);
        out[form.get(`${key}.entry.${i}.key`)!] = readValue(api, shape.value, `${key}.entry.${i}.value`, form, used);
      }
      return n ? out : undefined;
    }
    default: {
      if (!has(key)) return undefined;
      used.add(key);
      return scalarFromText(api, shapeName, form.get(key)!, key);
    }
  }
}

function readStructure(api: ApiModel, shapeName: string, prefix: string, form: Map<string, string>, used: Set<string>): Record<string, unknown> {
  const shape = api.shapes[shapeName];
  const out: Record<string, unknown> = {};
  if (shape?.type !== 'structure') return out;
  for (const [m, ms] of Object.entries(shape.members)) {
    const v = readValue(api, ms, `${prefix}${shape.locations?.[m]?.name ?? m}`, form, used);
    if (v !== undefined) out[m] = v;
  }
  return out;
}

/** The query protocol's own error for an action it does not know: InvalidAction. */
function actionOf(api: ApiModel, form: Map<string, string>): string {
  const action = form.get('Action');
  if (!action) throw new BerthError('InvalidAction', 'The request must name an Action.');
  const version = form.get('Version');
  if (version !== undefined && version !== api.apiVersion) throw serialization(`Version ${version.slice(0, 40)} is not ${api.serviceId}'s ${api.apiVersion}.`);
  return action;
}

export const query: Protocol = {
  name: 'query',
  decode(api: ApiModel, req: AwsRequest) {
    const form = formOf(req);
    const action = actionOf(api, form);
    const op = api.operations[action];
    if (!op) return { action, request: {} };
    const used = new Set(['Action', 'Version']);
    const request = readStructure(api, op.input, '', form, used);
    // Nothing is silently ignored: a key that names no member is refused by its name.
    const unknown = [...form.keys()].find((k) => !used.has(k));
    if (unknown !== undefined) throw new BerthError(validationError(api), `Unknown parameter ${unknown.slice(0, 100)} for ${action}.`, unknown);
    return { action, request };
  },
  success(api: ApiModel, action: string, response: unknown, requestId: string): HttpAnswer {
    const op = api.operations[action]!;
    const ns = api.xmlNamespace ? ` xmlns="${escapeXml(api.xmlNamespace)}"` : '';
    const members = xmlMembers(api, op.output, (response ?? {}) as Record<string, unknown>);
    const result = op.resultWrapper ? `<${op.resultWrapper}>${members}</${op.resultWrapper}>` : '';
    const body = `<${action}Response${ns}>${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
    return { status: 200, headers: { 'Content-Type': XML }, body };
  },
  error(api: ApiModel, err: ErrorDescription, requestId: string): HttpAnswer {
    const ns = api.xmlNamespace ? ` xmlns="${escapeXml(api.xmlNamespace)}"` : '';
    const members = Object.entries(err.members ?? {}).map(([m, v]) => plainXml(m, v)).join('');
    const body = `<ErrorResponse${ns}><Error><Type>${err.fault ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(err.code)}</Code>`
      + `<Message>${escapeXml(err.message)}</Message>${members}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status: err.status, headers: { 'Content-Type': XML, ...errorHeaders(err) }, body };
  },
};

/** An error member (error shapes are not in the shapes table): scalars, and lists of them as <member> items. */
function plainXml(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const inner = Array.isArray(value) ? value.map((v) => plainXml('member', v)).join('') : escapeXml(String(value));
  return `<${name}>${inner}</${name}>`;
}
