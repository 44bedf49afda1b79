// Original file: protos/berth/v1/ecs.proto


export interface PortMapping {
  'containerPort'?: (number);
  'hostPort'?: (number);
  'protocol'?: (string);
  'name'?: (string);
  'appProtocol'?: (string);
  'containerPortRange'?: (string);
  '_containerPort'?: "containerPort";
  '_hostPort'?: "hostPort";
  '_protocol'?: "protocol";
  '_name'?: "name";
  '_appProtocol'?: "appProtocol";
  '_containerPortRange'?: "containerPortRange";
}

export interface PortMapping__Output {
  'containerPort'?: (number);
  'hostPort'?: (number);
  'protocol'?: (string);
  'name'?: (string);
  'appProtocol'?: (string);
  'containerPortRange'?: (string);
}
