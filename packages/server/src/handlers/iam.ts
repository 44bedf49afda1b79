// IAM, as far as Berth has identities: the access keys SigV4 verifies against, with IAM's shapes, served
// like every API on gRPC (berth.aws.iam.v1.IAM, what the berth CLI calls) and on the AWS listener
// (`aws iam create-access-key --endpoint-url ...`). Without UserName, ListAccessKeys lists every key
// (IAM lists the caller's: Berth has no per-user policy until issue 16). Every other IAM action answers
// InvalidAction naming it.
import { IAM_API, type Iam } from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { AccessKeyMetadata, AccessKeys } from '../auth/access-keys.js';

const metadata = (k: AccessKeyMetadata): Iam.AccessKeyMetadata => ({ UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status as Iam.statusType, CreateDate: k.createDate });

export function iamActionTable(keys: AccessKeys): ActionTable {
  return {
    api: IAM_API,
    handlers: {
      CreateAccessKey: async (req: Iam.CreateAccessKeyRequest): Promise<Iam.CreateAccessKeyResponse> => {
        const k = await keys.create(req.UserName);
        return { AccessKey: { UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status as Iam.statusType, SecretAccessKey: k.secretAccessKey, CreateDate: k.createDate } };
      },
      ListAccessKeys: async (req: Iam.ListAccessKeysRequest): Promise<Iam.ListAccessKeysResponse> => {
        const all = await keys.list();
        return { AccessKeyMetadata: all.filter((k) => req.UserName === undefined || k.userName === req.UserName).map(metadata), IsTruncated: false };
      },
      DeleteAccessKey: async (req: Iam.DeleteAccessKeyRequest) => {
        await keys.delete(req.AccessKeyId);
        return {};
      },
    },
  };
}
