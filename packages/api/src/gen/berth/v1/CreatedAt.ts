// Original file: protos/berth/v1/ecs.proto


export interface CreatedAt {
  'before'?: (number | string);
  'after'?: (number | string);
  '_before'?: "before";
  '_after'?: "after";
}

export interface CreatedAt__Output {
  'before'?: (number);
  'after'?: (number);
}
