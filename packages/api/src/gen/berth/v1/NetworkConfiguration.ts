// Original file: protos/berth/v1/ecs.proto

import type { AwsVpcConfiguration as _berth_v1_AwsVpcConfiguration, AwsVpcConfiguration__Output as _berth_v1_AwsVpcConfiguration__Output } from '../../berth/v1/AwsVpcConfiguration.js';

export interface NetworkConfiguration {
  'awsvpcConfiguration'?: (_berth_v1_AwsVpcConfiguration | null);
}

export interface NetworkConfiguration__Output {
  'awsvpcConfiguration'?: (_berth_v1_AwsVpcConfiguration__Output);
}
