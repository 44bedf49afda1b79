// Original file: protos/berth/v1/ecs.proto


export interface ExecuteCommandRequest {
  'cluster'?: (string);
  'container'?: (string);
  'command'?: (string);
  'interactive'?: (boolean);
  'task'?: (string);
  '_cluster'?: "cluster";
  '_container'?: "container";
  '_command'?: "command";
  '_interactive'?: "interactive";
  '_task'?: "task";
}

export interface ExecuteCommandRequest__Output {
  'cluster'?: (string);
  'container'?: (string);
  'command'?: (string);
  'interactive'?: (boolean);
  'task'?: (string);
}
