#!/usr/bin/env node
// Generates one API per botocore model in protos/aws-models/NAME/service-2.json:
//   a gRPC service      protos/berth/v1/ecs.proto (ECS, package berth.v1: kept where it always was) or
//                       protos/berth/aws/NAME/v1/NAME.proto (package berth.aws.NAME.v1): every structure a
//                       message, every action an RPC
//   the model as data   packages/core/src/model/shapes.ts (ECS) or model/NAME/shapes.ts: shapes, operations,
//                       errors and the protocol facts the AWS protocol layer needs (checkShape validates
//                       against it, api's wire conversion walks it)
//   TypeScript types    packages/core/src/model/types.ts (ECS) or model/NAME/types.ts, with the model's names
//   the API table       packages/core/src/model/apis.ts: every API's metadata (protocol, target prefix,
//                       signing name, IAM prefix, gRPC service) and the union of every error name
// Run with `make gen` (npm run gen) after a model changes or is added; the outputs are committed, and
// `--check` (a test runs it) writes nothing and fails naming every output that is not current. Field numbers already present in a .proto are kept, so regenerating only
// ever adds (protos change only by adding).
import { readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const MODELS = 'protos/aws-models';
/** The proto field that lists which list and map members were present (possibly empty): proto3 cannot tell. */
const PRESENCE_FIELD = 'berth_present_members';
const PRESENCE_NUMBER = 10000;
/** A botocore document's one field: its JSON text (api's wire conversion, DOCUMENT_KEY). */
const DOCUMENT_FIELD = 'berth_json';

// --- names --------------------------------------------------------------------------------------
/** camelCase -> proto snake_case (acronym runs stay together: bindIP -> bind_ip). */
const SNAKE_OVERRIDES = { memoryGiBPerVCpu: 'memory_gib_per_vcpu' };
export function snake(name) {
  if (SNAKE_OVERRIDES[name]) return SNAKE_OVERRIDES[name];
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
/** protobufjs's util.camelCase, which proto-loader applies when keepCase is false. */
export function pbCamel(str) {
  return str.substring(0, 1) + str.substring(1).replace(/_([a-z])/g, (_, c) => c.toUpperCase());
}
const pascal = (s) => s.replace(/(^|[-_])(\w)/g, (_, __, c) => c.toUpperCase());

/** Where each API's outputs go. ECS keeps the paths and names it had before other APIs existed. */
function layout(api, model) {
  const serviceName = model.metadata.serviceId.replace(/[^A-Za-z0-9]/g, '');
  if (api === 'ecs') {
    return { proto: 'berth/v1/ecs.proto', pkg: 'berth.v1', service: 'ECS', core: 'packages/core/src/model/', actionsType: 'EcsActions' };
  }
  return { proto: `berth/aws/${api}/v1/${api}.proto`, pkg: `berth.aws.${api}.v1`, service: serviceName, core: `packages/core/src/model/${api}/`, actionsType: `${pascal(api)}Actions` };
}
/** IAM action prefixes that differ from the signing name (CloudWatch signs as `monitoring`). */
const IAM_PREFIX = { cloudwatch: 'cloudwatch' };

// --- existing field numbers ---------------------------------------------------------------------
function existingNumbers(file) {
  const existing = new Map(); // message -> Map(field -> number)
  if (!existsSync(file)) return existing;
  let cur = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^message (\w+) \{/.exec(line);
    if (m) { cur = new Map(); existing.set(m[1], cur); continue; }
    const f = /^\s+(?:optional |repeated )?[\w.<>, ]+ (\w+) = (\d+);/.exec(line);
    if (cur && f && f[1] !== PRESENCE_FIELD) cur.set(f[1], Number(f[2]));
  }
  return existing;
}

const check = process.argv.includes('--check');
const stale = [];
function write(rel, text) {
  if (check) {
    if (!existsSync(root + rel) || readFileSync(root + rel, 'utf8') !== text) stale.push(rel);
    return;
  }
  mkdirSync(dirname(root + rel), { recursive: true });
  writeFileSync(root + rel, text);
}

function generate(api) {
  const modelFile = `${MODELS}/${api}/service-2.json`;
  const model = JSON.parse(readFileSync(root + modelFile, 'utf8'));
  const shapes = model.shapes;
  const meta = model.metadata;
  // An action without input or output (smithy's Unit) takes or returns an empty structure.
  for (const o of Object.values(model.operations)) {
    for (const side of ['input', 'output']) {
      if (o[side]) continue;
      if (shapes.Unit && !(shapes.Unit.type === 'structure' && Object.keys(shapes.Unit.members ?? {}).length === 0)) throw new Error(`${api}: a shape is already called Unit`);
      shapes.Unit ??= { type: 'structure', members: {} };
      o[side] = { shape: 'Unit' };
    }
  }
  const out = layout(api, model);
  // An exception that is also a member (an event stream's error events: CloudWatch Logs' StartLiveTail) is a
  // structure too, so the messages and types that name it are whole.
  const memberShapes = new Set(Object.values(shapes).flatMap((s) => Object.values(s.members ?? {}).map((r) => r.shape)));
  const isException = (s, name) => s.type === 'structure' && s.exception && !memberShapes.has(name);
  const structures = Object.keys(shapes).filter((n) => shapes[n].type === 'structure' && !isException(shapes[n], n)).sort();
  const isCollection = (n) => ['list', 'map'].includes(shapes[n].type);

  // --- the .proto ---------------------------------------------------------------------------------
  /** Lists of lists or maps cannot be repeated fields: their items travel in a one-field wrapper message. */
  const wrappers = new Map(); // list shape -> wrapper message name
  function protoType(shapeName) {
    const s = shapes[shapeName];
    switch (s.type) {
      case 'string': case 'blob': return { t: 'string', scalar: true }; // blobs travel base64, as in JSON
      case 'integer': return { t: 'int32', scalar: true };
      case 'long': return { t: 'int64', scalar: true };
      case 'boolean': return { t: 'bool', scalar: true };
      case 'double': case 'float': return { t: 'double', scalar: true };
      // Timestamps are epoch seconds in the model form; a double carries exactly that value.
      case 'timestamp': return { t: 'double', scalar: true };
      case 'structure': return { t: shapeName, scalar: false };
      case 'list': {
        if (isCollection(s.member.shape)) {
          const w = `${shapeName}Item`;
          wrappers.set(shapeName, w);
          return { t: w, repeated: true };
        }
        return { t: protoType(s.member.shape).t, repeated: true };
      }
      case 'map': {
        const k = protoType(s.key.shape);
        // A map of lists or maps (Secrets Manager's versions to stages): each value travels in a wrapper too.
        if (isCollection(s.value.shape)) {
          const w = `${shapeName}Value`;
          wrappers.set(shapeName, w);
          return { t: `map<${k.t}, ${w}>`, map: true };
        }
        return { t: `map<${k.t}, ${protoType(s.value.shape).t}>`, map: true };
      }
      default: throw new Error(`${api}: unhandled type ${s.type} for ${shapeName}`);
    }
  }
  const existing = existingNumbers(root + 'protos/' + out.proto);
  const renames = {}; // proto-loader camelCase -> model name, for the names that do not survive
  // Where two structures' members load as one name (SSM's IpAddress and IPAddress): the later one's, by structure.
  const shapeRenames = {};
  const presence = new Set();
  const p = [];
  p.push(`// GENERATED by scripts/gen-model.mjs from ${modelFile} (botocore ${meta.serviceId} ${meta.apiVersion}). Do not edit.`);
  p.push(`//`);
  p.push(`// Every ${meta.serviceId} structure is a message and every action an RPC of service ${out.service}, so Berth's gRPC`);
  p.push(`// API and the AWS protocols carry one model. Fields are snake_case here and load as the model's names`);
  p.push(`// through api's wire conversion. Scalars are proto3 optional: absent is distinct from zero. Enums travel`);
  p.push(`// as strings, timestamps as epoch seconds (double), blobs as base64 strings. A message with list or map`);
  p.push(`// members lists the ones that were present, even empty, in ${PRESENCE_FIELD}. Field numbers are kept`);
  p.push(`// across regenerations.`);
  p.push(`syntax = "proto3";`);
  p.push(`package ${out.pkg};`);
  p.push('');
  for (const name of structures) {
    const s = shapes[name];
    const nums = existing.get(name) ?? new Map();
    let next = Math.max(0, ...nums.values()) + 1;
    p.push(`message ${name} {`);
    if (s.document) {
      // A document (botocore's `document`: any JSON value) has no members to map: it travels as its JSON text.
      p.push(`  // A document (any JSON value), as its JSON text.`);
      p.push(`  optional string ${DOCUMENT_FIELD} = ${nums.get(DOCUMENT_FIELD) ?? next};`);
      p.push('}');
      p.push('');
      continue;
    }
    let collections = false;
    const used = new Set();
    for (const [member, ref] of Object.entries(s.members ?? {})) {
      const f = snake(member);
      if (used.has(f)) throw new Error(`${api}: two members of ${name} are both ${f} in proto`);
      used.add(f);
      const loaded = pbCamel(f);
      if (loaded !== member) {
        if (renames[loaded] !== undefined && renames[loaded] !== member) (shapeRenames[name] ??= {})[loaded] = member;
        else renames[loaded] = member;
      }
      const pt = protoType(ref.shape);
      const num = nums.get(f) ?? next++;
      const target = shapes[ref.shape];
      const note = target.enum ? ` // enum ${ref.shape}: ${target.enum.join(' | ')}` : target.type === 'timestamp' ? ' // epoch seconds' : '';
      if (pt.map) p.push(`  ${pt.t} ${f} = ${num};${note}`);
      else if (pt.repeated) p.push(`  repeated ${pt.t} ${f} = ${num};${note}`);
      else if (pt.scalar) p.push(`  optional ${pt.t} ${f} = ${num};${note}`);
      else p.push(`  ${pt.t} ${f} = ${num};${note}`);
      if (pt.map || pt.repeated) collections = true;
    }
    if (collections) {
      presence.add(name);
      p.push(`  // The list and map members present in the model object, even empty ones (proto3 cannot tell).`);
      p.push(`  repeated string ${PRESENCE_FIELD} = ${PRESENCE_NUMBER};`);
    }
    p.push('}');
    p.push('');
  }
  // A wrapper's inner type may need a wrapper of its own (SSM's list of maps of lists): resolve them all first.
  const innerOf = (c) => (shapes[c].type === 'map' ? shapes[c].value.shape : shapes[c].member.shape);
  for (let n = -1; n !== wrappers.size;) {
    n = wrappers.size;
    for (const c of [...wrappers.keys()]) protoType(innerOf(c));
  }
  for (const [list, w] of [...wrappers].sort()) {
    const innerName = shapes[list].type === 'map' ? shapes[list].value.shape : shapes[list].member.shape;
    const inner = shapes[innerName];
    const pt = protoType(innerName);
    p.push(`// One ${shapes[list].type === 'map' ? 'value' : 'item'} of ${list} (a ${shapes[list].type} of ${inner.type}s).`);
    p.push(`message ${w} {`);
    p.push(pt.map ? `  ${pt.t} value = 1;` : `  repeated ${pt.t} value = 1;`);
    p.push('}');
    p.push('');
  }
  p.push(`// Every ${meta.serviceId} action. Actions Berth does not implement answer the API's "unsupported" error naming them.`);
  p.push(`service ${out.service} {`);
  for (const op of Object.keys(model.operations).sort()) {
    const o = model.operations[op];
    p.push(`  rpc ${op}(${o.input.shape}) returns (${o.output.shape});`);
  }
  p.push('}');
  p.push('');
  write('protos/' + out.proto, p.join('\n'));

  // --- shapes.ts (the model as data) ------------------------------------------------------------
  const schema = {};
  for (const [name, s] of Object.entries(shapes)) {
    if (isException(s, name)) continue;
    const e = { type: s.type === 'float' ? 'double' : s.type };
    if (s.type === 'structure') {
      e.members = Object.fromEntries(Object.entries(s.members ?? {}).map(([m, r]) => [m, r.shape]));
      if (s.required?.length) e.required = s.required;
      // Where REST members travel (uri, querystring, header) and under which name.
      const loc = Object.entries(s.members ?? {}).filter(([, r]) => r.location || r.locationName || r.flattened);
      if (loc.length) e.locations = Object.fromEntries(loc.map(([m, r]) => [m, Object.fromEntries(Object.entries({ location: r.location, name: r.locationName, flattened: r.flattened }).filter(([, v]) => v !== undefined))]));
      if (presence.has(name)) e.presence = true;
      if (s.document) e.document = true;
      if (shapeRenames[name]) e.renames = shapeRenames[name];
    }
    if (s.type === 'list') {
      e.member = s.member.shape;
      if (s.member.locationName) e.memberName = s.member.locationName;
      if (s.flattened) e.flattened = true;
      if (wrappers.has(name)) e.wrapped = true;
    }
    if (s.type === 'map') {
      e.key = s.key.shape;
      e.value = s.value.shape;
      if (wrappers.has(name)) e.wrapped = true;
    }
    if (s.type === 'timestamp' && s.timestampFormat) e.timestampFormat = s.timestampFormat;
    if (s.enum) e.enum = s.enum;
    if (s.min !== undefined) e.min = s.min;
    if (s.max !== undefined) e.max = s.max;
    schema[name] = e;
  }
  const operations = Object.fromEntries(Object.entries(model.operations).map(([op, o]) => {
    const e = { input: o.input.shape, output: o.output.shape, errors: (o.errors ?? []).map((x) => x.shape) };
    if (meta.protocol === 'rest-json') e.http = { method: o.http.method, requestUri: o.http.requestUri, ...(o.http.responseCode ? { responseCode: o.http.responseCode } : {}) };
    if (o.output.resultWrapper) e.resultWrapper = o.output.resultWrapper;
    const tokens = Object.entries(shapes[o.input.shape].members ?? {}).filter(([, r]) => r.idempotencyToken).map(([m]) => m);
    if (tokens.length) e.idempotencyTokens = tokens;
    return [op, e];
  }));
  const errorNames = Object.keys(shapes).filter((n) => shapes[n].type === 'structure' && shapes[n].exception).sort();
  const errors = Object.fromEntries(errorNames.map((n) => {
    const s = shapes[n];
    const e = { status: s.error?.httpStatusCode ?? (s.fault ? 500 : 400) };
    if (s.error?.code) e.code = s.error.code;
    if (s.fault || (s.error && !s.error.senderFault && (s.error.httpStatusCode ?? 500) >= 500)) e.fault = true;
    const members = Object.keys(s.members ?? {}).filter((m) => m.toLowerCase() !== 'message');
    if (members.length) e.members = members;
    const message = Object.keys(s.members ?? {}).find((m) => m.toLowerCase() === 'message');
    if (message && message !== 'message') e.messageMember = message;
    return [n, e];
  }));
  const header = `// GENERATED by scripts/gen-model.mjs from ${modelFile}. Do not edit.`;
  const up = out.core === 'packages/core/src/model/' ? './' : '../';
  write(out.core + 'shapes.ts', [
    header,
    `// The ${meta.serviceId} model as data: every shape (structures, lists, maps, scalars with enums and bounds), every action, every error.`,
    `import type { Shape, Operation, ErrorInfo } from '${up}schema.js';`,
    '',
    `export const SHAPES: Record<string, Shape> = ${JSON.stringify(schema)};`,
    '',
    `export const OPERATIONS: Record<string, Operation> = ${JSON.stringify(operations)};`,
    '',
    `/** ${meta.serviceId} error shapes (the names its errors carry). */`,
    `export const ERROR_SHAPES: readonly string[] = ${JSON.stringify(errorNames)};`,
    '',
    `/** Each error's HTTP status, query-protocol code, fault side and members beyond the message. */`,
    `export const ERRORS: Record<string, ErrorInfo> = ${JSON.stringify(errors)};`,
    '',
    '/** Member names that protobufjs camelCase does not reproduce: loaded name -> model name. */',
    `export const WIRE_RENAMES: Readonly<Record<string, string>> = ${JSON.stringify(renames)};`,
    '',
  ].join('\n'));

  // --- types.ts (TypeScript interfaces with the model's names) -----------------------------------
  function tsType(shapeName) {
    const s = shapes[shapeName];
    switch (s.type) {
      case 'string': return s.enum ? shapeName : 'string';
      case 'blob': return 'string';
      case 'integer': case 'long': case 'double': case 'float': case 'timestamp': return 'number';
      case 'boolean': return 'boolean';
      case 'structure': return shapeName;
      case 'list': { const i = tsType(s.member.shape); return /[ |]/.test(i) ? `(${i})[]` : `${i}[]`; }
      case 'map': return `Record<string, ${tsType(s.value.shape)}>`;
      default: throw new Error(s.type);
    }
  }
  const ts = [header, `// ${meta.serviceId} shapes with the model's member names. Timestamps are epoch seconds, blobs base64.`, ''];
  for (const [name, s] of Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b))) {
    if (s.type === 'string' && s.enum) ts.push(`export type ${name} = ${s.enum.map((v) => JSON.stringify(v)).join(' | ')};`);
  }
  ts.push('');
  for (const name of structures) {
    const s = shapes[name];
    const req = new Set(s.required ?? []);
    if (s.document) {
      ts.push(`/** A document: any JSON value. */`);
      ts.push(`export type ${name} = unknown;`);
      continue;
    }
    ts.push(`export interface ${name} {`);
    for (const [m, r] of Object.entries(s.members ?? {})) ts.push(`  ${/^\w+$/.test(m) ? m : JSON.stringify(m)}${req.has(m) ? '' : '?'}: ${tsType(r.shape)};`);
    ts.push('}');
  }
  ts.push('');
  ts.push(`/** Every ${meta.serviceId} action with its request and response shapes. */`);
  ts.push(`export interface ${out.actionsType} {`);
  for (const op of Object.keys(model.operations).sort()) {
    const o = model.operations[op];
    ts.push(`  ${op}: { request: ${o.input.shape}; response: ${o.output.shape} };`);
  }
  ts.push('}');
  if (api === 'ecs') ts.push('export type EcsAction = keyof EcsActions;');
  ts.push('');
  write(out.core + 'types.ts', ts.join('\n'));

  if (!check) console.log(`${api}: ${out.proto}: ${structures.length} messages, ${Object.keys(model.operations).length} rpcs, ${Object.keys(renames).length} renames`);
  return {
    api, out, errorNames,
    metadata: {
      name: api,
      serviceId: meta.serviceId,
      apiVersion: meta.apiVersion,
      // Berth serves the JSON and query protocols; CloudWatch's newest clients' CBOR is not one of them.
      protocols: (meta.protocols ?? [meta.protocol]).filter((x) => x !== 'smithy-rpc-v2-cbor'),
      ...(meta.jsonVersion ? { jsonVersion: meta.jsonVersion } : {}),
      ...(meta.targetPrefix ? { targetPrefix: meta.targetPrefix } : {}),
      signingName: meta.signingName ?? meta.endpointPrefix,
      iamPrefix: IAM_PREFIX[api] ?? meta.signingName ?? meta.endpointPrefix,
      ...(meta.xmlNamespace ? { xmlNamespace: typeof meta.xmlNamespace === 'string' ? meta.xmlNamespace : meta.xmlNamespace.uri } : {}),
      ...(meta.awsQueryCompatible ? { queryCompatible: true } : {}),
      grpcService: `${out.pkg}.${out.service}`,
      protoFile: out.proto,
    },
  };
}

