// Typed node handles: every node a service contributes, as one union discriminated by `type` (and, for the
// two Lambda event source mappings, `eventSource`). Views and checks narrow a simulation's nodes with
// these instead of `instanceof` or casts, so a new node kind is added here once.

import type { SimContext, SimNode } from '../engine/simulation';
import type { Consumer } from './consumers/consumer';
import type { KinesisConsumer } from './consumers/kcl';
import type { LambdaKinesisEventSource } from './consumers/lambda-kinesis';
import type { LambdaSqsEventSource } from './consumers/lambda-sqs';
import type { Producer } from './consumers/producer';
import type { FirehoseDeliveryStream } from './firehose/delivery-stream';
import type { KinesisStream } from './kinesis/stream';
import type { SnsTopic } from './sns/topic';
import type { SqsQueue } from './sqs/queue';

export type ServiceNode =
	| SqsQueue
	| SnsTopic
	| Producer
	| Consumer
	| LambdaSqsEventSource
	| LambdaKinesisEventSource
	| KinesisStream
	| KinesisConsumer
	| FirehoseDeliveryStream;

export type ServiceNodeType = ServiceNode['type'];

/** The node of each type (the Lambda type is both event source mappings). */
export type NodeOf<T extends ServiceNodeType> = Extract<ServiceNode, { type: T }>;

const TYPES: ReadonlySet<string> = new Set<ServiceNodeType>([
	'sqs-queue',
	'sns-topic',
	'producer',
	'consumer',
	'lambda',
	'kinesis-stream',
	'kinesis-consumer',
	'firehose'
]);

/** A simulation node as the service node it is (undefined for none, or a node no service made). */
export function serviceNode(node: SimNode | undefined): ServiceNode | undefined {
	return node !== undefined && TYPES.has(node.type) ? (node as ServiceNode) : undefined;
}

/** The node `id` when it exists and is of `type` (a node asking another for an API call). */
export function nodeOf<T extends ServiceNodeType>(
	ctx: Pick<SimContext, 'hasNode' | 'node'>,
	id: string | undefined,
	type: T
): NodeOf<T> | undefined {
	if (id === undefined || !ctx.hasNode(id)) return undefined;
	const node = serviceNode(ctx.node(id));
	return isNodeOf(node, type) ? node : undefined;
}

/** The nodes a producer (or a Lambda's on-failure destination) can send to: they take acceptFromProducer. */
export type MessageTargetNode = NodeOf<'sqs-queue' | 'sns-topic' | 'kinesis-stream' | 'firehose'>;

const TARGET_TYPES: ReadonlySet<string> = new Set(['sqs-queue', 'sns-topic', 'kinesis-stream', 'firehose']);

/** The node `id` when it exists and takes messages (a queue, a topic, a stream or a delivery stream). */
export function messageTargetOf(
	ctx: Pick<SimContext, 'hasNode' | 'node'>,
	id: string | undefined
): MessageTargetNode | undefined {
	if (id === undefined || !ctx.hasNode(id)) return undefined;
	const node = serviceNode(ctx.node(id));
	return node && TARGET_TYPES.has(node.type) ? (node as MessageTargetNode) : undefined;
}

/** Whether `node` is a node of `type`, narrowed. */
export function isNodeOf<T extends ServiceNodeType>(
	node: ServiceNode | undefined,
	type: T
): node is NodeOf<T> {
	return node?.type === type;
}

/** The nodes of one type among `nodes`, in order. */
export function nodesOf<T extends ServiceNodeType>(nodes: Iterable<SimNode>, type: T): NodeOf<T>[] {
	const out: NodeOf<T>[] = [];
	for (const n of nodes) {
		const s = serviceNode(n);
		if (isNodeOf(s, type)) out.push(s);
	}
	return out;
}

/** A Lambda event source mapping that polls a queue or reads a stream, or neither. */
export function lambdaOf(
	node: ServiceNode | undefined
): LambdaSqsEventSource | LambdaKinesisEventSource | undefined {
	return node?.type === 'lambda' ? node : undefined;
}
