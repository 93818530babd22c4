// Public surface of the sandbox: AWS-SDK-shaped clients over the simulation models.
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export { SqsClient, type Output, type ResponseMetadata, type MessageMoveTaskResult } from './sqs-client';
export { SandboxWorld } from './world';
export { AwsError } from '../services/shared';
export { SnsClient } from './sns-client';
export { KinesisClient, type ShardShape } from './kinesis-client';
export { FirehoseClient, type CreateDeliveryStreamInput } from './firehose-client';