const apis = readdirSync(root + MODELS).filter((d) => existsSync(`${root}${MODELS}/${d}/service-2.json`)).sort();
const done = apis.map(generate);

// --- each API's own module, and apis.ts: every API, and every error name -----------------------
// One module per API (model/<api>/api.ts; ECS's model/ecs-api.ts), so a part that needs one API imports
// only that API's model data (the agent: ECS's alone), not every model apis.ts gathers.
const importName = (a) => `${a.replace(/\W/g, '_')}Model`;
const apiConst = (g) => `${g.api.toUpperCase()}_API`;
const apiModule = (g) => (g.api === 'ecs' ? './ecs-api.js' : `./${g.api}/api.js`);
const allErrors = [...new Set(done.flatMap((g) => g.errorNames))].sort();
for (const g of done) {
  const ecs = g.api === 'ecs';
  write(`packages/core/src/model/${ecs ? 'ecs-api.ts' : `${g.api}/api.ts`}`, [
    `// GENERATED by scripts/gen-model.mjs from ${MODELS}/${g.api}/service-2.json. Do not edit.`,
    `// The ${g.metadata.serviceId} API: its protocol facts and its model data.`,
    `import type { ApiModel } from '${ecs ? './schema.js' : '../schema.js'}';`,
    `import * as ${importName(g.api)} from './shapes.js';`,
    '',
    `export const ${apiConst(g)}: ApiModel = { ...${JSON.stringify(g.metadata)}, shapes: ${importName(g.api)}.SHAPES, operations: ${importName(g.api)}.OPERATIONS, errors: ${importName(g.api)}.ERRORS, renames: ${importName(g.api)}.WIRE_RENAMES };`,
    '',
  ].join('\n'));
}
write('packages/core/src/model/apis.ts', [
  `// GENERATED by scripts/gen-model.mjs from ${MODELS}/*/service-2.json. Do not edit.`,
  '// Every AWS API Berth generates from a botocore model (each in its own module), and every error name.',
  ...done.map((g) => `import { ${apiConst(g)} } from '${apiModule(g)}';`),
  '',
  `export { ${done.map(apiConst).join(', ')} };`,
  '',
  '/** Every generated API by its folder name under protos/aws-models/. */',
  `export const AWS_APIS = { ${done.map((g) => `${JSON.stringify(g.api)}: ${apiConst(g)}`).join(', ')} } as const;`,
  'export type AwsApiName = keyof typeof AWS_APIS;',
  '',
  '/** Every error shape name of every generated model. */',
  `export type ModelErrorName = ${allErrors.map((n) => JSON.stringify(n)).join(' | ')};`,
  '',
  ...done.filter((g) => g.api !== 'ecs').map((g) => `export type * as ${pascal(g.api)} from './${g.api}/types.js';`),
  '',
].join('\n'));

if (check) {
  if (stale.length) {
    console.error(`not current (run make gen): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log('generated model files are current');
}
