// Original file: protos/berth/v1/ecs.proto


export interface ServiceRevisionLoadBalancer {
  'targetGroupArn'?: (string);
  'productionListenerRule'?: (string);
  '_targetGroupArn'?: "targetGroupArn";
  '_productionListenerRule'?: "productionListenerRule";
}

export interface ServiceRevisionLoadBalancer__Output {
  'targetGroupArn'?: (string);
  'productionListenerRule'?: (string);
}
