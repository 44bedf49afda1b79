// Original file: protos/berth/v1/ecs.proto

import type { ServiceConnectTestTrafficHeaderRules as _berth_v1_ServiceConnectTestTrafficHeaderRules, ServiceConnectTestTrafficHeaderRules__Output as _berth_v1_ServiceConnectTestTrafficHeaderRules__Output } from '../../berth/v1/ServiceConnectTestTrafficHeaderRules.js';

export interface ServiceConnectTestTrafficRules {
  'header'?: (_berth_v1_ServiceConnectTestTrafficHeaderRules | null);
}

export interface ServiceConnectTestTrafficRules__Output {
  'header'?: (_berth_v1_ServiceConnectTestTrafficHeaderRules__Output);
}
