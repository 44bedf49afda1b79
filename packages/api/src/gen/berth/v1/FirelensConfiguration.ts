// Original file: protos/berth/v1/ecs.proto


export interface FirelensConfiguration {
  'type'?: (string);
  'options'?: ({[key: string]: string});
  'berthPresentMembers'?: (string)[];
  '_type'?: "type";
}

export interface FirelensConfiguration__Output {
  'type'?: (string);
  'options'?: ({[key: string]: string});
  'berthPresentMembers'?: (string)[];
}
