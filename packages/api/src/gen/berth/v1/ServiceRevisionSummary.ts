// Original file: protos/berth/v1/ecs.proto


export interface ServiceRevisionSummary {
  'arn'?: (string);
  'requestedTaskCount'?: (number);
  'runningTaskCount'?: (number);
  'pendingTaskCount'?: (number);
  'requestedTestTrafficWeight'?: (number | string);
  'requestedProductionTrafficWeight'?: (number | string);
  '_arn'?: "arn";
  '_requestedTaskCount'?: "requestedTaskCount";
  '_runningTaskCount'?: "runningTaskCount";
  '_pendingTaskCount'?: "pendingTaskCount";
  '_requestedTestTrafficWeight'?: "requestedTestTrafficWeight";
  '_requestedProductionTrafficWeight'?: "requestedProductionTrafficWeight";
}

export interface ServiceRevisionSummary__Output {
  'arn'?: (string);
  'requestedTaskCount'?: (number);
  'runningTaskCount'?: (number);
  'pendingTaskCount'?: (number);
  'requestedTestTrafficWeight'?: (number);
  'requestedProductionTrafficWeight'?: (number);
}
