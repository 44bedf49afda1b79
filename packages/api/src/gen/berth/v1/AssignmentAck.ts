// Original file: protos/berth/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface AssignmentAck {
  'seq'?: (number | string | Long);
  '_seq'?: "seq";
}

export interface AssignmentAck__Output {
  'seq'?: (string);
}
