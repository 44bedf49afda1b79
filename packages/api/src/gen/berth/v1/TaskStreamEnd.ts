// Original file: protos/berth/v1/agent.proto


export interface TaskStreamEnd {
  'exitCode'?: (number);
  'error'?: (string);
  'errorCode'?: (string);
  '_exitCode'?: "exitCode";
  '_error'?: "error";
  '_errorCode'?: "errorCode";
}

export interface TaskStreamEnd__Output {
  'exitCode'?: (number);
  'error'?: (string);
  'errorCode'?: (string);
}
