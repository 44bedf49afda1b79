// Original file: protos/berth/v1/fleet.proto


export interface JoinResponse {
  'certificate'?: (string);
  'caCertificate'?: (string);
  'containerInstanceArn'?: (string);
  'cluster'?: (string);
  'kind'?: (string);
  'notAfter'?: (number | string);
  '_certificate'?: "certificate";
  '_caCertificate'?: "caCertificate";
  '_containerInstanceArn'?: "containerInstanceArn";
  '_cluster'?: "cluster";
  '_kind'?: "kind";
  '_notAfter'?: "notAfter";
}

export interface JoinResponse__Output {
  'certificate'?: (string);
  'caCertificate'?: (string);
  'containerInstanceArn'?: (string);
  'cluster'?: (string);
  'kind'?: (string);
  'notAfter'?: (number);
}
