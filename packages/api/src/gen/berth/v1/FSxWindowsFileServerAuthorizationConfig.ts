// Original file: protos/berth/v1/ecs.proto


export interface FSxWindowsFileServerAuthorizationConfig {
  'credentialsParameter'?: (string);
  'domain'?: (string);
  '_credentialsParameter'?: "credentialsParameter";
  '_domain'?: "domain";
}

export interface FSxWindowsFileServerAuthorizationConfig__Output {
  'credentialsParameter'?: (string);
  'domain'?: (string);
}
