// What the stage draws inside each node, at the current simulated time, read from the models' introspection
// getters (never from API calls that would change the run): a queue's messages by section and FIFO group,
// a consumer's workers and what each is processing, a topic's deliveries waiting for their next attempt, a
// stream's shards with their records, write load and each consumer's position, a Lambda mapping's execution
// slots and batches, a Firehose buffer and the objects in its S3-like sink. Plain data for the marks.

import type { Simulation } from '$lib/engine';
import type { DotTracker } from './dots';
import {
	nodesOf,
	serviceNode,
	type Consumer,
	type FirehoseDeliveryStream,
	type KinesisStream,
	type LambdaKinesisEventSource,
	type LambdaSqsEventSource,
	type ServiceNode,
	type SnsTopic,
	type SqsQueue
} from '$lib/services';

export type Section = 'delayed' | 'visible' | 'inflight';

export interface QueueMessageView {
	key: string;
	msg: string;
	origin: string;
	section: Section;
	receiveCount: number;
	/** When a delayed or in-flight message becomes visible. */
	visibleAt: number;
	/** When it was received (in flight). */
	receivedAt?: number;
	group?: string;
	/** Its place in its FIFO group, from 1. */
	order?: number;
	/** A stray copy that missed a delete (SQS-STD-1). */
	copy: boolean;
}

export interface FifoGroupView {
	id: string;
	/** SQS-FIFO-5: a message of the group is in flight; the ones after it wait. */
	locked: boolean;
	/**
	 * The group's first message in flight (SQS-FIFO-5, positional): visible messages ahead of it can still be
	 * received; the ones after it wait until it is deleted or comes back.
	 */
	blocking?: string;
	/** SQS-FIFO-12: its place in the order the next receive serves groups (1 = first); absent if it has nothing to give. */
	next?: number;
	/** The group's first GROUP_MESSAGE_VIEWS messages, in group order (`size` counts them all). */
	messages: QueueMessageView[];
	size: number;
}

export interface QueueModel {
	kind: 'queue';
	id: string;
	fifo: boolean;
	counts: Record<Section, number>;
	/**
	 * Oldest first within each section, at most SECTION_MESSAGE_VIEWS of each (`counts` has them all): the
	 * stage shows a few rows and a `+N`, and a queue holding 100,000 messages costs no more to draw than one
	 * holding a thousand.
	 */
	messages: QueueMessageView[];
	/** FIFO queues: groups in the order their first message arrived, at most GROUP_VIEWS of them. */
	groups: FifoGroupView[];
	/** FIFO queues: all the groups holding messages, and how many of them are locked (SQS-FIFO-5). */
	groupCount: number;
	lockedCount: number;
	visibilityTimeoutS: number;
}

export interface WorkerView {
	name: string;
	status: 'idle' | 'polling' | 'processing' | 'invoking' | 'retired' | 'stopped';
	/** The message in hand, with when its processing started and ends. */
	msg?: string;
	origin?: string;
	queue?: string;
	startedAt?: number;
	until?: number;
	receiveCount?: number;
	/** Messages in the batch (a Lambda invocation). */
	batch?: number;
}

export interface ConsumerModel {
	kind: 'consumer';
	id: string;
	workers: WorkerView[];
}

export interface ProducerModel {
	kind: 'producer';
	id: string;
	sent: number;
}

export interface DeliveryView {
	id: number;
	msg: string;
	subscription: string;
	endpoint: string;
	attempts: number;
	status: string;
	lastError?: string;
	nextAttemptAt?: number;
	waitFrom?: number;
	phase?: string;
}

export interface TopicModel {
	kind: 'topic';
	id: string;
	fifo: boolean;
	subscriptions: { arn: string; protocol: string; endpoint: string; filter: boolean; confirmed: boolean }[];
	/** Deliveries that failed and wait for another attempt (SNS-RETRY-*). */
	retrying: DeliveryView[];
	inProgress: number;
}

