// Original file: protos/berth/v1/ecs.proto

import type { VCpuCountRangeRequest as _berth_v1_VCpuCountRangeRequest, VCpuCountRangeRequest__Output as _berth_v1_VCpuCountRangeRequest__Output } from '../../berth/v1/VCpuCountRangeRequest.js';
import type { MemoryMiBRequest as _berth_v1_MemoryMiBRequest, MemoryMiBRequest__Output as _berth_v1_MemoryMiBRequest__Output } from '../../berth/v1/MemoryMiBRequest.js';
import type { MemoryGiBPerVCpuRequest as _berth_v1_MemoryGiBPerVCpuRequest, MemoryGiBPerVCpuRequest__Output as _berth_v1_MemoryGiBPerVCpuRequest__Output } from '../../berth/v1/MemoryGiBPerVCpuRequest.js';
import type { NetworkInterfaceCountRequest as _berth_v1_NetworkInterfaceCountRequest, NetworkInterfaceCountRequest__Output as _berth_v1_NetworkInterfaceCountRequest__Output } from '../../berth/v1/NetworkInterfaceCountRequest.js';
import type { TotalLocalStorageGBRequest as _berth_v1_TotalLocalStorageGBRequest, TotalLocalStorageGBRequest__Output as _berth_v1_TotalLocalStorageGBRequest__Output } from '../../berth/v1/TotalLocalStorageGBRequest.js';
import type { BaselineEbsBandwidthMbpsRequest as _berth_v1_BaselineEbsBandwidthMbpsRequest, BaselineEbsBandwidthMbpsRequest__Output as _berth_v1_BaselineEbsBandwidthMbpsRequest__Output } from '../../berth/v1/BaselineEbsBandwidthMbpsRequest.js';
import type { AcceleratorCountRequest as _berth_v1_AcceleratorCountRequest, AcceleratorCountRequest__Output as _berth_v1_AcceleratorCountRequest__Output } from '../../berth/v1/AcceleratorCountRequest.js';
import type { AcceleratorTotalMemoryMiBRequest as _berth_v1_AcceleratorTotalMemoryMiBRequest, AcceleratorTotalMemoryMiBRequest__Output as _berth_v1_AcceleratorTotalMemoryMiBRequest__Output } from '../../berth/v1/AcceleratorTotalMemoryMiBRequest.js';
import type { NetworkBandwidthGbpsRequest as _berth_v1_NetworkBandwidthGbpsRequest, NetworkBandwidthGbpsRequest__Output as _berth_v1_NetworkBandwidthGbpsRequest__Output } from '../../berth/v1/NetworkBandwidthGbpsRequest.js';

export interface InstanceRequirementsRequest {
  'vCpuCount'?: (_berth_v1_VCpuCountRangeRequest | null);
  'memoryMiB'?: (_berth_v1_MemoryMiBRequest | null);
  'cpuManufacturers'?: (string)[];
  'memoryGibPerVcpu'?: (_berth_v1_MemoryGiBPerVCpuRequest | null);
  'excludedInstanceTypes'?: (string)[];
  'instanceGenerations'?: (string)[];
  'spotMaxPricePercentageOverLowestPrice'?: (number);
  'onDemandMaxPricePercentageOverLowestPrice'?: (number);
  'bareMetal'?: (string);
  'burstablePerformance'?: (string);
  'requireHibernateSupport'?: (boolean);
  'networkInterfaceCount'?: (_berth_v1_NetworkInterfaceCountRequest | null);
  'localStorage'?: (string);
  'localStorageTypes'?: (string)[];
  'totalLocalStorageGb'?: (_berth_v1_TotalLocalStorageGBRequest | null);
  'baselineEbsBandwidthMbps'?: (_berth_v1_BaselineEbsBandwidthMbpsRequest | null);
  'acceleratorTypes'?: (string)[];
  'acceleratorCount'?: (_berth_v1_AcceleratorCountRequest | null);
  'acceleratorManufacturers'?: (string)[];
  'acceleratorNames'?: (string)[];
  'acceleratorTotalMemoryMiB'?: (_berth_v1_AcceleratorTotalMemoryMiBRequest | null);
  'networkBandwidthGbps'?: (_berth_v1_NetworkBandwidthGbpsRequest | null);
  'allowedInstanceTypes'?: (string)[];
  'maxSpotPriceAsPercentageOfOptimalOnDemandPrice'?: (number);
  'berthPresentMembers'?: (string)[];
  '_spotMaxPricePercentageOverLowestPrice'?: "spotMaxPricePercentageOverLowestPrice";
  '_onDemandMaxPricePercentageOverLowestPrice'?: "onDemandMaxPricePercentageOverLowestPrice";
  '_bareMetal'?: "bareMetal";
  '_burstablePerformance'?: "burstablePerformance";
  '_requireHibernateSupport'?: "requireHibernateSupport";
  '_localStorage'?: "localStorage";
  '_maxSpotPriceAsPercentageOfOptimalOnDemandPrice'?: "maxSpotPriceAsPercentageOfOptimalOnDemandPrice";
}

export interface InstanceRequirementsRequest__Output {
  'vCpuCount'?: (_berth_v1_VCpuCountRangeRequest__Output);
  'memoryMiB'?: (_berth_v1_MemoryMiBRequest__Output);
  'cpuManufacturers'?: (string)[];
  'memoryGibPerVcpu'?: (_berth_v1_MemoryGiBPerVCpuRequest__Output);
  'excludedInstanceTypes'?: (string)[];
  'instanceGenerations'?: (string)[];
  'spotMaxPricePercentageOverLowestPrice'?: (number);
  'onDemandMaxPricePercentageOverLowestPrice'?: (number);
  'bareMetal'?: (string);
  'burstablePerformance'?: (string);
  'requireHibernateSupport'?: (boolean);
  'networkInterfaceCount'?: (_berth_v1_NetworkInterfaceCountRequest__Output);
  'localStorage'?: (string);
  'localStorageTypes'?: (string)[];
  'totalLocalStorageGb'?: (_berth_v1_TotalLocalStorageGBRequest__Output);
  'baselineEbsBandwidthMbps'?: (_berth_v1_BaselineEbsBandwidthMbpsRequest__Output);
  'acceleratorTypes'?: (string)[];
  'acceleratorCount'?: (_berth_v1_AcceleratorCountRequest__Output);
  'acceleratorManufacturers'?: (string)[];
  'acceleratorNames'?: (string)[];
  'acceleratorTotalMemoryMiB'?: (_berth_v1_AcceleratorTotalMemoryMiBRequest__Output);
  'networkBandwidthGbps'?: (_berth_v1_NetworkBandwidthGbpsRequest__Output);
  'allowedInstanceTypes'?: (string)[];
  'maxSpotPriceAsPercentageOfOptimalOnDemandPrice'?: (number);
  'berthPresentMembers'?: (string)[];
}
