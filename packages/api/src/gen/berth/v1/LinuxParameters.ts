// Original file: protos/berth/v1/ecs.proto

import type { KernelCapabilities as _berth_v1_KernelCapabilities, KernelCapabilities__Output as _berth_v1_KernelCapabilities__Output } from '../../berth/v1/KernelCapabilities.js';
import type { Device as _berth_v1_Device, Device__Output as _berth_v1_Device__Output } from '../../berth/v1/Device.js';
import type { Tmpfs as _berth_v1_Tmpfs, Tmpfs__Output as _berth_v1_Tmpfs__Output } from '../../berth/v1/Tmpfs.js';

export interface LinuxParameters {
  'capabilities'?: (_berth_v1_KernelCapabilities | null);
  'devices'?: (_berth_v1_Device)[];
  'initProcessEnabled'?: (boolean);
  'sharedMemorySize'?: (number);
  'tmpfs'?: (_berth_v1_Tmpfs)[];
  'maxSwap'?: (number);
  'swappiness'?: (number);
  'berthPresentMembers'?: (string)[];
  '_initProcessEnabled'?: "initProcessEnabled";
  '_sharedMemorySize'?: "sharedMemorySize";
  '_maxSwap'?: "maxSwap";
  '_swappiness'?: "swappiness";
}

export interface LinuxParameters__Output {
  'capabilities'?: (_berth_v1_KernelCapabilities__Output);
  'devices'?: (_berth_v1_Device__Output)[];
  'initProcessEnabled'?: (boolean);
  'sharedMemorySize'?: (number);
  'tmpfs'?: (_berth_v1_Tmpfs__Output)[];
  'maxSwap'?: (number);
  'swappiness'?: (number);
  'berthPresentMembers'?: (string)[];
}
