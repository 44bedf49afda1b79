// Original file: protos/berth/v1/events.proto


export interface EventMessage {
  'cursor'?: (string);
  'event'?: (string);
  'caughtUp'?: (boolean);
  '_cursor'?: "cursor";
  '_event'?: "event";
  '_caughtUp'?: "caughtUp";
}

export interface EventMessage__Output {
  'cursor'?: (string);
  'event'?: (string);
  'caughtUp'?: (boolean);
}
