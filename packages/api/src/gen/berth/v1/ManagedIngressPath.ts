// Original file: protos/berth/v1/ecs.proto

import type { ManagedLoadBalancer as _berth_v1_ManagedLoadBalancer, ManagedLoadBalancer__Output as _berth_v1_ManagedLoadBalancer__Output } from '../../berth/v1/ManagedLoadBalancer.js';
import type { ManagedSecurityGroup as _berth_v1_ManagedSecurityGroup, ManagedSecurityGroup__Output as _berth_v1_ManagedSecurityGroup__Output } from '../../berth/v1/ManagedSecurityGroup.js';
import type { ManagedCertificate as _berth_v1_ManagedCertificate, ManagedCertificate__Output as _berth_v1_ManagedCertificate__Output } from '../../berth/v1/ManagedCertificate.js';
import type { ManagedListener as _berth_v1_ManagedListener, ManagedListener__Output as _berth_v1_ManagedListener__Output } from '../../berth/v1/ManagedListener.js';
import type { ManagedListenerRule as _berth_v1_ManagedListenerRule, ManagedListenerRule__Output as _berth_v1_ManagedListenerRule__Output } from '../../berth/v1/ManagedListenerRule.js';
import type { ManagedTargetGroup as _berth_v1_ManagedTargetGroup, ManagedTargetGroup__Output as _berth_v1_ManagedTargetGroup__Output } from '../../berth/v1/ManagedTargetGroup.js';

export interface ManagedIngressPath {
  'accessType'?: (string);
  'endpoint'?: (string);
  'loadBalancer'?: (_berth_v1_ManagedLoadBalancer | null);
  'loadBalancerSecurityGroups'?: (_berth_v1_ManagedSecurityGroup)[];
  'certificate'?: (_berth_v1_ManagedCertificate | null);
  'listener'?: (_berth_v1_ManagedListener | null);
  'rule'?: (_berth_v1_ManagedListenerRule | null);
  'targetGroups'?: (_berth_v1_ManagedTargetGroup)[];
  'berthPresentMembers'?: (string)[];
  '_accessType'?: "accessType";
  '_endpoint'?: "endpoint";
}

export interface ManagedIngressPath__Output {
  'accessType'?: (string);
  'endpoint'?: (string);
  'loadBalancer'?: (_berth_v1_ManagedLoadBalancer__Output);
  'loadBalancerSecurityGroups'?: (_berth_v1_ManagedSecurityGroup__Output)[];
  'certificate'?: (_berth_v1_ManagedCertificate__Output);
  'listener'?: (_berth_v1_ManagedListener__Output);
  'rule'?: (_berth_v1_ManagedListenerRule__Output);
  'targetGroups'?: (_berth_v1_ManagedTargetGroup__Output)[];
  'berthPresentMembers'?: (string)[];
}
