// Original file: protos/berth/v1/ecs.proto

import type { UpdatedExpressGatewayService as _berth_v1_UpdatedExpressGatewayService, UpdatedExpressGatewayService__Output as _berth_v1_UpdatedExpressGatewayService__Output } from '../../berth/v1/UpdatedExpressGatewayService.js';

export interface UpdateExpressGatewayServiceResponse {
  'service'?: (_berth_v1_UpdatedExpressGatewayService | null);
}

export interface UpdateExpressGatewayServiceResponse__Output {
  'service'?: (_berth_v1_UpdatedExpressGatewayService__Output);
}
