// Original file: protos/berth/v1/ecs.proto

import type { ServiceConnectService as _berth_v1_ServiceConnectService, ServiceConnectService__Output as _berth_v1_ServiceConnectService__Output } from '../../berth/v1/ServiceConnectService.js';
import type { LogConfiguration as _berth_v1_LogConfiguration, LogConfiguration__Output as _berth_v1_LogConfiguration__Output } from '../../berth/v1/LogConfiguration.js';
import type { ServiceConnectAccessLogConfiguration as _berth_v1_ServiceConnectAccessLogConfiguration, ServiceConnectAccessLogConfiguration__Output as _berth_v1_ServiceConnectAccessLogConfiguration__Output } from '../../berth/v1/ServiceConnectAccessLogConfiguration.js';

export interface ServiceConnectConfiguration {
  'enabled'?: (boolean);
  'namespace'?: (string);
  'services'?: (_berth_v1_ServiceConnectService)[];
  'logConfiguration'?: (_berth_v1_LogConfiguration | null);
  'accessLogConfiguration'?: (_berth_v1_ServiceConnectAccessLogConfiguration | null);
  'berthPresentMembers'?: (string)[];
  '_enabled'?: "enabled";
  '_namespace'?: "namespace";
}

export interface ServiceConnectConfiguration__Output {
  'enabled'?: (boolean);
  'namespace'?: (string);
  'services'?: (_berth_v1_ServiceConnectService__Output)[];
  'logConfiguration'?: (_berth_v1_LogConfiguration__Output);
  'accessLogConfiguration'?: (_berth_v1_ServiceConnectAccessLogConfiguration__Output);
  'berthPresentMembers'?: (string)[];
}
