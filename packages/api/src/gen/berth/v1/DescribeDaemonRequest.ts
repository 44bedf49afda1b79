// Original file: protos/berth/v1/ecs.proto


export interface DescribeDaemonRequest {
  'daemonArn'?: (string);
  '_daemonArn'?: "daemonArn";
}

export interface DescribeDaemonRequest__Output {
  'daemonArn'?: (string);
}
