// The Kinesis service's public surface: what the sandbox and other layers may use.
export * from './stream';
export * from './iterator';
export * from './limits';
export * from './efo';
export * from './stream-lifecycle';
export * from './shard-lifecycle';
export { normaliseShardId } from './shard-id';
export { ITERATOR_TYPES } from './read';
