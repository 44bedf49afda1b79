// Original file: protos/berth/v1/ecs.proto


export interface NetworkInterface {
  'attachmentId'?: (string);
  'privateIpv4Address'?: (string);
  'ipv6Address'?: (string);
  '_attachmentId'?: "attachmentId";
  '_privateIpv4Address'?: "privateIpv4Address";
  '_ipv6Address'?: "ipv6Address";
}

export interface NetworkInterface__Output {
  'attachmentId'?: (string);
  'privateIpv4Address'?: (string);
  'ipv6Address'?: (string);
}
