// The rule engine's bookkeeping (controllers/leader/rule-engine.ts): its cursor in the event stream
// (`eventbridge/engine-cursor`, a stream position: durable, so a new leader resumes where the last one
// stopped), and each rule's invocation count in its current rate window (`eventbridge/rule-rates/BUS/NAME`).
import type { Op, Store } from '@berth/store';
import { ROOT, getJSON, json, type Versioned } from './kit.js';
import type { EventPosition } from './events.js';

export const ENGINE_CURSOR_KEY = ROOT + 'eventbridge/engine-cursor';
const RATES = ROOT + 'eventbridge/rule-rates/';
export const ruleRateKey = (bus: string, rule: string) => `${RATES}${bus}/${rule}`;

export interface RuleRate {
  /** Epoch seconds the window started. */
  windowStart: number;
  invocations: number;
}

export const getEngineCursor = (store: Store): Promise<Versioned<EventPosition> | null> => getJSON<EventPosition>(store, ENGINE_CURSOR_KEY);
export const putEngineCursorOp = (p: EventPosition): Op => ({ put: ENGINE_CURSOR_KEY, value: json(p) });
export const getRuleRate = (store: Store, bus: string, rule: string) => getJSON<RuleRate>(store, ruleRateKey(bus, rule));
export const putRuleRateOp = (bus: string, rule: string, r: RuleRate): Op => ({ put: ruleRateKey(bus, rule), value: json(r) });
export const deleteRuleRateOp = (bus: string, rule: string): Op => ({ delete: ruleRateKey(bus, rule) });
