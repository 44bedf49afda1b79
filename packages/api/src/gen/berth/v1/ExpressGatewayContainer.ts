// Original file: protos/berth/v1/ecs.proto

import type { ExpressGatewayServiceAwsLogsConfiguration as _berth_v1_ExpressGatewayServiceAwsLogsConfiguration, ExpressGatewayServiceAwsLogsConfiguration__Output as _berth_v1_ExpressGatewayServiceAwsLogsConfiguration__Output } from '../../berth/v1/ExpressGatewayServiceAwsLogsConfiguration.js';
import type { ExpressGatewayRepositoryCredentials as _berth_v1_ExpressGatewayRepositoryCredentials, ExpressGatewayRepositoryCredentials__Output as _berth_v1_ExpressGatewayRepositoryCredentials__Output } from '../../berth/v1/ExpressGatewayRepositoryCredentials.js';
import type { KeyValuePair as _berth_v1_KeyValuePair, KeyValuePair__Output as _berth_v1_KeyValuePair__Output } from '../../berth/v1/KeyValuePair.js';
import type { Secret as _berth_v1_Secret, Secret__Output as _berth_v1_Secret__Output } from '../../berth/v1/Secret.js';

export interface ExpressGatewayContainer {
  'image'?: (string);
  'containerPort'?: (number);
  'awsLogsConfiguration'?: (_berth_v1_ExpressGatewayServiceAwsLogsConfiguration | null);
  'repositoryCredentials'?: (_berth_v1_ExpressGatewayRepositoryCredentials | null);
  'command'?: (string)[];
  'environment'?: (_berth_v1_KeyValuePair)[];
  'secrets'?: (_berth_v1_Secret)[];
  'berthPresentMembers'?: (string)[];
  '_image'?: "image";
  '_containerPort'?: "containerPort";
}

export interface ExpressGatewayContainer__Output {
  'image'?: (string);
  'containerPort'?: (number);
  'awsLogsConfiguration'?: (_berth_v1_ExpressGatewayServiceAwsLogsConfiguration__Output);
  'repositoryCredentials'?: (_berth_v1_ExpressGatewayRepositoryCredentials__Output);
  'command'?: (string)[];
  'environment'?: (_berth_v1_KeyValuePair__Output)[];
  'secrets'?: (_berth_v1_Secret__Output)[];
  'berthPresentMembers'?: (string)[];
}
