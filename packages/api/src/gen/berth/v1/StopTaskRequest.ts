// Original file: protos/berth/v1/ecs.proto


export interface StopTaskRequest {
  'cluster'?: (string);
  'task'?: (string);
  'reason'?: (string);
  '_cluster'?: "cluster";
  '_task'?: "task";
  '_reason'?: "reason";
}

export interface StopTaskRequest__Output {
  'cluster'?: (string);
  'task'?: (string);
  'reason'?: (string);
}