export interface ShardView {
	id: string;
	open: boolean;
	/** Where its hash-key range starts and how much of the 2^128 space it covers, 0–1 (KIN-1). */
	from: number;
	share: number;
	parents: string[];
	/** Records held, and the newest few with their place in the shard (1, 2, 3… so they read as increasing). */
	total: number;
	first: number;
	recent: { ordinal: number; seq: string; at: number }[];
	/** This second's writes against KIN-4's limits (1 MiB/s, 1,000 records/s). */
	writeBytes: number;
	writeRecords: number;
	/** Each polling consumer's position: the ordinal of the last record it processed (KIN-14). */
	readers: { id: string; at: number | 'end' | undefined }[];
}

export interface StreamModel {
	kind: 'stream';
	id: string;
	status: string;
	shards: ShardView[];
}

export interface SlotView {
	name: string;
	busy: boolean;
	/** Records or messages in the batch, its attempt, and whether it came from a bisect (ESM-KIN-4). */
	size: number;
	attempts: number;
	bisected: boolean;
	waiting: number;
	first?: string;
	last?: string;
}

export interface LambdaModel {
	kind: 'lambda';
	id: string;
	source: 'sqs' | 'kinesis';
	slots: SlotView[];
	/** SQS: pollers wanted and invocations running (ESM-SQS-5). */
	pollers?: number;
	active?: number;
}

export interface FirehoseModel {
	kind: 'firehose';
	id: string;
	records: number;
	bytes: number;
	sizeBytes: number;
	intervalMs: number;
	/** When the oldest buffered record arrived (the interval counts from it, FH-1). */
	since?: number;
	objects: { key: string; records: number; bytes: number; at: number }[];
}

export interface KinesisConsumerModel {
	kind: 'kinesis-consumer';
	id: string;
	leases: { shard: string; owner: number; checkpoint: string }[];
}

export interface OtherModel {
	kind: 'other';
	id: string;
}

export type NodeModel =
	| QueueModel
	| ConsumerModel
	| ProducerModel
	| TopicModel
	| StreamModel
	| LambdaModel
	| FirehoseModel
	| KinesisConsumerModel
	| OtherModel;

/** The newest records of a shard the stage shows in its lane. */
const RECENT = 12;

/** Message views a queue model keeps per section, per FIFO group, and FIFO groups it keeps (far more than any stage shows). */
export const SECTION_MESSAGE_VIEWS = 200;
export const GROUP_MESSAGE_VIEWS = 100;
export const GROUP_VIEWS = 200;

function sectionOf(status: string): Section | undefined {
	return status === 'delayed'
		? 'delayed'
		: status === 'available'
			? 'visible'
			: status === 'inFlight'
				? 'inflight'
				: undefined;
}

function queueModel(q: SqsQueue): QueueModel {
	const counts: Record<Section, number> = { delayed: 0, visible: 0, inflight: 0 };
	const messages: QueueMessageView[] = [];
	// Every group holding messages (for its size and lock), and the first GROUP_VIEWS of them as views.
	const groups = new Map<string, FifoGroupView>();
	const shown: FifoGroupView[] = [];
	const drawn = new Set<FifoGroupView>();
	for (const m of q.eachMessage()) {
		const section = sectionOf(m.status);
		if (!section) continue;
		counts[section]++;
		let g: FifoGroupView | undefined;
		if (m.groupId !== undefined) {
			g = groups.get(m.groupId);
			if (!g) {
				g = { id: m.groupId, locked: false, messages: [], size: 0 };
				groups.set(m.groupId, g);
				if (shown.length < GROUP_VIEWS) {
					shown.push(g);
					drawn.add(g);
				}
			}
			g.size++;
			// SQS-FIFO-5: the group's first message in flight (messages are in group order) blocks the ones after it.
			if (section === 'inflight' && g.blocking === undefined) g.blocking = m.MessageId;
		}
		const keep = g
			? drawn.has(g) && g.messages.length < GROUP_MESSAGE_VIEWS
			: counts[section] <= SECTION_MESSAGE_VIEWS;
		if (!keep) continue;
		const view: QueueMessageView = {
			key: m.key,
			msg: m.MessageId,
			origin: m.origin,
			section,
			receiveCount: m.receiveCount,
			visibleAt: m.visibleAt,
			copy: m.copyOf !== undefined,
			...(m.inFlightSince !== undefined ? { receivedAt: m.inFlightSince } : {}),
			...(g !== undefined ? { group: g.id, order: g.size } : {})
		};
		g?.messages.push(view);
		messages.push(view);
	}
	let lockedCount = 0;
	for (const id of q.lockedGroups()) {
		const g = groups.get(id);
		if (!g) continue;
		g.locked = true;
		lockedCount++;
	}
	for (const g of shown) if (!g.locked) delete g.blocking;
	q.groupServiceOrder().forEach((id, k) => {
		const g = groups.get(id);
		if (g) g.next = k + 1;
	});
	return {
		kind: 'queue',
		id: q.id,
		fifo: q.fifo,
		counts,
		messages,
		groups: shown,
		groupCount: groups.size,
		lockedCount,
		visibilityTimeoutS: q.config.VisibilityTimeout
	};
}

