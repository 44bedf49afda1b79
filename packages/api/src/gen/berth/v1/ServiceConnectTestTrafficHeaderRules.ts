// Original file: protos/berth/v1/ecs.proto

import type { ServiceConnectTestTrafficHeaderMatchRules as _berth_v1_ServiceConnectTestTrafficHeaderMatchRules, ServiceConnectTestTrafficHeaderMatchRules__Output as _berth_v1_ServiceConnectTestTrafficHeaderMatchRules__Output } from '../../berth/v1/ServiceConnectTestTrafficHeaderMatchRules.js';

export interface ServiceConnectTestTrafficHeaderRules {
  'name'?: (string);
  'value'?: (_berth_v1_ServiceConnectTestTrafficHeaderMatchRules | null);
  '_name'?: "name";
}

export interface ServiceConnectTestTrafficHeaderRules__Output {
  'name'?: (string);
  'value'?: (_berth_v1_ServiceConnectTestTrafficHeaderMatchRules__Output);
}
