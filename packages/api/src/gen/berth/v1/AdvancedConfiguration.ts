// Original file: protos/berth/v1/ecs.proto


export interface AdvancedConfiguration {
  'alternateTargetGroupArn'?: (string);
  'productionListenerRule'?: (string);
  'testListenerRule'?: (string);
  'roleArn'?: (string);
  '_alternateTargetGroupArn'?: "alternateTargetGroupArn";
  '_productionListenerRule'?: "productionListenerRule";
  '_testListenerRule'?: "testListenerRule";
  '_roleArn'?: "roleArn";
}

export interface AdvancedConfiguration__Output {
  'alternateTargetGroupArn'?: (string);
  'productionListenerRule'?: (string);
  'testListenerRule'?: (string);
  'roleArn'?: (string);
}
