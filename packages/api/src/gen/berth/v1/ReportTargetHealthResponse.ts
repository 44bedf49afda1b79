// Original file: protos/berth/v1/fleet.proto


export interface ReportTargetHealthResponse {
}

export interface ReportTargetHealthResponse__Output {
}
