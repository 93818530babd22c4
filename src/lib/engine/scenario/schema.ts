// The scenario format, version 1: a seed, a duration and a list of nodes with AWS-named properties.
// Connections are node properties that name other nodes by id (a producer's `target`, a consumer's
// `source`, a queue's RedrivePolicy.deadLetterTargetArn…); `edges.ts` derives the graph from them.
// Every rule carries a message that names the valid range, so errors read
// "nodes[2].VisibilityTimeout: must be 0–43200 seconds". The services' numbers come from their limits.ts.
//
// One file a concern, under schema/: the number rules (common), each service's nodes, and the top-level
// object with its inferred types (scenario). The pieces they share (schema/fields.ts) stay internal.

export * from './schema/common';
export * from './schema/sqs';
export * from './schema/sns';
export * from './schema/producer';
export * from './schema/consumers';
export * from './schema/kinesis';
export * from './schema/firehose';
export * from './schema/scenario';
