// The marks: one per kind of node (queue.ts, consumer.ts, topic.ts, stream.ts, lambda.ts, firehose.ts), each
// turning a node's model into what it draws — tokens for the canvas, shapes and labels for the SVG — plus the
// edge with its filter gate, the node box and the legend (Svelte components). `geometryOf` picks the mark for
// a node; `describe` says what a node is and how it is doing in one line each.

import type { LaidOutNode } from '../layout';
import type { FirehoseModel, NodeModel } from '../node-models';
import { consumerGeometry } from './consumer';
import { firehoseGeometry, sinkGeometry } from './firehose';
import { emptyGeometry, type GeometryContext, type MarkGeometry } from './geometry';
import { kclGeometry } from './kcl';
import { lambdaGeometry } from './lambda';
import { queueGeometry } from './queue';
import { streamGeometry, type StreamParts } from './stream';
import { topicGeometry } from './topic';

export type { GeometryContext, MarkGeometry } from './geometry';
export type { StreamParts } from './stream';

export function geometryOf(
	n: LaidOutNode,
	model: NodeModel | undefined,
	g: GeometryContext,
	models: Map<string, NodeModel>
): MarkGeometry & { stream?: StreamParts } {
	if (n.type === 's3')
		return sinkGeometry(n, models.get(n.virtual?.of ?? '') as FirehoseModel | undefined, g);
	switch (model?.kind) {
		case 'queue':
			return queueGeometry(n, model, g);
		case 'consumer':
			return consumerGeometry(n, model, g);
		case 'topic':
			return topicGeometry(n, model, g);
		case 'stream':
			return streamGeometry(n, model, g);
		case 'lambda':
			return lambdaGeometry(n, model, g);
		case 'firehose':
			return firehoseGeometry(n, model, g);
		case 'kinesis-consumer':
			return kclGeometry(n, model, g);
		default:
			return emptyGeometry();
	}
}

const KIND_NAME: Record<string, string> = {
	producer: 'producer',
	'sqs-queue': 'SQS queue',
	'sns-topic': 'SNS topic',
	consumer: 'consumer',
	lambda: 'Lambda',
	'kinesis-stream': 'Kinesis stream',
	'kinesis-consumer': 'Kinesis consumer (KCL)',
	firehose: 'Firehose',
	endpoint: 'endpoint',
	s3: 'S3-like bucket'
};

/** The kind line and the stats line of a node's box. */
export function describe(
	n: LaidOutNode,
	model: NodeModel | undefined,
	models: Map<string, NodeModel>,
	extra: { down?: boolean } = {}
): { kind: string; stats: string } {
	if (n.type === 'endpoint')
		return {
			kind: `${n.virtual?.protocol ?? ''} endpoint`,
			stats: extra.down ? 'outage: not answering' : 'answering'
		};
	if (n.type === 's3') {
		const f = models.get(n.virtual?.of ?? '');
		return {
			kind: KIND_NAME.s3 as string,
			stats: `${f?.kind === 'firehose' ? f.objects.length : 0} objects`
		};
	}
	switch (model?.kind) {
		case 'queue': {
			const total = model.counts.delayed + model.counts.visible + model.counts.inflight;
			if (model.fifo) {
				// Every group, not only the ones the model keeps views of.
				const groups = model.groupCount;
				return {
					kind: n.dlq ? 'FIFO dead-letter queue' : 'SQS FIFO queue',
					stats: `${total} message${total === 1 ? '' : 's'} · ${groups} group${groups === 1 ? '' : 's'} · ${model.lockedCount} locked`
				};
			}
			return {
				kind: n.dlq ? 'dead-letter queue' : 'SQS standard queue',
				stats: `${total} message${total === 1 ? '' : 's'} · VisibilityTimeout ${model.visibilityTimeoutS} s`
			};
		}
		case 'consumer': {
			const busy = model.workers.filter((w) => w.status === 'processing').length;
			const polling = model.workers.filter((w) => w.status === 'polling').length;
			return { kind: 'consumer', stats: `${busy}/${model.workers.length} busy · ${polling} polling` };
		}
		case 'producer':
			return { kind: 'producer', stats: `sent ${model.sent}` };
		case 'topic':
			return {
				kind: model.fifo ? 'SNS FIFO topic' : 'SNS topic',
				stats: `${model.subscriptions.length} subscriptions · ${model.inProgress} in delivery`
			};
		case 'stream': {
			const open = model.shards.filter((s) => s.open).length;
			return { kind: 'Kinesis stream', stats: `${open} open shards · ${model.status}` };
		}
		case 'lambda':
			return model.source === 'kinesis'
				? { kind: 'Lambda on Kinesis', stats: `${model.slots.filter((s) => s.busy).length} batches running` }
				: { kind: 'Lambda on SQS', stats: `${model.pollers ?? 0} pollers · ${model.active ?? 0} running` };
		case 'firehose':
			return { kind: 'Firehose', stats: `${model.records} buffered · ${model.objects.length} objects` };
		case 'kinesis-consumer':
			return {
				kind: KIND_NAME['kinesis-consumer'] as string,
				stats: `${model.leases.length} leases · ${model.leases.filter((l) => l.checkpoint === 'SHARD_END').length} done`
			};
		default:
			return { kind: KIND_NAME[n.type] ?? n.type, stats: '' };
	}
}
