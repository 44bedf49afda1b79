// What a target receives from a matched event, as EventBridge builds it: `Input` (a fixed JSON text),
// `InputPath` (a JSON path into the event) or `InputTransformer` (`InputPathsMap` names values by JSON path,
// `InputTemplate` places them as `<name>`; inside a JSON string a value goes in as text, elsewhere as
// JSON; a path the event lacks gives null, or nothing inside a string). EventBridge's own variables
// `<aws.events.rule-arn>`, `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>` and
// `<aws.events.event>` are there too. Pure.
import { BerthError } from '../errors.js';

export interface TargetInput {
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

/** A JSON path as EventBridge takes them: `$`, then `.name` or `[index]` steps. */
const PATH = /^\$(\.[A-Za-z0-9_@-]+|\[\d+\])*$/;

/** Checks a target's input members (PutTargets): bad input is ValidationError, as EventBridge's model names none of its own. */
export function checkTargetInput(t: TargetInput, where: string): void {
  const given = [t.Input, t.InputPath, t.InputTransformer].filter((v) => v !== undefined).length;
  if (given > 1) throw new BerthError('ValidationError', `${where}: only one of Input, InputPath and InputTransformer may be given.`, where);
  if (t.Input !== undefined) {
    try {
      JSON.parse(t.Input);
    } catch {
      throw new BerthError('ValidationError', `${where}.Input is not valid JSON.`, `${where}.Input`);
    }
  }
  if (t.InputPath !== undefined && !PATH.test(t.InputPath)) throw new BerthError('ValidationError', `${where}.InputPath is not a valid JSON path: ${t.InputPath}`, `${where}.InputPath`);
  for (const [name, path] of Object.entries(t.InputTransformer?.InputPathsMap ?? {})) {
    if (name.startsWith('aws.events.')) throw new BerthError('ValidationError', `InputPathsMap: ${name} is reserved by EventBridge.`, `${where}.InputTransformer.InputPathsMap`);
    if (!PATH.test(path)) throw new BerthError('ValidationError', `InputPathsMap: ${path} is not a valid JSON path.`, `${where}.InputTransformer.InputPathsMap.${name}`);
  }
}

/** The value at a JSON path, or undefined. */
export function jsonPathValue(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const m of path.slice(1).matchAll(/\.([^.[]+)|\[(\d+)\]/g)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = m[1] !== undefined ? (v as Record<string, unknown>)[m[1]] : (v as unknown[])[Number(m[2])];
  }
  return v;
}

export interface RuleOfEvent {
  ruleArn: string;
  ruleName: string;
  /** Epoch ms. */
  ingestionTime: number;
}

/** The text a target receives for `event`: JSON (EventBridge's own texts for a template that is not JSON are the template's business). */
export function targetInputText(t: TargetInput, event: unknown, rule: RuleOfEvent): string {
  if (t.Input !== undefined) return t.Input;
  if (t.InputPath !== undefined) return JSON.stringify(jsonPathValue(event, t.InputPath) ?? null);
  if (!t.InputTransformer) return JSON.stringify(event);
  const values = new Map<string, unknown>([
    ['aws.events.rule-arn', rule.ruleArn], ['aws.events.rule-name', rule.ruleName],
    ['aws.events.event.ingestion-time', new Date(rule.ingestionTime).toISOString()], ['aws.events.event', event], ['aws.events.event.json', event],
  ]);
  for (const [name, path] of Object.entries(t.InputTransformer.InputPathsMap ?? {})) values.set(name, jsonPathValue(event, path));
  const template = t.InputTransformer.InputTemplate;
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inString = !inString;
    if (c === '<') {
      const end = template.indexOf('>', i);
      const name = end > i ? template.slice(i + 1, end) : '';
      if (values.has(name)) {
        const v = values.get(name);
        if (inString) out += v === undefined || v === null ? '' : JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v)).slice(1, -1);
        else out += JSON.stringify(v ?? null);
        i = end;
        continue;
      }
    }
    out += c;
  }
  return out;
}
