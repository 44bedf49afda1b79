// Original file: protos/berth/v1/fleet.proto


export interface Certificate {
  'serial'?: (string);
  'kind'?: (string);
  'cluster'?: (string);
  'id'?: (string);
  'issuedAt'?: (number | string);
  'notAfter'?: (number | string);
  'revokedAt'?: (number | string);
  '_serial'?: "serial";
  '_kind'?: "kind";
  '_cluster'?: "cluster";
  '_id'?: "id";
  '_issuedAt'?: "issuedAt";
  '_notAfter'?: "notAfter";
  '_revokedAt'?: "revokedAt";
}

export interface Certificate__Output {
  'serial'?: (string);
  'kind'?: (string);
  'cluster'?: (string);
  'id'?: (string);
  'issuedAt'?: (number);
  'notAfter'?: (number);
  'revokedAt'?: (number);
}
