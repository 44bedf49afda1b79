// Original file: protos/berth/v1/ecs.proto

import type { ExecuteCommandLogConfiguration as _berth_v1_ExecuteCommandLogConfiguration, ExecuteCommandLogConfiguration__Output as _berth_v1_ExecuteCommandLogConfiguration__Output } from '../../berth/v1/ExecuteCommandLogConfiguration.js';

export interface ExecuteCommandConfiguration {
  'kmsKeyId'?: (string);
  'logging'?: (string);
  'logConfiguration'?: (_berth_v1_ExecuteCommandLogConfiguration | null);
  '_kmsKeyId'?: "kmsKeyId";
  '_logging'?: "logging";
}

export interface ExecuteCommandConfiguration__Output {
  'kmsKeyId'?: (string);
  'logging'?: (string);
  'logConfiguration'?: (_berth_v1_ExecuteCommandLogConfiguration__Output);
}
