// Original file: protos/berth/v1/ecs.proto


export interface NetworkBinding {
  'bindIp'?: (string);
  'containerPort'?: (number);
  'hostPort'?: (number);
  'protocol'?: (string);
  'containerPortRange'?: (string);
  'hostPortRange'?: (string);
  '_bindIp'?: "bindIp";
  '_containerPort'?: "containerPort";
  '_hostPort'?: "hostPort";
  '_protocol'?: "protocol";
  '_containerPortRange'?: "containerPortRange";
  '_hostPortRange'?: "hostPortRange";
}

export interface NetworkBinding__Output {
  'bindIp'?: (string);
  'containerPort'?: (number);
  'hostPort'?: (number);
  'protocol'?: (string);
  'containerPortRange'?: (string);
  'hostPortRange'?: (string);
}
