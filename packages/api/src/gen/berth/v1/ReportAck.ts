// Original file: protos/berth/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface ReportAck {
  'taskArn'?: (string);
  'counter'?: (number | string | Long);
  '_taskArn'?: "taskArn";
  '_counter'?: "counter";
}

export interface ReportAck__Output {
  'taskArn'?: (string);
  'counter'?: (string);
}
