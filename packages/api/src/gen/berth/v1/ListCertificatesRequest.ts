// Original file: protos/berth/v1/fleet.proto


export interface ListCertificatesRequest {
}

export interface ListCertificatesRequest__Output {
}