function consumerModel(c: Consumer, dots: DotTracker): ConsumerModel {
	return {
		kind: 'consumer',
		id: c.id,
		workers: c.workers.map((w, k) => {
			const m = w.status === 'processing' ? w.batch[w.index] : undefined;
			// The model's worker names are the consumer's id and the worker's number (`workers #2`).
			const name = `${c.id} #${k + 1}`;
			const work = m ? dots.workOf(`${c.id}/${k}`) : undefined;
			return {
				name,
				status: w.status,
				...(m
					? {
							msg: m.msg,
							origin: m.origin,
							queue: c.queueId,
							receiveCount: m.receiveCount,
							...(work && work.msg === m.msg ? { startedAt: work.t, until: work.until } : {}),
							...(w.until !== undefined ? { until: w.until } : {})
						}
					: {})
			};
		})
	};
}

function topicModel(t: SnsTopic): TopicModel {
	const subs = t.subscriptions();
	const byArn = new Map(subs.map((s) => [s.SubscriptionArn, s]));
	return {
		kind: 'topic',
		id: t.id,
		fifo: t.fifo,
		subscriptions: subs.map((s) => ({
			arn: s.SubscriptionArn,
			protocol: s.Protocol,
			endpoint: s.Endpoint,
			filter: s.attributes.FilterPolicy !== undefined,
			confirmed: s.status === 'confirmed'
		})),
		inProgress: t.deliveries().length,
		retrying: t
			.deliveries()
			.filter((d) => d.attempts > 0)
			.map((d) => ({
				id: d.id,
				msg: d.msg,
				subscription: d.sub,
				endpoint: byArn.get(d.sub)?.Endpoint ?? d.sub,
				attempts: d.attempts,
				status: d.status,
				...(d.lastError !== undefined ? { lastError: d.lastError } : {}),
				...(d.nextAttemptAt !== undefined ? { nextAttemptAt: d.nextAttemptAt } : {}),
				...(d.waitFrom !== undefined ? { waitFrom: d.waitFrom } : {}),
				...(d.phase !== undefined ? { phase: d.phase } : {})
			}))
	};
}

const SPACE = 2n ** 128n;

function streamModel(s: KinesisStream, sim: Simulation, dots: DotTracker): StreamModel {
	const second = Math.floor(sim.now() / 1000);
	const readers = nodesOf(sim.nodes.values(), 'kinesis-consumer').filter((n) => n.streamId === s.id);
	return {
		kind: 'stream',
		id: s.id,
		status: s.status,
		shards: s.shards().map((sh) => {
			// Ordinals count every record the shard ever held, so trimmed ones keep the numbering (KIN-10).
			const first = dots.trimmed(s.id, sh.ShardId);
			const recent = sh.records.slice(-RECENT).map((r, k) => ({
				ordinal: first + sh.records.length - Math.min(RECENT, sh.records.length) + k + 1,
				seq: r.SequenceNumber,
				at: r.arrivedAt
			}));
			const write = sh.write.second === second ? sh.write : { bytes: 0, records: 0 };
			return {
				id: sh.ShardId,
				open: sh.open,
				from: Number((sh.start * 10_000n) / SPACE) / 10_000,
				share: Number(((sh.end - sh.start + 1n) * 10_000n) / SPACE) / 10_000,
				parents: [sh.ParentShardId, sh.AdjacentParentShardId].filter((p): p is string => p !== undefined),
				total: sh.records.length,
				first,
				recent,
				writeBytes: write.bytes,
				writeRecords: write.records,
				readers: readers.map((c) => {
					const lease = c.leases.find((l) => l.shard === sh.ShardId);
					if (!lease) return { id: c.id, at: undefined };
					if (lease.checkpoint === 'SHARD_END') return { id: c.id, at: 'end' };
					const cp = /^\d+$/.test(lease.checkpoint) ? BigInt(lease.checkpoint) : -1n;
					return { id: c.id, at: first + countUpTo(sh.records, cp) };
				})
			};
		})
	};
}

