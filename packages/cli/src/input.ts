// Reads a -f file: JSON or YAML ("-" for stdin), as `aws ecs ... --cli-input-json` takes it, and checks
// it against the ECS model so an unknown or mistyped member is named before anything is sent.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkShape } from '@berth/core';
import { UsageError } from './context.js';

export function readInput<T>(file: string, shapeName: string): T {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = parse(text); // YAML is a superset of JSON
  } catch (e) {
    throw new UsageError(`${file} is neither JSON nor YAML: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${file} must hold one object (a ${shapeName})`);
  }
  checkShape(shapeName, value);
  return value as T;
}
