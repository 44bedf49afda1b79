// Original file: protos/berth/v1/ecs.proto


export interface ServiceCurrentRevisionSummary {
  'arn'?: (string);
  'requestedTaskCount'?: (number);
  'runningTaskCount'?: (number);
  'pendingTaskCount'?: (number);
  '_arn'?: "arn";
  '_requestedTaskCount'?: "requestedTaskCount";
  '_runningTaskCount'?: "runningTaskCount";
  '_pendingTaskCount'?: "pendingTaskCount";
}

export interface ServiceCurrentRevisionSummary__Output {
  'arn'?: (string);
  'requestedTaskCount'?: (number);
  'runningTaskCount'?: (number);
  'pendingTaskCount'?: (number);
}
