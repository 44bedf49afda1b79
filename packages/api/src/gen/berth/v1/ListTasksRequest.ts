// Original file: protos/berth/v1/ecs.proto


export interface ListTasksRequest {
  'cluster'?: (string);
  'containerInstance'?: (string);
  'family'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'startedBy'?: (string);
  'serviceName'?: (string);
  'desiredStatus'?: (string);
  'launchType'?: (string);
  'daemonName'?: (string);
  '_cluster'?: "cluster";
  '_containerInstance'?: "containerInstance";
  '_family'?: "family";
  '_nextToken'?: "nextToken";
  '_maxResults'?: "maxResults";
  '_startedBy'?: "startedBy";
  '_serviceName'?: "serviceName";
  '_desiredStatus'?: "desiredStatus";
  '_launchType'?: "launchType";
  '_daemonName'?: "daemonName";
}

export interface ListTasksRequest__Output {
  'cluster'?: (string);
  'containerInstance'?: (string);
  'family'?: (string);
  'nextToken'?: (string);
  'maxResults'?: (number);
  'startedBy'?: (string);
  'serviceName'?: (string);
  'desiredStatus'?: (string);
  'launchType'?: (string);
  'daemonName'?: (string);
}
