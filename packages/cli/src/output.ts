// Output shapes shared by every command: -o table (columns, kubectl style), json, yaml.
import { stringify } from 'yaml';

export type Format = 'table' | 'json' | 'yaml';
export const FORMATS: readonly Format[] = ['table', 'json', 'yaml'];

export interface Column<T> {
  header: string;
  get(row: T): string | number | undefined;
}

/** Plain aligned columns, two spaces apart, upper-case headers (as kubectl prints). */
export function table<T>(rows: T[], columns: Column<T>[]): string {
  const cells = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => String(c.get(r) ?? '<none>')))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export function render(format: Format, value: unknown, asTable: () => string): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  if (format === 'yaml') return stringify(value);
  return asTable();
}

/** ECS epoch seconds -> ISO time for humans. */
export function time(epochSeconds: number | undefined): string | undefined {
  return epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** IAM's epoch seconds as the AWS CLI prints them (`2026-01-02T03:04:05+00:00`), for IAM's shapes. */
export function awsTime(epochSeconds: number | undefined): string | undefined {
  return epochSeconds === undefined ? undefined : new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
