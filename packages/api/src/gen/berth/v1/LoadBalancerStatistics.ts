// Original file: protos/berth/v1/fleet.proto


export interface LoadBalancerStatistics {
  'loadBalancerArn'?: (string);
  'connections'?: (number | string);
  'activeConnections'?: (number | string);
  '_loadBalancerArn'?: "loadBalancerArn";
  '_connections'?: "connections";
  '_activeConnections'?: "activeConnections";
}

export interface LoadBalancerStatistics__Output {
  'loadBalancerArn'?: (string);
  'connections'?: (number);
  'activeConnections'?: (number);
}
