// Original file: protos/berth/v1/ecs.proto


export interface DeleteTaskSetRequest {
  'cluster'?: (string);
  'service'?: (string);
  'taskSet'?: (string);
  'force'?: (boolean);
  '_cluster'?: "cluster";
  '_service'?: "service";
  '_taskSet'?: "taskSet";
  '_force'?: "force";
}

export interface DeleteTaskSetRequest__Output {
  'cluster'?: (string);
  'service'?: (string);
  'taskSet'?: (string);
  'force'?: (boolean);
}
