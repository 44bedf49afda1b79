// How values from the cluster are shown: always as strings that the page puts in text nodes (never HTML).

/** An ARN's last part (a task's id, a service's name), or the value when it is not an ARN. */
export const shortId = (arn: string | undefined): string => (arn ? arn.slice(arn.lastIndexOf('/') + 1) : '');

/** `family:revision` of a task definition ARN. */
export const taskDefName = (arn: string | undefined): string => shortId(arn);

/** A time the API gives as epoch seconds, or an event gives as ISO text. */
export function time(v: number | string | undefined): string {
  if (v === undefined || v === null || v === '') return '';
  const d = typeof v === 'number' ? new Date(v * 1000) : new Date(v);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** A resource amount of a container instance (CPU units, MiB of memory). */
export function resource(list: { name?: string; integerValue?: number }[] | undefined, name: string): number {
  return list?.find((r) => r.name === name)?.integerValue ?? 0;
}

/** A JSON value, two-space indented, as the task definition view and its diff show it. */
export const pretty = (v: unknown): string => JSON.stringify(v, null, 2);
