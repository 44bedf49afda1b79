// Original file: protos/berth/v1/ecs.proto


export interface ExecuteCommandLogConfiguration {
  'cloudWatchLogGroupName'?: (string);
  'cloudWatchEncryptionEnabled'?: (boolean);
  's3BucketName'?: (string);
  's3EncryptionEnabled'?: (boolean);
  's3KeyPrefix'?: (string);
  '_cloudWatchLogGroupName'?: "cloudWatchLogGroupName";
  '_cloudWatchEncryptionEnabled'?: "cloudWatchEncryptionEnabled";
  '_s3BucketName'?: "s3BucketName";
  '_s3EncryptionEnabled'?: "s3EncryptionEnabled";
  '_s3KeyPrefix'?: "s3KeyPrefix";
}

export interface ExecuteCommandLogConfiguration__Output {
  'cloudWatchLogGroupName'?: (string);
  'cloudWatchEncryptionEnabled'?: (boolean);
  's3BucketName'?: (string);
  's3EncryptionEnabled'?: (boolean);
  's3KeyPrefix'?: (string);
}
