// Original file: protos/berth/v1/fleet.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateJoinTokenRequest as _berth_v1_CreateJoinTokenRequest, CreateJoinTokenRequest__Output as _berth_v1_CreateJoinTokenRequest__Output } from '../../berth/v1/CreateJoinTokenRequest.js';
import type { CreateJoinTokenResponse as _berth_v1_CreateJoinTokenResponse, CreateJoinTokenResponse__Output as _berth_v1_CreateJoinTokenResponse__Output } from '../../berth/v1/CreateJoinTokenResponse.js';
import type { DeleteJoinTokenRequest as _berth_v1_DeleteJoinTokenRequest, DeleteJoinTokenRequest__Output as _berth_v1_DeleteJoinTokenRequest__Output } from '../../berth/v1/DeleteJoinTokenRequest.js';
import type { DeleteJoinTokenResponse as _berth_v1_DeleteJoinTokenResponse, DeleteJoinTokenResponse__Output as _berth_v1_DeleteJoinTokenResponse__Output } from '../../berth/v1/DeleteJoinTokenResponse.js';
import type { JoinRequest as _berth_v1_JoinRequest, JoinRequest__Output as _berth_v1_JoinRequest__Output } from '../../berth/v1/JoinRequest.js';
import type { JoinResponse as _berth_v1_JoinResponse, JoinResponse__Output as _berth_v1_JoinResponse__Output } from '../../berth/v1/JoinResponse.js';
import type { ListCertificatesRequest as _berth_v1_ListCertificatesRequest, ListCertificatesRequest__Output as _berth_v1_ListCertificatesRequest__Output } from '../../berth/v1/ListCertificatesRequest.js';
import type { ListCertificatesResponse as _berth_v1_ListCertificatesResponse, ListCertificatesResponse__Output as _berth_v1_ListCertificatesResponse__Output } from '../../berth/v1/ListCertificatesResponse.js';
import type { ListJoinTokensRequest as _berth_v1_ListJoinTokensRequest, ListJoinTokensRequest__Output as _berth_v1_ListJoinTokensRequest__Output } from '../../berth/v1/ListJoinTokensRequest.js';
import type { ListJoinTokensResponse as _berth_v1_ListJoinTokensResponse, ListJoinTokensResponse__Output as _berth_v1_ListJoinTokensResponse__Output } from '../../berth/v1/ListJoinTokensResponse.js';
import type { RenewCertificateRequest as _berth_v1_RenewCertificateRequest, RenewCertificateRequest__Output as _berth_v1_RenewCertificateRequest__Output } from '../../berth/v1/RenewCertificateRequest.js';
import type { RenewCertificateResponse as _berth_v1_RenewCertificateResponse, RenewCertificateResponse__Output as _berth_v1_RenewCertificateResponse__Output } from '../../berth/v1/RenewCertificateResponse.js';
import type { ReportLoadBalancerStatisticsRequest as _berth_v1_ReportLoadBalancerStatisticsRequest, ReportLoadBalancerStatisticsRequest__Output as _berth_v1_ReportLoadBalancerStatisticsRequest__Output } from '../../berth/v1/ReportLoadBalancerStatisticsRequest.js';
import type { ReportLoadBalancerStatisticsResponse as _berth_v1_ReportLoadBalancerStatisticsResponse, ReportLoadBalancerStatisticsResponse__Output as _berth_v1_ReportLoadBalancerStatisticsResponse__Output } from '../../berth/v1/ReportLoadBalancerStatisticsResponse.js';
import type { ReportTargetHealthRequest as _berth_v1_ReportTargetHealthRequest, ReportTargetHealthRequest__Output as _berth_v1_ReportTargetHealthRequest__Output } from '../../berth/v1/ReportTargetHealthRequest.js';
import type { ReportTargetHealthResponse as _berth_v1_ReportTargetHealthResponse, ReportTargetHealthResponse__Output as _berth_v1_ReportTargetHealthResponse__Output } from '../../berth/v1/ReportTargetHealthResponse.js';
import type { RevokeCertificateRequest as _berth_v1_RevokeCertificateRequest, RevokeCertificateRequest__Output as _berth_v1_RevokeCertificateRequest__Output } from '../../berth/v1/RevokeCertificateRequest.js';
import type { RevokeCertificateResponse as _berth_v1_RevokeCertificateResponse, RevokeCertificateResponse__Output as _berth_v1_RevokeCertificateResponse__Output } from '../../berth/v1/RevokeCertificateResponse.js';

