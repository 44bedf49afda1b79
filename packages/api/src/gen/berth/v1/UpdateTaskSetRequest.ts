// Original file: protos/berth/v1/ecs.proto

import type { Scale as _berth_v1_Scale, Scale__Output as _berth_v1_Scale__Output } from '../../berth/v1/Scale.js';

export interface UpdateTaskSetRequest {
  'cluster'?: (string);
  'service'?: (string);
  'taskSet'?: (string);
  'scale'?: (_berth_v1_Scale | null);
  '_cluster'?: "cluster";
  '_service'?: "service";
  '_taskSet'?: "taskSet";
}

export interface UpdateTaskSetRequest__Output {
  'cluster'?: (string);
  'service'?: (string);
  'taskSet'?: (string);
  'scale'?: (_berth_v1_Scale__Output);
}
