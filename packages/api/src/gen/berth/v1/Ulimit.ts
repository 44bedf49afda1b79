// Original file: protos/berth/v1/ecs.proto


export interface Ulimit {
  'name'?: (string);
  'softLimit'?: (number);
  'hardLimit'?: (number);
  '_name'?: "name";
  '_softLimit'?: "softLimit";
  '_hardLimit'?: "hardLimit";
}

export interface Ulimit__Output {
  'name'?: (string);
  'softLimit'?: (number);
  'hardLimit'?: (number);
}
