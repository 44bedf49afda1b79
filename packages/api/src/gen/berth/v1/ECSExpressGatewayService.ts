// Original file: protos/berth/v1/ecs.proto

import type { ExpressGatewayServiceStatus as _berth_v1_ExpressGatewayServiceStatus, ExpressGatewayServiceStatus__Output as _berth_v1_ExpressGatewayServiceStatus__Output } from '../../berth/v1/ExpressGatewayServiceStatus.js';
import type { ExpressGatewayServiceConfiguration as _berth_v1_ExpressGatewayServiceConfiguration, ExpressGatewayServiceConfiguration__Output as _berth_v1_ExpressGatewayServiceConfiguration__Output } from '../../berth/v1/ExpressGatewayServiceConfiguration.js';
import type { Tag as _berth_v1_Tag, Tag__Output as _berth_v1_Tag__Output } from '../../berth/v1/Tag.js';

export interface ECSExpressGatewayService {
  'cluster'?: (string);
  'serviceName'?: (string);
  'serviceArn'?: (string);
  'infrastructureRoleArn'?: (string);
  'status'?: (_berth_v1_ExpressGatewayServiceStatus | null);
  'currentDeployment'?: (string);
  'activeConfigurations'?: (_berth_v1_ExpressGatewayServiceConfiguration)[];
  'tags'?: (_berth_v1_Tag)[];
  'createdAt'?: (number | string);
  'updatedAt'?: (number | string);
  'berthPresentMembers'?: (string)[];
  '_cluster'?: "cluster";
  '_serviceName'?: "serviceName";
  '_serviceArn'?: "serviceArn";
  '_infrastructureRoleArn'?: "infrastructureRoleArn";
  '_currentDeployment'?: "currentDeployment";
  '_createdAt'?: "createdAt";
  '_updatedAt'?: "updatedAt";
}

export interface ECSExpressGatewayService__Output {
  'cluster'?: (string);
  'serviceName'?: (string);
  'serviceArn'?: (string);
  'infrastructureRoleArn'?: (string);
  'status'?: (_berth_v1_ExpressGatewayServiceStatus__Output);
  'currentDeployment'?: (string);
  'activeConfigurations'?: (_berth_v1_ExpressGatewayServiceConfiguration__Output)[];
  'tags'?: (_berth_v1_Tag__Output)[];
  'createdAt'?: (number);
  'updatedAt'?: (number);
  'berthPresentMembers'?: (string)[];
}
