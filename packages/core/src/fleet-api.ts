// The model of Berth's own fleet service (protos/berth/v1/fleet.proto, hand-written: keep the two in step),
// so it runs through the seam's hook chain as every AWS API does: validated, authorized (`berth:Join`,
// `berth:CreateJoinToken`, ...), observed. Errors are ECS's names (the fleet is ECS's container instances).
import type { ApiModel, Shape } from './model/schema.js';
import { ERRORS as ECS_ERRORS } from './model/shapes.js';

const str: Shape = { type: 'string' };
const SHAPES: Record<string, Shape> = {
  String: str,
  Double: { type: 'double' },
  Integer: { type: 'integer' },
  JoinRequest: { type: 'structure', members: { token: 'String', publicKey: 'String', registration: 'String', clientTime: 'Double' }, required: ['token', 'publicKey'] },
  JoinResponse: { type: 'structure', members: { certificate: 'String', caCertificate: 'String', containerInstanceArn: 'String', cluster: 'String', kind: 'String', notAfter: 'Double' } },
  RenewCertificateRequest: { type: 'structure', members: { publicKey: 'String' }, required: ['publicKey'] },
  RenewCertificateResponse: { type: 'structure', members: { certificate: 'String', notAfter: 'Double' } },
  JoinToken: { type: 'structure', members: { id: 'String', kind: 'String', cluster: 'String', createdAt: 'Double', expiresAt: 'Double', usesAllowed: 'Integer', uses: 'Integer', description: 'String' } },
  JoinTokens: { type: 'list', member: 'JoinToken' },
  CreateJoinTokenRequest: { type: 'structure', members: { ttlSeconds: 'TtlSeconds', uses: 'Uses', cluster: 'String', kind: 'JoinKind', description: 'Description' } },
  TtlSeconds: { type: 'integer', min: 1, max: 365 * 24 * 3600 },
  Uses: { type: 'integer', min: 0, max: 1_000_000 },
  JoinKind: { type: 'string', enum: ['agent', 'lb', 'log-router', 'exporter'] },
  Description: { type: 'string', max: 256 },
  CreateJoinTokenResponse: { type: 'structure', members: { token: 'String', joinToken: 'JoinToken' } },
  ListJoinTokensRequest: { type: 'structure', members: {} },
  ListJoinTokensResponse: { type: 'structure', members: { joinTokens: 'JoinTokens' } },
  DeleteJoinTokenRequest: { type: 'structure', members: { id: 'String' }, required: ['id'] },
  DeleteJoinTokenResponse: { type: 'structure', members: {} },
  Certificate: { type: 'structure', members: { serial: 'String', kind: 'String', cluster: 'String', id: 'String', issuedAt: 'Double', notAfter: 'Double', revokedAt: 'Double' } },
  Certificates: { type: 'list', member: 'Certificate' },
  ListCertificatesRequest: { type: 'structure', members: {} },
  ListCertificatesResponse: { type: 'structure', members: { certificates: 'Certificates' } },
  RevokeCertificateRequest: { type: 'structure', members: { serial: 'Serial' }, required: ['serial'] },
  Serial: { type: 'string', min: 1, max: 64 },
  RevokeCertificateResponse: { type: 'structure', members: { certificates: 'Certificates' } },
  Boolean: { type: 'boolean' },
  Port: { type: 'integer', min: 1, max: 65535 },
  TargetHealthReason: { type: 'string', enum: ['Target.ResponseCodeMismatch', 'Target.Timeout', 'Target.FailedHealthChecks'] },
  Detail: { type: 'string', max: 256 },
  TargetHealthReport: { type: 'structure', members: { targetGroupArn: 'String', id: 'String', port: 'Port', healthy: 'Boolean', reason: 'TargetHealthReason', detail: 'Detail' }, required: ['targetGroupArn', 'id', 'port', 'healthy'] },
  TargetHealthReports: { type: 'list', member: 'TargetHealthReport', max: 5000 },
  ReportTargetHealthRequest: { type: 'structure', members: { reports: 'TargetHealthReports' }, required: ['reports'] },
  ReportTargetHealthResponse: { type: 'structure', members: {} },
  Count: { type: 'double', min: 0 },
  TargetGroupStatistics: {
    type: 'structure',
    members: { targetGroupArn: 'String', requests: 'Count', http2xx: 'Count', http3xx: 'Count', http4xx: 'Count', http5xx: 'Count', responseTimeMs: 'Count', healthyTargets: 'Integer', unhealthyTargets: 'Integer', connections: 'Count', activeConnections: 'Count' },
    required: ['targetGroupArn', 'requests', 'http2xx', 'http3xx', 'http4xx', 'http5xx', 'responseTimeMs', 'healthyTargets', 'unhealthyTargets'],
  },
  TargetGroupStatisticsList: { type: 'list', member: 'TargetGroupStatistics', max: 5000 },
  LoadBalancerStatistics: { type: 'structure', members: { loadBalancerArn: 'String', connections: 'Count', activeConnections: 'Count' }, required: ['loadBalancerArn', 'connections', 'activeConnections'] },
  LoadBalancerStatisticsList: { type: 'list', member: 'LoadBalancerStatistics', max: 5000 },
  Addresses: { type: 'list', member: 'String', max: 16 },
  LbGroup: { type: 'string', min: 1, max: 63 },
  ReportLoadBalancerStatisticsRequest: { type: 'structure', members: { group: 'LbGroup', addresses: 'Addresses', collectedAt: 'Double', targetGroups: 'TargetGroupStatisticsList', loadBalancers: 'LoadBalancerStatisticsList' }, required: ['group', 'collectedAt'] },
  ReportLoadBalancerStatisticsResponse: { type: 'structure', members: {} },
};

const op = (name: string) => ({ input: `${name}Request`, output: `${name}Response`, errors: [] });
const ERROR_NAMES = ['AccessDeniedException', 'ClientException', 'ClusterNotFoundException', 'InvalidParameterException', 'LimitExceededException', 'ResourceNotFoundException', 'ServerException'];

export const FLEET_API: ApiModel = {
  name: 'berth-fleet',
  serviceId: 'Berth Fleet',
  apiVersion: '2026-01-01',
  protocols: [],
  signingName: 'berth',
  iamPrefix: 'berth',
  grpcService: 'berth.v1.BerthFleet',
  protoFile: 'berth/v1/fleet.proto',
  shapes: SHAPES,
  operations: Object.fromEntries(['Join', 'RenewCertificate', 'CreateJoinToken', 'ListJoinTokens', 'DeleteJoinToken', 'ListCertificates', 'RevokeCertificate', 'ReportTargetHealth', 'ReportLoadBalancerStatistics'].map((n) => [n, op(n)])),
  errors: Object.fromEntries(ERROR_NAMES.map((n) => [n, ECS_ERRORS[n]!])),
  renames: {},
};
