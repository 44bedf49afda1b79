// Original file: protos/berth/v1/ecs.proto

import type { ServiceConnectTlsCertificateAuthority as _berth_v1_ServiceConnectTlsCertificateAuthority, ServiceConnectTlsCertificateAuthority__Output as _berth_v1_ServiceConnectTlsCertificateAuthority__Output } from '../../berth/v1/ServiceConnectTlsCertificateAuthority.js';

export interface ServiceConnectTlsConfiguration {
  'issuerCertificateAuthority'?: (_berth_v1_ServiceConnectTlsCertificateAuthority | null);
  'kmsKey'?: (string);
  'roleArn'?: (string);
  '_kmsKey'?: "kmsKey";
  '_roleArn'?: "roleArn";
}

export interface ServiceConnectTlsConfiguration__Output {
  'issuerCertificateAuthority'?: (_berth_v1_ServiceConnectTlsCertificateAuthority__Output);
  'kmsKey'?: (string);
  'roleArn'?: (string);
}
