// Original file: protos/berth/v1/ecs.proto

import type { ECSExpressGatewayService as _berth_v1_ECSExpressGatewayService, ECSExpressGatewayService__Output as _berth_v1_ECSExpressGatewayService__Output } from '../../berth/v1/ECSExpressGatewayService.js';

export interface DeleteExpressGatewayServiceResponse {
  'service'?: (_berth_v1_ECSExpressGatewayService | null);
}

export interface DeleteExpressGatewayServiceResponse__Output {
  'service'?: (_berth_v1_ECSExpressGatewayService__Output);
}
