// The XML the query protocol answers with: a model value written as botocore's query parser reads it
// (lists as <member> items unless flattened, maps as <entry><key/><value/></entry>, timestamps ISO 8601).
import type { ApiModel } from '@berth/core';
import { isoTimestamp } from '../protocol.js';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** `<name>value</name>` for a value of the model shape `shapeName`; flattened lists repeat `<name>`. */
export function xmlElement(api: ApiModel, name: string, shapeName: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const shape = api.shapes[shapeName];
  const el = (inner: string) => `<${name}>${inner}</${name}>`;
  switch (shape?.type) {
    case 'structure':
      return el(xmlMembers(api, shapeName, value as Record<string, unknown>));
    case 'list': {
      const items = value as unknown[];
      if (shape.flattened) return items.map((v) => xmlElement(api, name, shape.member, v)).join('');
      return el(items.map((v) => xmlElement(api, shape.memberName ?? 'member', shape.member, v)).join(''));
    }
    case 'map':
      return el(Object.entries(value as Record<string, unknown>).map(([k, v]) => `<entry><key>${escapeXml(k)}</key>${xmlElement(api, 'value', shape.value, v)}</entry>`).join(''));
    case 'timestamp':
      return el(isoTimestamp(value as number));
    default:
      return el(escapeXml(String(value)));
  }
}

/** The members of a structure value, in the model's order. */
export function xmlMembers(api: ApiModel, shapeName: string, value: Record<string, unknown>): string {
  const shape = api.shapes[shapeName];
  if (shape?.type !== 'structure') return '';
  return Object.entries(shape.members).map(([m, ms]) => xmlElement(api, shape.locations?.[m]?.name ?? m, ms, value[m])).join('');
}
