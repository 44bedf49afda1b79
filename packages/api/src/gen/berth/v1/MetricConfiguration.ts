// Original file: protos/berth/v1/ecs.proto


export interface MetricConfiguration {
  'metricNames'?: (string)[];
  'resolutionSeconds'?: (number);
  'berthPresentMembers'?: (string)[];
  '_resolutionSeconds'?: "resolutionSeconds";
}

export interface MetricConfiguration__Output {
  'metricNames'?: (string)[];
  'resolutionSeconds'?: (number);
  'berthPresentMembers'?: (string)[];
}
