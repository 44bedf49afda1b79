// Original file: protos/berth/v1/ecs.proto


export interface RepositoryCredentials {
  'credentialsParameter'?: (string);
  '_credentialsParameter'?: "credentialsParameter";
}

export interface RepositoryCredentials__Output {
  'credentialsParameter'?: (string);
}
