// Original file: protos/berth/v1/ecs.proto

import type { ServiceConnectTestTrafficRules as _berth_v1_ServiceConnectTestTrafficRules, ServiceConnectTestTrafficRules__Output as _berth_v1_ServiceConnectTestTrafficRules__Output } from '../../berth/v1/ServiceConnectTestTrafficRules.js';

export interface ServiceConnectClientAlias {
  'port'?: (number);
  'dnsName'?: (string);
  'testTrafficRules'?: (_berth_v1_ServiceConnectTestTrafficRules | null);
  '_port'?: "port";
  '_dnsName'?: "dnsName";
}

export interface ServiceConnectClientAlias__Output {
  'port'?: (number);
  'dnsName'?: (string);
  'testTrafficRules'?: (_berth_v1_ServiceConnectTestTrafficRules__Output);
}