/** How many of the (sequence-ordered) records have a sequence number at or below `seq` (binary search). */
function countUpTo(records: readonly { SequenceNumber: string }[], seq: bigint): number {
	let lo = 0;
	let hi = records.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (BigInt((records[mid] as { SequenceNumber: string }).SequenceNumber) <= seq) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function lambdaKinesisModel(l: LambdaKinesisEventSource): LambdaModel {
	const slots: SlotView[] = [];
	for (const lease of l.leases) {
		lease.slots.forEach((slot, k) => {
			const head = slot.batches[0];
			slots.push({
				name: `shard ${Number(lease.shard.replace(/^shardId-/, ''))}${lease.slots.length > 1 ? ` · slot ${k + 1}` : ''}`,
				busy: slot.busy,
				size: head?.records.length ?? 0,
				attempts: head?.attempts ?? 0,
				bisected: head?.bisected ?? false,
				waiting: slot.batches.length > 1 ? slot.batches.length - 1 : 0,
				...(head && head.records.length > 0
					? {
							first: (head.records[0] as { seq: string }).seq,
							last: (head.records[head.records.length - 1] as { seq: string }).seq
						}
					: {})
			});
		});
	}
	return { kind: 'lambda', id: l.id, source: 'kinesis', slots };
}

function lambdaSqsModel(l: LambdaSqsEventSource): LambdaModel {
	return {
		kind: 'lambda',
		id: l.id,
		source: 'sqs',
		pollers: l.target,
		active: l.active,
		slots: l.pollers
			.filter((p) => p.status !== 'retired')
			.map((p, k) => ({
				name: `poller ${k + 1}`,
				busy: p.status === 'invoking',
				size: p.batch.length,
				attempts: 0,
				bisected: false,
				waiting: 0
			}))
	};
}

function firehoseModel(f: FirehoseDeliveryStream): FirehoseModel {
	const c = f.config;
	return {
		kind: 'firehose',
		id: f.id,
		records: f.buffered.records,
		bytes: f.buffered.bytes,
		sizeBytes: c.SizeInMBs * 1024 * 1024,
		intervalMs: c.IntervalInSeconds * 1000,
		...(f.bufferedSince !== undefined ? { since: f.bufferedSince } : {}),
		objects: f.objects().map((o) => ({ key: o.Key, records: o.records, bytes: o.Size, at: o.LastModified }))
	};
}

/** One node's model at the simulation's current time (narrowed on the typed handle, no instanceof). */
function modelOf(node: ServiceNode, sim: Simulation, dots: DotTracker): NodeModel {
	switch (node.type) {
		case 'sqs-queue':
			return queueModel(node);
		case 'consumer':
			return consumerModel(node, dots);
		case 'producer':
			return { kind: 'producer', id: node.id, sent: node.sent };
		case 'sns-topic':
			return topicModel(node);
		case 'kinesis-stream':
			return streamModel(node, sim, dots);
		case 'lambda':
			return node.eventSource === 'kinesis' ? lambdaKinesisModel(node) : lambdaSqsModel(node);
		case 'firehose':
			return firehoseModel(node);
		case 'kinesis-consumer':
			return {
				kind: 'kinesis-consumer',
				id: node.id,
				leases: node.leases.map((l) => ({ shard: l.shard, owner: l.owner, checkpoint: l.checkpoint }))
			};
	}
}

/** Every node's model at the simulation's current time. */
export function nodeModels(sim: Simulation, dots: DotTracker): Map<string, NodeModel> {
	const out = new Map<string, NodeModel>();
	for (const n of sim.nodes.values()) {
		const node = serviceNode(n);
		out.set(n.id, node ? modelOf(node, sim, dots) : { kind: 'other', id: n.id });
	}
	return out;
}
