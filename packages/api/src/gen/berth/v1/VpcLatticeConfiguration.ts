// Original file: protos/berth/v1/ecs.proto


export interface VpcLatticeConfiguration {
  'roleArn'?: (string);
  'targetGroupArn'?: (string);
  'portName'?: (string);
  '_roleArn'?: "roleArn";
  '_targetGroupArn'?: "targetGroupArn";
  '_portName'?: "portName";
}

export interface VpcLatticeConfiguration__Output {
  'roleArn'?: (string);
  'targetGroupArn'?: (string);
  'portName'?: (string);
}