export interface BerthFleetClient extends grpc.Client {
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateJoinToken(argument: _berth_v1_CreateJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  createJoinToken(argument: _berth_v1_CreateJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_CreateJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  DeleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  DeleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  DeleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  deleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  deleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  deleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  deleteJoinToken(argument: _berth_v1_DeleteJoinTokenRequest, callback: grpc.requestCallback<_berth_v1_DeleteJoinTokenResponse__Output>): grpc.ClientUnaryCall;
  
  Join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  Join(argument: _berth_v1_JoinRequest, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  join(argument: _berth_v1_JoinRequest, callback: grpc.requestCallback<_berth_v1_JoinResponse__Output>): grpc.ClientUnaryCall;
  
  ListCertificates(argument: _berth_v1_ListCertificatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  ListCertificates(argument: _berth_v1_ListCertificatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  ListCertificates(argument: _berth_v1_ListCertificatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  ListCertificates(argument: _berth_v1_ListCertificatesRequest, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _berth_v1_ListCertificatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _berth_v1_ListCertificatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _berth_v1_ListCertificatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _berth_v1_ListCertificatesRequest, callback: grpc.requestCallback<_berth_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  
  ListJoinTokens(argument: _berth_v1_ListJoinTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  ListJoinTokens(argument: _berth_v1_ListJoinTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  ListJoinTokens(argument: _berth_v1_ListJoinTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  ListJoinTokens(argument: _berth_v1_ListJoinTokensRequest, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  listJoinTokens(argument: _berth_v1_ListJoinTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  listJoinTokens(argument: _berth_v1_ListJoinTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  listJoinTokens(argument: _berth_v1_ListJoinTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  listJoinTokens(argument: _berth_v1_ListJoinTokensRequest, callback: grpc.requestCallback<_berth_v1_ListJoinTokensResponse__Output>): grpc.ClientUnaryCall;
  
  RenewCertificate(argument: _berth_v1_RenewCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  RenewCertificate(argument: _berth_v1_RenewCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  RenewCertificate(argument: _berth_v1_RenewCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  RenewCertificate(argument: _berth_v1_RenewCertificateRequest, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _berth_v1_RenewCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _berth_v1_RenewCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _berth_v1_RenewCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  renewCertificate(argument: _berth_v1_RenewCertificateRequest, callback: grpc.requestCallback<_berth_v1_RenewCertificateResponse__Output>): grpc.ClientUnaryCall;
  
  ReportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  ReportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  ReportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  ReportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  reportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  reportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  reportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  reportLoadBalancerStatistics(argument: _berth_v1_ReportLoadBalancerStatisticsRequest, callback: grpc.requestCallback<_berth_v1_ReportLoadBalancerStatisticsResponse__Output>): grpc.ClientUnaryCall;
  
  ReportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  ReportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  ReportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  ReportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  reportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  reportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  reportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  reportTargetHealth(argument: _berth_v1_ReportTargetHealthRequest, callback: grpc.requestCallback<_berth_v1_ReportTargetHealthResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeCertificate(argument: _berth_v1_RevokeCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  RevokeCertificate(argument: _berth_v1_RevokeCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  RevokeCertificate(argument: _berth_v1_RevokeCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  RevokeCertificate(argument: _berth_v1_RevokeCertificateRequest, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _berth_v1_RevokeCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _berth_v1_RevokeCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _berth_v1_RevokeCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _berth_v1_RevokeCertificateRequest, callback: grpc.requestCallback<_berth_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface BerthFleetHandlers extends grpc.UntypedServiceImplementation {
  CreateJoinToken: grpc.handleUnaryCall<_berth_v1_CreateJoinTokenRequest__Output, _berth_v1_CreateJoinTokenResponse>;
  
  DeleteJoinToken: grpc.handleUnaryCall<_berth_v1_DeleteJoinTokenRequest__Output, _berth_v1_DeleteJoinTokenResponse>;
  
  Join: grpc.handleUnaryCall<_berth_v1_JoinRequest__Output, _berth_v1_JoinResponse>;
  
  ListCertificates: grpc.handleUnaryCall<_berth_v1_ListCertificatesRequest__Output, _berth_v1_ListCertificatesResponse>;
  
  ListJoinTokens: grpc.handleUnaryCall<_berth_v1_ListJoinTokensRequest__Output, _berth_v1_ListJoinTokensResponse>;
  
  RenewCertificate: grpc.handleUnaryCall<_berth_v1_RenewCertificateRequest__Output, _berth_v1_RenewCertificateResponse>;
  
  ReportLoadBalancerStatistics: grpc.handleUnaryCall<_berth_v1_ReportLoadBalancerStatisticsRequest__Output, _berth_v1_ReportLoadBalancerStatisticsResponse>;
  
  ReportTargetHealth: grpc.handleUnaryCall<_berth_v1_ReportTargetHealthRequest__Output, _berth_v1_ReportTargetHealthResponse>;
  
  RevokeCertificate: grpc.handleUnaryCall<_berth_v1_RevokeCertificateRequest__Output, _berth_v1_RevokeCertificateResponse>;
  
}

export interface BerthFleetDefinition extends grpc.ServiceDefinition {
  CreateJoinToken: MethodDefinition<_berth_v1_CreateJoinTokenRequest, _berth_v1_CreateJoinTokenResponse, _berth_v1_CreateJoinTokenRequest__Output, _berth_v1_CreateJoinTokenResponse__Output>
  DeleteJoinToken: MethodDefinition<_berth_v1_DeleteJoinTokenRequest, _berth_v1_DeleteJoinTokenResponse, _berth_v1_DeleteJoinTokenRequest__Output, _berth_v1_DeleteJoinTokenResponse__Output>
  Join: MethodDefinition<_berth_v1_JoinRequest, _berth_v1_JoinResponse, _berth_v1_JoinRequest__Output, _berth_v1_JoinResponse__Output>
  ListCertificates: MethodDefinition<_berth_v1_ListCertificatesRequest, _berth_v1_ListCertificatesResponse, _berth_v1_ListCertificatesRequest__Output, _berth_v1_ListCertificatesResponse__Output>
  ListJoinTokens: MethodDefinition<_berth_v1_ListJoinTokensRequest, _berth_v1_ListJoinTokensResponse, _berth_v1_ListJoinTokensRequest__Output, _berth_v1_ListJoinTokensResponse__Output>
  RenewCertificate: MethodDefinition<_berth_v1_RenewCertificateRequest, _berth_v1_RenewCertificateResponse, _berth_v1_RenewCertificateRequest__Output, _berth_v1_RenewCertificateResponse__Output>
  ReportLoadBalancerStatistics: MethodDefinition<_berth_v1_ReportLoadBalancerStatisticsRequest, _berth_v1_ReportLoadBalancerStatisticsResponse, _berth_v1_ReportLoadBalancerStatisticsRequest__Output, _berth_v1_ReportLoadBalancerStatisticsResponse__Output>
  ReportTargetHealth: MethodDefinition<_berth_v1_ReportTargetHealthRequest, _berth_v1_ReportTargetHealthResponse, _berth_v1_ReportTargetHealthRequest__Output, _berth_v1_ReportTargetHealthResponse__Output>
  RevokeCertificate: MethodDefinition<_berth_v1_RevokeCertificateRequest, _berth_v1_RevokeCertificateResponse, _berth_v1_RevokeCertificateRequest__Output, _berth_v1_RevokeCertificateResponse__Output>
}
