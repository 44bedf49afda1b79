import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { BerthFleetClient as _berth_v1_BerthFleetClient, BerthFleetDefinition as _berth_v1_BerthFleetDefinition } from './berth/v1/BerthFleet.js';
import type { Certificate as _berth_v1_Certificate, Certificate__Output as _berth_v1_Certificate__Output } from './berth/v1/Certificate.js';
import type { CreateJoinTokenRequest as _berth_v1_CreateJoinTokenRequest, CreateJoinTokenRequest__Output as _berth_v1_CreateJoinTokenRequest__Output } from './berth/v1/CreateJoinTokenRequest.js';
import type { CreateJoinTokenResponse as _berth_v1_CreateJoinTokenResponse, CreateJoinTokenResponse__Output as _berth_v1_CreateJoinTokenResponse__Output } from './berth/v1/CreateJoinTokenResponse.js';
import type { DeleteJoinTokenRequest as _berth_v1_DeleteJoinTokenRequest, DeleteJoinTokenRequest__Output as _berth_v1_DeleteJoinTokenRequest__Output } from './berth/v1/DeleteJoinTokenRequest.js';
import type { DeleteJoinTokenResponse as _berth_v1_DeleteJoinTokenResponse, DeleteJoinTokenResponse__Output as _berth_v1_DeleteJoinTokenResponse__Output } from './berth/v1/DeleteJoinTokenResponse.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from './berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from './berth/v1/JoinResponse.js';
import type { JoinToken as _berth_v1_JoinToken, JoinToken__Output as _berth_v1_JoinToken__Output } from './berth/v1/JoinToken.js';
import type { ListCertificatesRequest as _berth_v1_ListCertificatesRequest, ListCertificatesRequest__Output as _berth_v1_ListCertificatesRequest__Output } from './berth/v1/ListCertificatesRequest.js';
import type { ListCertificatesResponse as _berth_v1_ListCertificatesResponse, ListCertificatesResponse__Output as _berth_v1_ListCertificatesResponse__Output } from './berth/v1/ListCertificatesResponse.js';
import type { ListJoinTokensRequest as _berth_v1_ListJoinTokensRequest, ListJoinTokensRequest__Output as _berth_v1_ListJoinTokensRequest__Output } from './berth/v1/ListJoinTokensRequest.js';
import type { ListJoinTokensResponse as _berth_v1_ListJoinTokensResponse, ListJoinTokensResponse__Output as _berth_v1_ListJoinTokensResponse__Output } from './berth/v1/ListJoinTokensResponse.js';
import type { LoadBalancerStatistics as _berth_v1_LoadBalancerStatistics, LoadBalancerStatistics__Output as _berth_v1_LoadBalancerStatistics__Output } from './berth/v1/LoadBalancerStatistics.js';
import type { RenewCertificateRequest as _berth_v1_RenewCertificateRequest, RenewCertificateRequest__Output as _berth_v1_RenewCertificateRequest__Output } from './berth/v1/RenewCertificateRequest.js';
import type { RenewCertificateResponse as _berth_v1_RenewCertificateResponse, RenewCertificateResponse__Output as _berth_v1_RenewCertificateResponse__Output } from './berth/v1/RenewCertificateResponse.js';
import type { ReportLoadBalancerStatisticsRequest as _berth_v1_ReportLoadBalancerStatisticsRequest, ReportLoadBalancerStatisticsRequest__Output as _berth_v1_ReportLoadBalancerStatisticsRequest__Output } from './berth/v1/ReportLoadBalancerStatisticsRequest.js';
import type { ReportLoadBalancerStatisticsResponse as _berth_v1_ReportLoadBalancerStatisticsResponse, ReportLoadBalancerStatisticsResponse__Output as _berth_v1_ReportLoadBalancerStatisticsResponse__Output } from './berth/v1/ReportLoadBalancerStatisticsResponse.js';
import type { ReportTargetHealthRequest as _berth_v1_ReportTargetHealthRequest, ReportTargetHealthRequest__Output as _berth_v1_ReportTargetHealthRequest__Output } from './berth/v1/ReportTargetHealthRequest.js';
import type { ReportTargetHealthResponse as _berth_v1_ReportTargetHealthResponse, ReportTargetHealthResponse__Output as _berth_v1_ReportTargetHealthResponse__Output } from './berth/v1/ReportTargetHealthResponse.js';
import type { RevokeCertificateRequest as _berth_v1_RevokeCertificateRequest, RevokeCertificateRequest__Output as _berth_v1_RevokeCertificateRequest__Output } from './berth/v1/RevokeCertificateRequest.js';
import type { RevokeCertificateResponse as _berth_v1_RevokeCertificateResponse, RevokeCertificateResponse__Output as _berth_v1_RevokeCertificateResponse__Output } from './berth/v1/RevokeCertificateResponse.js';
import type { TargetGroupStatistics as _berth_v1_TargetGroupStatistics, TargetGroupStatistics__Output as _berth_v1_TargetGroupStatistics__Output } from './berth/v1/TargetGroupStatistics.js';
import type { TargetHealthReport as _berth_v1_TargetHealthReport, TargetHealthReport__Output as _berth_v1_TargetHealthReport__Output } from './berth/v1/TargetHealthReport.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  berth: {
    v1: {
      BerthFleet: SubtypeConstructor<typeof grpc.Client, _berth_v1_BerthFleetClient> & { service: _berth_v1_BerthFleetDefinition }
      Certificate: MessageTypeDefinition<_berth_v1_Certificate, _berth_v1_Certificate__Output>
      CreateJoinTokenRequest: MessageTypeDefinition<_berth_v1_CreateJoinTokenRequest, _berth_v1_CreateJoinTokenRequest__Output>
      CreateJoinTokenResponse: MessageTypeDefinition<_berth_v1_CreateJoinTokenResponse, _berth_v1_CreateJoinTokenResponse__Output>
      DeleteJoinTokenRequest: MessageTypeDefinition<_berth_v1_DeleteJoinTokenRequest, _berth_v1_DeleteJoinTokenRequest__Output>
      DeleteJoinTokenResponse: MessageTypeDefinition<_berth_v1_DeleteJoinTokenResponse, _berth_v1_DeleteJoinTokenResponse__Output>
      JoinRequest: MessageTypeDefinition<_berth_v1_JoinRequest, _berth_v1_JoinRequest__Output>
      JoinResponse: MessageTypeDefinition<_berth_v1_JoinResponse, _berth_v1_JoinResponse__Output>
      JoinToken: MessageTypeDefinition<_berth_v1_JoinToken, _berth_v1_JoinToken__Output>
      ListCertificatesRequest: MessageTypeDefinition<_berth_v1_ListCertificatesRequest, _berth_v1_ListCertificatesRequest__Output>
      ListCertificatesResponse: MessageTypeDefinition<_berth_v1_ListCertificatesResponse, _berth_v1_ListCertificatesResponse__Output>
      ListJoinTokensRequest: MessageTypeDefinition<_berth_v1_ListJoinTokensRequest, _berth_v1_ListJoinTokensRequest__Output>
      ListJoinTokensResponse: MessageTypeDefinition<_berth_v1_ListJoinTokensResponse, _berth_v1_ListJoinTokensResponse__Output>
      LoadBalancerStatistics: MessageTypeDefinition<_berth_v1_LoadBalancerStatistics, _berth_v1_LoadBalancerStatistics__Output>
      RenewCertificateRequest: MessageTypeDefinition<_berth_v1_RenewCertificateRequest, _berth_v1_RenewCertificateRequest__Output>
      RenewCertificateResponse: MessageTypeDefinition<_berth_v1_RenewCertificateResponse, _berth_v1_RenewCertificateResponse__Output>
      ReportLoadBalancerStatisticsRequest: MessageTypeDefinition<_berth_v1_ReportLoadBalancerStatisticsRequest, _berth_v1_ReportLoadBalancerStatisticsRequest__Output>
      ReportLoadBalancerStatisticsResponse: MessageTypeDefinition<_berth_v1_ReportLoadBalancerStatisticsResponse, _berth_v1_ReportLoadBalancerStatisticsResponse__Output>
      ReportTargetHealthRequest: MessageTypeDefinition<_berth_v1_ReportTargetHealthRequest, _berth_v1_ReportTargetHealthRequest__Output>
      ReportTargetHealthResponse: MessageTypeDefinition<_berth_v1_ReportTargetHealthResponse, _berth_v1_ReportTargetHealthResponse__Output>
      RevokeCertificateRequest: MessageTypeDefinition<_berth_v1_RevokeCertificateRequest, _berth_v1_RevokeCertificateRequest__Output>
      RevokeCertificateResponse: MessageTypeDefinition<_berth_v1_RevokeCertificateResponse, _berth_v1_RevokeCertificateResponse__Output>
      TargetGroupStatistics: MessageTypeDefinition<_berth_v1_TargetGroupStatistics, _berth_v1_TargetGroupStatistics__Output>
      TargetHealthReport: MessageTypeDefinition<_berth_v1_TargetHealthReport, _berth_v1_TargetHealthReport__Output>
    }
  }
}

