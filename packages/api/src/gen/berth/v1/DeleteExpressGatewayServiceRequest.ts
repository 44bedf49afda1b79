// Original file: protos/berth/v1/ecs.proto


export interface DeleteExpressGatewayServiceRequest {
  'serviceArn'?: (string);
  '_serviceArn'?: "serviceArn";
}

export interface DeleteExpressGatewayServiceRequest__Output {
  'serviceArn'?: (string);
}
