// EventBridge's custom event buses (`eventbridge/buses/NAME`). The `default` bus always exists and is never
// stored: Berth's own events and PutEvents without an EventBusName go to it.
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, recordsPage, type Versioned } from './kit.js';

const PREFIX = ROOT + 'eventbridge/buses/';
export const eventBusKey = (name: string) => `${PREFIX}${name}`;

export interface EventBusRecord {
  name: string;
  arn: string;
  description?: string;
  /** Epoch seconds. */
  creationTime: number;
}

export const getEventBus = (store: Store, name: string): Promise<Versioned<EventBusRecord> | null> => getJSON<EventBusRecord>(store, eventBusKey(name));
export const putEventBusOp = (rec: EventBusRecord): Op => ({ put: eventBusKey(rec.name), value: json(rec) });
export const deleteEventBusOp = (name: string): Op => ({ delete: eventBusKey(name) });
export const eventBusesPage = (store: Store, after: string | undefined, limit: number) => recordsPage<EventBusRecord>(store, PREFIX, after, limit);
export const isEventBusesKey = (key: string) => key.startsWith(PREFIX);
