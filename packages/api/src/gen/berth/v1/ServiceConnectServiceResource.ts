// Original file: protos/berth/v1/ecs.proto


export interface ServiceConnectServiceResource {
  'discoveryName'?: (string);
  'discoveryArn'?: (string);
  '_discoveryName'?: "discoveryName";
  '_discoveryArn'?: "discoveryArn";
}

export interface ServiceConnectServiceResource__Output {
  'discoveryName'?: (string);
  'discoveryArn'?: (string);
}
