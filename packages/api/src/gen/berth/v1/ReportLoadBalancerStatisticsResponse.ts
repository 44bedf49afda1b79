// Original file: protos/berth/v1/fleet.proto


export interface ReportLoadBalancerStatisticsResponse {
}

export interface ReportLoadBalancerStatisticsResponse__Output {
}
