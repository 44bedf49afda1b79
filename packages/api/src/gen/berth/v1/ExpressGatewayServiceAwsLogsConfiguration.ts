// Original file: protos/berth/v1/ecs.proto


export interface ExpressGatewayServiceAwsLogsConfiguration {
  'logGroup'?: (string);
  'logStreamPrefix'?: (string);
  '_logGroup'?: "logGroup";
  '_logStreamPrefix'?: "logStreamPrefix";
}

export interface ExpressGatewayServiceAwsLogsConfiguration__Output {
  'logGroup'?: (string);
  'logStreamPrefix'?: (string);
}
