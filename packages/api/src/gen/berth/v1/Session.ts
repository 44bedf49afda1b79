// Original file: protos/berth/v1/ecs.proto


export interface Session {
  'sessionId'?: (string);
  'streamUrl'?: (string);
  'tokenValue'?: (string);
  '_sessionId'?: "sessionId";
  '_streamUrl'?: "streamUrl";
  '_tokenValue'?: "tokenValue";
}

export interface Session__Output {
  'sessionId'?: (string);
  'streamUrl'?: (string);
  'tokenValue'?: (string);
}
