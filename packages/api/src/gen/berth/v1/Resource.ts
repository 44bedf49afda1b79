// Original file: protos/berth/v1/ecs.proto

import type { Long } from '@grpc/proto-loader';

export interface Resource {
  'name'?: (string);
  'type'?: (string);
  'doubleValue'?: (number | string);
  'longValue'?: (number | string | Long);
  'integerValue'?: (number);
  'stringSetValue'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_name'?: "name";
  '_type'?: "type";
  '_doubleValue'?: "doubleValue";
  '_longValue'?: "longValue";
  '_integerValue'?: "integerValue";
}

export interface Resource__Output {
  'name'?: (string);
  'type'?: (string);
  'doubleValue'?: (number);
  'longValue'?: (string);
  'integerValue'?: (number);
  'stringSetValue'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
