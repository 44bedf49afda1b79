// Original file: protos/berth/v1/deployment-hooks.proto


export interface DeploymentHook {
  'name'?: (string);
  'arn'?: (string);
  'kind'?: (string);
  'url'?: (string);
  'taskDefinition'?: (string);
  'timeoutSeconds'?: (number);
  'description'?: (string);
  'createdAt'?: (number | string);
  '_name'?: "name";
  '_arn'?: "arn";
  '_kind'?: "kind";
  '_url'?: "url";
  '_taskDefinition'?: "taskDefinition";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_description'?: "description";
  '_createdAt'?: "createdAt";
}

export interface DeploymentHook__Output {
  'name'?: (string);
  'arn'?: (string);
  'kind'?: (string);
  'url'?: (string);
  'taskDefinition'?: (string);
  'timeoutSeconds'?: (number);
  'description'?: (string);
  'createdAt'?: (number);
}
