// Original file: protos/berth/v1/deployment-hooks.proto


export interface CreateDeploymentHookRequest {
  'name'?: (string);
  'url'?: (string);
  'taskDefinition'?: (string);
  'timeoutSeconds'?: (number);
  'description'?: (string);
  '_name'?: "name";
  '_url'?: "url";
  '_taskDefinition'?: "taskDefinition";
  '_timeoutSeconds'?: "timeoutSeconds";
  '_description'?: "description";
}

export interface CreateDeploymentHookRequest__Output {
  'name'?: (string);
  'url'?: (string);
  'taskDefinition'?: (string);
  'timeoutSeconds'?: (number);
  'description'?: (string);
}
