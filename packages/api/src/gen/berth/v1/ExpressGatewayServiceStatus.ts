// Original file: protos/berth/v1/ecs.proto


export interface ExpressGatewayServiceStatus {
  'statusCode'?: (string);
  'statusReason'?: (string);
  '_statusCode'?: "statusCode";
  '_statusReason'?: "statusReason";
}

export interface ExpressGatewayServiceStatus__Output {
  'statusCode'?: (string);
  'statusReason'?: (string);
}
