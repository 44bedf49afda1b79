// Original file: protos/berth/v1/ecs.proto

import type { ExpressGatewayServiceStatus as _berth_v1_ExpressGatewayServiceStatus, ExpressGatewayServiceStatus__Output as _berth_v1_ExpressGatewayServiceStatus__Output } from '../../berth/v1/ExpressGatewayServiceStatus.js';
import type { ExpressGatewayServiceConfiguration as _berth_v1_ExpressGatewayServiceConfiguration, ExpressGatewayServiceConfiguration__Output as _berth_v1_ExpressGatewayServiceConfiguration__Output } from '../../berth/v1/ExpressGatewayServiceConfiguration.js';

export interface UpdatedExpressGatewayService {
  'serviceArn'?: (string);
  'cluster'?: (string);
  'serviceName'?: (string);
  'status'?: (_berth_v1_ExpressGatewayServiceStatus | null);
  'targetConfiguration'?: (_berth_v1_ExpressGatewayServiceConfiguration | null);
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  '_serviceArn'?: "serviceArn";
  '_cluster'?: "cluster";
  '_serviceName'?: "serviceName";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
}

export interface UpdatedExpressGatewayService__Output {
  'serviceArn'?: (string);
  'cluster'?: (string);
  'serviceName'?: (string);
  'status'?: (_berth_v1_ExpressGatewayServiceStatus__Output);
  'targetConfiguration'?: (_berth_v1_ExpressGatewayServiceConfiguration__Output);
  'createdAt'?: (number);
  'updatedAt'?: (number);
}
