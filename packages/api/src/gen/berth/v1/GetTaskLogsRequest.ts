// Original file: protos/berth/v1/tasks.proto


export interface GetTaskLogsRequest {
  'cluster'?: (string);
  'task'?: (string);
  'container'?: (string);
  'follow'?: (boolean);
  'since'?: (number | string);
  'tail'?: (number);
  'timestamps'?: (boolean);
  '_cluster'?: "cluster";
  '_task'?: "task";
  '_container'?: "container";
  '_follow'?: "follow";
  '_since'?: "since";
  '_tail'?: "tail";
  '_timestamps'?: "timestamps";
}

export interface GetTaskLogsRequest__Output {
  'cluster'?: (string);
  'task'?: (string);
  'container'?: (string);
  'follow'?: (boolean);
  'since'?: (number);
  'tail'?: (number);
  'timestamps'?: (boolean);
}
