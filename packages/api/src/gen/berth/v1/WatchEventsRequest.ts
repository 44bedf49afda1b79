// Original file: protos/berth/v1/events.proto


export interface WatchEventsRequest {
  'cluster'?: (string);
  'cursor'?: (string);
  'follow'?: (boolean);
  'detailTypes'?: (string)[];
  '_cluster'?: "cluster";
  '_cursor'?: "cursor";
  '_follow'?: "follow";
}

export interface WatchEventsRequest__Output {
  'cluster'?: (string);
  'cursor'?: (string);
  'follow'?: (boolean);
  'detailTypes'?: (string)[];
}
