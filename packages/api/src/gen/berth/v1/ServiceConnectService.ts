// Original file: protos/berth/v1/ecs.proto

import type { ServiceConnectClientAlias as _berth_v1_ServiceConnectClientAlias, ServiceConnectClientAlias__Output as _berth_v1_ServiceConnectClientAlias__Output } from '../../berth/v1/ServiceConnectClientAlias.js';
import type { TimeoutConfiguration as _berth_v1_TimeoutConfiguration, TimeoutConfiguration__Output as _berth_v1_TimeoutConfiguration__Output } from '../../berth/v1/TimeoutConfiguration.js';
import type { ServiceConnectTlsConfiguration as _berth_v1_ServiceConnectTlsConfiguration, ServiceConnectTlsConfiguration__Output as _berth_v1_ServiceConnectTlsConfiguration__Output } from '../../berth/v1/ServiceConnectTlsConfiguration.js';

export interface ServiceConnectService {
  'portName'?: (string);
  'discoveryName'?: (string);
  'clientAliases'?: (_berth_v1_ServiceConnectClientAlias)[];
  'ingressPortOverride'?: (number);
  'timeout'?: (_berth_v1_TimeoutConfiguration | null);
  'tls'?: (_berth_v1_ServiceConnectTlsConfiguration | null);
  'berthPresentMembers'?: (string)[];
  '_portName'?: "portName";
  '_discoveryName'?: "discoveryName";
  '_ingressPortOverride'?: "ingressPortOverride";
}

export interface ServiceConnectService__Output {
  'portName'?: (string);
  'discoveryName'?: (string);
  'clientAliases'?: (_berth_v1_ServiceConnectClientAlias__Output)[];
  'ingressPortOverride'?: (number);
  'timeout'?: (_berth_v1_TimeoutConfiguration__Output);
  'tls'?: (_berth_v1_ServiceConnectTlsConfiguration__Output);
  'berthPresentMembers'?: (string)[];
}
