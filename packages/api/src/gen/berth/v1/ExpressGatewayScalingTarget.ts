// Original file: protos/berth/v1/ecs.proto


export interface ExpressGatewayScalingTarget {
  'minTaskCount'?: (number);
  'maxTaskCount'?: (number);
  'autoScalingMetric'?: (string);
  'autoScalingTargetValue'?: (number);
  '_minTaskCount'?: "minTaskCount";
  '_maxTaskCount'?: "maxTaskCount";
  '_autoScalingMetric'?: "autoScalingMetric";
  '_autoScalingTargetValue'?: "autoScalingTargetValue";
}

export interface ExpressGatewayScalingTarget__Output {
  'minTaskCount'?: (number);
  'maxTaskCount'?: (number);
  'autoScalingMetric'?: (string);
  'autoScalingTargetValue'?: (number);
}
