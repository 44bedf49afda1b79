// Original file: protos/berth/v1/ecs.proto

import type { NetworkBinding as _berth_v1_NetworkBinding, NetworkBinding__Output as _berth_v1_NetworkBinding__Output } from '../../berth/v1/NetworkBinding.js';
import type { NetworkInterface as _berth_v1_NetworkInterface, NetworkInterface__Output as _berth_v1_NetworkInterface__Output } from '../../berth/v1/NetworkInterface.js';
import type { ManagedAgent as _berth_v1_ManagedAgent, ManagedAgent__Output as _berth_v1_ManagedAgent__Output } from '../../berth/v1/ManagedAgent.js';

export interface Container {
  'containerArn'?: (string);
  'taskArn'?: (string);
  'name'?: (string);
  'image'?: (string);
  'imageDigest'?: (string);
  'runtimeId'?: (string);
  'lastStatus'?: (string);
  'exitCode'?: (number);
  'reason'?: (string);
  'networkBindings'?: (_berth_v1_NetworkBinding)[];
  'networkInterfaces'?: (_berth_v1_NetworkInterface)[];
  'healthStatus'?: (string);
  'managedAgents'?: (_berth_v1_ManagedAgent)[];
  'cpu'?: (string);
  'memory'?: (string);
  'memoryReservation'?: (string);
  'gpuIds'?: (string)[];
  'neuronDeviceIds'?: (string)[];
  'berthPresentMembers'?: (string)[];
  '_containerArn'?: "containerArn";
  '_taskArn'?: "taskArn";
  '_name'?: "name";
  '_image'?: "image";
  '_imageDigest'?: "imageDigest";
  '_runtimeId'?: "runtimeId";
  '_lastStatus'?: "lastStatus";
  '_exitCode'?: "exitCode";
  '_reason'?: "reason";
  '_healthStatus'?: "healthStatus";
  '_cpu'?: "cpu";
  '_memory'?: "memory";
  '_memoryReservation'?: "memoryReservation";
}

export interface Container__Output {
  'containerArn'?: (string);
  'taskArn'?: (string);
  'name'?: (string);
  'image'?: (string);
  'imageDigest'?: (string);
  'runtimeId'?: (string);
  'lastStatus'?: (string);
  'exitCode'?: (number);
  'reason'?: (string);
  'networkBindings'?: (_berth_v1_NetworkBinding__Output)[];
  'networkInterfaces'?: (_berth_v1_NetworkInterface__Output)[];
  'healthStatus'?: (string);
  'managedAgents'?: (_berth_v1_ManagedAgent__Output)[];
  'cpu'?: (string);
  'memory'?: (string);
  'memoryReservation'?: (string);
  'gpuIds'?: (string)[];
  'neuronDeviceIds'?: (string)[];
  'berthPresentMembers'?: (string)[];
}
