// A queue, topic, stream or direct-put delivery stream that nothing in the template writes to is where
// traffic enters from outside the stack: it gets a default producer, so the imported scenario moves
// messages when it runs.

import { TemplateError } from './errors';
import type { NodeDoc } from './nodes';

/** The default rate of an entry point's producer, in messages per second. */
export const DEFAULT_RATE_PER_SECOND = 10;

/** Ids of the nodes some other node of the scenario writes to. */
function writtenTo(nodes: readonly NodeDoc[]): Set<string> {
	const out = new Set<string>();
	for (const n of nodes) {
		const redrive = n['RedrivePolicy'] as { deadLetterTargetArn?: string } | undefined;
		if (redrive?.deadLetterTargetArn) out.add(redrive.deadLetterTargetArn);
		if (typeof n['OnFailure'] === 'string') out.add(n['OnFailure']);
		for (const s of (n['Subscriptions'] as
			| { Protocol: string; Endpoint: string; RedrivePolicy?: { deadLetterTargetArn: string } }[]
			| undefined) ?? []) {
			if (s.Protocol === 'sqs') out.add(s.Endpoint);
			if (s.RedrivePolicy) out.add(s.RedrivePolicy.deadLetterTargetArn);
		}
	}
	return out;
}

/** Nodes a producer may send to (a delivery stream reading a Kinesis stream takes no direct puts, FH-2). */
function acceptsWrites(n: NodeDoc): boolean {
	if (n.type === 'firehose') return n['source'] === undefined;
	return n.type === 'sqs-queue' || n.type === 'sns-topic' || n.type === 'kinesis-stream';
}

/** The producers for the entry points, and the entry points' ids; `load` sets rates (and adds entry points). */
export function entryProducers(
	nodes: readonly NodeDoc[],
	load: Record<string, number>
): { producers: NodeDoc[]; entryPoints: string[] } {
	const written = writtenTo(nodes);
	const byId = new Map(nodes.map((n) => [n.id, n]));
	for (const [id, rate] of Object.entries(load)) {
		const n = byId.get(id);
		if (n === undefined || !acceptsWrites(n)) {
			throw new TemplateError(
				'load names no queue, topic, stream or direct-put delivery stream of the template',
				{
					logicalId: id,
					property: 'load'
				}
			);
		}
		if (!Number.isFinite(rate) || rate < 0.001 || rate > 100_000) {
			throw new TemplateError(`load must be 0.001–100000 messages per second, got ${rate}`, {
				logicalId: id,
				property: 'load'
			});
		}
	}
	const ids = new Set(nodes.map((n) => n.id));
	const producers: NodeDoc[] = [];
	const entryPoints: string[] = [];
	for (const n of nodes) {
		if (!acceptsWrites(n) || (written.has(n.id) && !Object.hasOwn(load, n.id))) continue;
		let id = `${n.id}Producer`;
		for (let k = 2; ids.has(id); k++) id = `${n.id}Producer${k}`;
		ids.add(id);
		entryPoints.push(n.id);
		producers.push({
			id,
			type: 'producer',
			target: n.id,
			Rate: { type: 'fixed', perSecond: load[n.id] ?? DEFAULT_RATE_PER_SECOND },
			Body: '{"id": {n}}',
			...fifoIds(n)
		});
	}
	return { producers, entryPoints };
}

/** SQS-FIFO-2/-3, SNS-FIFO-2: a FIFO target needs a group, and a deduplication id unless content-based. */
function fifoIds(n: NodeDoc): Record<string, string> {
	const fifo = n['FifoQueue'] === true || n['FifoTopic'] === true;
	if (!fifo) return {};
	return {
		MessageGroupId: 'group-{n%4}',
		...(n['ContentBasedDeduplication'] === true ? {} : { MessageDeduplicationId: 'dedup-{n}' })
	};
}
