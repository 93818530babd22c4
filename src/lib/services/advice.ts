// Findings from AWS's own guidance about a scenario's configuration, before (and whatever) it runs: a Lambda
// source queue whose visibility timeout is too short for the function (ESM-SQS-2) or whose maxReceiveCount
// is too low (ESM-SQS-3), a dead-letter queue that keeps messages no longer than its source (SQS-DLQ-3), a
// Lambda or SNS path with nowhere for failures to go (SQS-DLQ-1, ESM-KIN-5, SNS-DLQ-1), a FIFO group hotter
// than its consumers (SQS-FIFO-5, ESM-SQS-6), a Kinesis stream or key over its shards' write limit (KIN-4,
// KIN-12), and dead-letter cycles (SQS-DLQ-1). Each finding names its resource, says why with the AWS page
// it comes from, and how to fix it. Pure: it reads the scenario only, so it runs on a template's import and
// on any ordinary scenario alike; the load it judges is the producers' configured peak rate.

import { formatDuration } from '../engine/duration';
import { dlqCycles } from '../engine/scenario/dlq-cycles';
import type {
	DurationDistribution,
	LambdaSpec,
	ProducerSpec,
	Scenario,
	ScenarioNode,
	SqsQueueSpec
} from '../engine/scenario';
import { templateHotShare } from './consumers/template';
import { scenarioResolver } from './create-node';
import * as KIN from './kinesis/limits';

export type AdviceKind =
	| 'visibility-timeout'
	| 'max-receive-count'
	| 'dlq-retention'
	| 'no-dlq'
	| 'fifo-hot-group'
	| 'kinesis-capacity'
	| 'dlq-cycle';

export type AdviceSeverity = 'error' | 'warning' | 'info';

export interface Advice {
	kind: AdviceKind;
	severity: AdviceSeverity;
	/** The resource: a node id (for an imported template, its logical id). */
	node: string;
	/** Other nodes the finding is about (the function, the dead-letter queue, the ring of a cycle). */
	related: string[];
	title: string;
	/** Why it matters, in the words of the rule. */
	why: string;
	/** The rule of the semantics reference it rests on. */
	rule: string;
	/** The AWS document the advice comes from. */
	source: { title: string; url: string };
	fix: string;
}

const DOCS = {
	lambdaSqs: {
		title: 'AWS Lambda Developer Guide: Configuring an Amazon SQS queue to use with Lambda',
		url: 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html'
	},
	sqsDlq: {
		title: 'Amazon SQS Developer Guide: Using dead-letter queues in Amazon SQS',
		url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html'
	},
	kinesisOnFailure: {
		title: 'AWS Lambda Developer Guide: Retaining discarded batch records for a Kinesis event source',
		url: 'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html'
	},
	snsDlq: {
		title: 'Amazon SNS Developer Guide: Amazon SNS dead-letter queues (DLQs)',
		url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html'
	},
	fifoGroups: {
		title: 'Amazon SQS Developer Guide: Using the message group ID with Amazon SQS FIFO queues',
		url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagegroupid-property.html'
	},
	kinesisLimits: {
		title: 'Amazon Kinesis Data Streams Developer Guide: Quotas and limits',
		url: 'https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html'
	}
} as const;

const SEVERITY_ORDER: Record<AdviceSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Per-message work of a distribution, on average (ms). */
function meanMs(d: DurationDistribution | undefined, fallback: number): number {
	if (!d) return fallback;
	if (d.type === 'fixed') return d.ms;
	if (d.type === 'uniform') return (d.minMs + d.maxMs) / 2;
	return d.meanMs;
}

/** A producer's peak configured rate in messages per second (its Rate and every set-rate action). */
function peakRate(p: ProducerSpec): number {
	const perSecond = (r: ProducerSpec['Rate']) => (r.type === 'burst' ? r.size / r.everySeconds : r.perSecond);
	let peak = perSecond(p.Rate);
	for (const a of p.Actions) if (a.action === 'set-rate') peak = Math.max(peak, perSecond(a.Rate));
	return peak;
}

function rate(n: number): string {
	return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** A load arriving at a node: who sends it, how fast, with which templates. */
interface Load {
	producer: ProducerSpec;
	perSecond: number;
	/** Through a topic, when the load comes by an SNS subscription (before its filter policy). */
	via?: string;
}

/**
 * Every finding about the scenario's configuration, most severe first, then in node order. Unknown
 * references are left to the parser and the models (a finding never guesses at them).
 */
export function adviseScenario(scenario: Scenario): Advice[] {
	const resolve = scenarioResolver(scenario);
	const byId = new Map<string, ScenarioNode>(scenario.nodes.map((n) => [n.id, n]));
	const queue = (ref: string | undefined): SqsQueueSpec | undefined => {
		const n = ref === undefined ? undefined : byId.get(resolve(ref) ?? '');
		return n?.type === 'sqs-queue' ? n : undefined;
	};
	const loads = new Map<string, Load[]>();
	const addLoad = (id: string | undefined, load: Load) => {
		if (id === undefined) return;
		const list = loads.get(id) ?? [];
		list.push(load);
		loads.set(id, list);
	};
	for (const n of scenario.nodes) {
		if (n.type !== 'producer') continue;
		const target = byId.get(resolve(n.target) ?? '');
		if (!target) continue;
		const perSecond = peakRate(n);
		addLoad(target.id, { producer: n, perSecond });
		if (target.type === 'sns-topic')
			for (const s of target.Subscriptions)
				if (s.Protocol === 'sqs') addLoad(queue(s.Endpoint)?.id, { producer: n, perSecond, via: target.id });
	}

	const out: Advice[] = [];
	const lambdas = scenario.nodes.filter((n): n is LambdaSpec => n.type === 'lambda');
	for (const fn of lambdas) {
		const source = byId.get(resolve(fn.source) ?? '');
		if (source?.type === 'sqs-queue') lambdaQueueAdvice(fn, source, out);
		if (source?.type === 'kinesis-stream' && fn.OnFailure === undefined) {
			out.push({
				kind: 'no-dlq',
				severity: 'warning',
				node: fn.id,
				related: [source.id],
				title: `${fn.id} has no on-failure destination`,
				why: `A batch that fails blocks its shard while Lambda retries it (ESM-KIN-3)${fn.MaximumRetryAttempts === -1 && fn.MaximumRecordAgeInSeconds === -1 ? ', here until the records expire from the stream' : ''}; when Lambda gives up, the records are skipped and, with no OnFailure destination, nothing records which ones (ESM-KIN-5).`,
				rule: 'ESM-KIN-5',
				source: DOCS.kinesisOnFailure,
				fix: `Give ${fn.id}'s event source mapping an OnFailure destination (an SQS queue or SNS topic) and bound MaximumRetryAttempts or MaximumRecordAgeInSeconds.`
			});
		}
	}

	for (const n of scenario.nodes) {
		if (n.type === 'sqs-queue' && n.RedrivePolicy) {
			const dlq = queue(n.RedrivePolicy.deadLetterTargetArn);
			if (dlq && dlq.id !== n.id) dlqRetentionAdvice(n, dlq, out);
		}
		if (n.type === 'sns-topic') {
			n.Subscriptions.forEach((s, k) => {
				if (s.RedrivePolicy) return;
				const endpoint = s.Protocol === 'sqs' ? (queue(s.Endpoint)?.id ?? s.Endpoint) : s.Endpoint;
				// AWS-managed endpoints (SQS, Lambda, Firehose) fail only on client-side errors (a deleted
				// endpoint, a policy); customer-managed ones fail whenever the endpoint is down (SNS-RETRY-1..3).
				const managed = s.Protocol === 'sqs' || s.Protocol === 'lambda' || s.Protocol === 'firehose';
				out.push({
					kind: 'no-dlq',
					severity: managed ? 'info' : 'warning',
					node: n.id,
					related: s.Protocol === 'sqs' && byId.has(endpoint) ? [endpoint] : [],
					title: `${n.id}'s ${s.Protocol} subscription ${k + 1} (${endpoint}) has no dead-letter queue`,
					why: `A message SNS cannot deliver is dropped after the delivery retries run out, or at once on a client-side error such as a deleted endpoint or a missing permission (SNS-DLQ-2); only a subscription's own RedrivePolicy keeps it (SNS-DLQ-1).${managed ? ' For an AWS-managed endpoint that takes a client-side error.' : ''}`,
					rule: 'SNS-DLQ-1',
					source: DOCS.snsDlq,
					fix: `Set the subscription's RedrivePolicy to an SQS queue (of the topic's type, in the same account and region).`
				});
			});
		}
		if (n.type === 'sqs-queue' && n.FifoQueue) fifoHotGroupAdvice(n, loads.get(n.id) ?? [], scenario, out);
		if (n.type === 'kinesis-stream') kinesisCapacityAdvice(n, loads.get(n.id) ?? [], out);
	}

	for (const c of dlqCycles(scenario)) {
		const ring = [...c.queues, c.queues[0]].join(' → ');
		out.push({
			kind: 'dlq-cycle',
			severity: 'error',
			node: c.queues[0] as string,
			related: c.queues.slice(1),
			title: `Dead-letter cycle ${ring}`,
			why: 'A message that keeps failing moves round the ring from dead-letter queue to dead-letter queue and never comes to rest where someone can inspect it; AWS accepts the configuration (SQS-DLQ-1).',
			rule: 'SQS-DLQ-1',
			source: DOCS.sqsDlq,
			fix: `Give the last queue of the ring a dead-letter queue of its own outside it, or remove ${c.queues[c.queues.length - 1]}'s RedrivePolicy.`
		});
	}

	const order = new Map(scenario.nodes.map((n, k) => [n.id, k]));
	return out
		.map((a, k) => ({ a, k }))
		.sort(
			(x, y) =>
				SEVERITY_ORDER[x.a.severity] - SEVERITY_ORDER[y.a.severity] ||
				(order.get(x.a.node) ?? 0) - (order.get(y.a.node) ?? 0) ||
				x.k - y.k
		)
		.map((x) => x.a);
}

function lambdaQueueAdvice(fn: LambdaSpec, q: SqsQueueSpec, out: Advice[]): void {
	const vt = q.VisibilityTimeout;
	const timeout = fn.Timeout;
	const window = fn.MaximumBatchingWindowInSeconds;
	const needed = 6 * timeout + window;
	if (vt < needed) {
		out.push({
			kind: 'visibility-timeout',
			severity: 'warning',
			node: q.id,
			related: [fn.id],
			title: `${q.id}'s VisibilityTimeout (${vt} s) is under six times ${fn.id}'s timeout`,
			why: `Lambda keeps a batch in flight while the function runs and retries it; AWS advises a visibility timeout of at least 6 × the function timeout (${timeout} s)${window > 0 ? ` plus the batching window (${window} s)` : ''}, ${needed} s here. Shorter, and messages reappear while they are still being processed or retried, so they are delivered again (ESM-SQS-2).`,
			rule: 'ESM-SQS-2',
			source: DOCS.lambdaSqs,
			fix: `Set ${q.id}'s VisibilityTimeout to at least ${needed} s, or lower ${fn.id}'s Timeout to at most ${Math.floor((vt - window) / 6)} s.`
		});
	}
	if (!q.RedrivePolicy) {
		out.push({
			kind: 'no-dlq',
			severity: 'warning',
			node: q.id,
			related: [fn.id],
			title: `${q.id} feeds ${fn.id} but has no dead-letter queue`,
			why: `A batch that fails, times out or is throttled is not deleted and comes back when its visibility runs out (ESM-SQS-3); the queue's redrive policy is what stops a poison message (SQS-DLQ-1). Without one it is retried until it expires after MessageRetentionPeriod.`,
			rule: 'SQS-DLQ-1',
			source: DOCS.lambdaSqs,
			fix: `Give ${q.id} a RedrivePolicy to a dead-letter queue with maxReceiveCount of at least 5.`
		});
	} else if (q.RedrivePolicy.maxReceiveCount < 5) {
		out.push({
			kind: 'max-receive-count',
			severity: 'warning',
			node: q.id,
			related: [fn.id],
			title: `${q.id}'s maxReceiveCount (${q.RedrivePolicy.maxReceiveCount}) is below 5 for a Lambda source`,
			why: `Every receive counts, also those of batches that were throttled or failed for another message's sake (ESM-SQS-3, ESM-SQS-5), so a healthy message can reach the dead-letter queue after a few unlucky batches. AWS advises a maxReceiveCount of at least 5.`,
			rule: 'ESM-SQS-3',
			source: DOCS.lambdaSqs,
			fix: `Raise ${q.id}'s RedrivePolicy maxReceiveCount to 5 or more.`
		});
	}
}

function dlqRetentionAdvice(source: SqsQueueSpec, dlq: SqsQueueSpec, out: Advice[]): void {
	// SQS-DLQ-3: a FIFO move resets the enqueue timestamp, so the DLQ's full retention applies there; only a
	// standard queue's message keeps counting its age from the first enqueue.
	if (source.FifoQueue) return;
	const src = source.MessageRetentionPeriod;
	const kept = dlq.MessageRetentionPeriod;
	if (kept > src) return;
	out.push({
		kind: 'dlq-retention',
		severity: 'warning',
		node: dlq.id,
		related: [source.id],
		title: `${dlq.id} keeps messages no longer than ${source.id} (${days(kept)} against ${days(src)})`,
		why: `A standard queue's message keeps its original enqueue time when it moves to the dead-letter queue, so it is deleted there once its total age passes the DLQ's retention: a message that spent most of its life in ${source.id} may vanish from ${dlq.id} soon after it arrives, before anyone inspects it (SQS-DLQ-3). AWS: always set the retention period of a dead-letter queue to be longer than that of the original queue.`,
		rule: 'SQS-DLQ-3',
		source: DOCS.sqsDlq,
		fix: `Set ${dlq.id}'s MessageRetentionPeriod above ${src} s (14 days, 1209600 s, is the most).`
	});
}

function days(s: number): string {
	return s % 86400 === 0 ? `${s / 86400} d` : s % 3600 === 0 ? `${s / 3600} h` : `${s} s`;
}

/** Messages per second one group can move through its consumers: one at a time, in order (SQS-FIFO-5). */
function groupCapacity(queueId: string, scenario: Scenario): { perSecond: number; by: string } | undefined {
	const resolve = scenarioResolver(scenario);
	let best: { perSecond: number; by: string } | undefined;
	for (const n of scenario.nodes) {
		if ((n.type !== 'consumer' && n.type !== 'lambda') || resolve(n.source) !== queueId) continue;
		// A group's messages are processed one after another whoever holds them: the per-message work bounds
		// it (plus, for a polling consumer, a receive and a delete call per batch, not counted: a lower bound).
		const ms = meanMs(n.ProcessingTime, n.type === 'consumer' ? 100 : 50);
		const perSecond = ms > 0 ? 1000 / ms : Number.POSITIVE_INFINITY;
		if (!best || perSecond > best.perSecond) best = { perSecond, by: n.id };
	}
	return best;
}

function fifoHotGroupAdvice(q: SqsQueueSpec, loads: Load[], scenario: Scenario, out: Advice[]): void {
	const capacity = groupCapacity(q.id, scenario);
	if (!capacity) return;
	for (const l of loads) {
		const template = l.producer.MessageGroupId;
		if (template === undefined) continue; // a send without a group fails (SQS-FIFO-2)
		const share = templateHotShare(template);
		if (share === undefined) continue; // a group per message: no group is hot
		const hot = l.perSecond * share;
		if (hot <= capacity.perSecond) continue;
		out.push({
			kind: 'fifo-hot-group',
			severity: 'warning',
			node: q.id,
			related: [l.producer.id, capacity.by],
			title: `${q.id}: one message group gets ${rate(hot)} messages/s, its consumers finish ${rate(capacity.perSecond)}/s`,
			why: `${l.producer.id} sends ${rate(l.perSecond)} messages/s${l.via ? ` through ${l.via}` : ''} ${share === 1 ? 'in a single message group' : `, ${percent(share)} of them in its busiest message group`} (MessageGroupId ${JSON.stringify(template)}). A FIFO queue hands out a group's next message only after the one before it is deleted (SQS-FIFO-5, ESM-SQS-6), so a group moves at the speed of one consumer however many there are: ${capacity.by} takes about ${rate(1000 / capacity.perSecond)} ms a message. The group's backlog grows by about ${rate(hot - capacity.perSecond)} messages/s.`,
			rule: 'SQS-FIFO-5',
			source: DOCS.fifoGroups,
			fix: `Spread the messages over more groups (a MessageGroupId per customer or order, not one for all), or make ${capacity.by}'s processing faster.`
		});
	}
}

function kinesisCapacityAdvice(
	s: Extract<ScenarioNode, { type: 'kinesis-stream' }>,
	loads: Load[],
	out: Advice[]
): void {
	if (loads.length === 0) return;
	let records = 0;
	let bytes = 0;
	let hot: { load: Load; perSecond: number; bytes: number; share: number } | undefined;
	for (const l of loads) {
		const size = recordBytes(l.producer);
		records += l.perSecond;
		bytes += l.perSecond * size;
		// A partition key template with few values puts each value's share on one shard (KIN-1).
		const share = l.producer.PartitionKey ? templateHotShare(l.producer.PartitionKey) : undefined;
		if (share !== undefined) {
			const perKey = l.perSecond * share;
			if (!hot || perKey > hot.perSecond) hot = { load: l, perSecond: perKey, bytes: perKey * size, share };
		}
	}
	const onDemand = s.StreamMode === 'ON_DEMAND';
	const shards = s.ShardCount;
	const need = Math.max(
		Math.ceil(records / KIN.WRITE_RECORDS_PER_S),
		Math.ceil(bytes / KIN.WRITE_BYTES_PER_S)
	);
	if (!onDemand && need > shards) {
		// Resharding during the run (KIN-11) may bring the open shards up to what the load needs.
		let open = shards;
		let enoughAt: number | undefined;
		for (const a of [...s.Actions].sort((x, y) => x.atMs - y.atMs)) {
			open = a.action === 'split' ? open + 1 : a.action === 'merge' ? open - 1 : a.TargetShardCount;
			if (open >= need && enoughAt === undefined) enoughAt = a.atMs;
			if (open < need) enoughAt = undefined;
		}
		out.push({
			kind: 'kinesis-capacity',
			severity: enoughAt === undefined ? 'warning' : 'info',
			node: s.id,
			related: loads.map((l) => l.producer.id),
			title: `${s.id} needs ${need} shards for its load; it has ${shards}${enoughAt === undefined ? '' : ` until it reshards at ${formatDuration(enoughAt)}`}`,
			why: `Its producers write about ${rate(records)} records/s and ${mib(bytes)}/s; each shard takes at most ${KIN.WRITE_RECORDS_PER_S} records/s or 1 MiB/s, whichever comes first, and rejects the rest with ProvisionedThroughputExceededException (KIN-4).`,
			rule: 'KIN-4',
			source: DOCS.kinesisLimits,
			fix: `Raise ${s.id}'s ShardCount to at least ${need}, or switch StreamMode to ON_DEMAND.`
		});
	}
	if (hot && (hot.perSecond > KIN.WRITE_RECORDS_PER_S || hot.bytes > KIN.WRITE_BYTES_PER_S)) {
		out.push({
			kind: 'kinesis-capacity',
			severity: 'warning',
			node: s.id,
			related: [hot.load.producer.id],
			title: `${s.id}: one partition key gets ${rate(hot.perSecond)} records/s (${mib(hot.bytes)}/s), more than a shard takes`,
			why: `${hot.load.producer.id}'s PartitionKey ${JSON.stringify(hot.load.producer.PartitionKey)} ${hot.share === 1 ? 'has one value' : `gives its most common value ${percent(hot.share)} of the records`}; a key always hashes to the same shard (KIN-1), which takes ${KIN.WRITE_RECORDS_PER_S} records/s or 1 MiB/s (KIN-4)${onDemand ? ', also on an on-demand stream (KIN-12)' : ''}. More shards do not help a hot key.`,
			rule: 'KIN-4',
			source: DOCS.kinesisLimits,
			fix: `Use a partition key with many values (an id per device or user), or spread the hot key with a suffix.`
		});
	}
}

/** A producer's record size on a stream: PayloadBytes, or the body template rendered at a large n; plus the key. */
function recordBytes(p: ProducerSpec): number {
	const body = p.PayloadBytes ?? utf8Length((p.Body ?? 'message {n}').replace(/\{[^}]*\}/g, '1000000'));
	const key = p.PartitionKey ? utf8Length(p.PartitionKey.replace(/\{[^}]*\}/g, '1000000')) : 36;
	return body + key;
}

function utf8Length(s: string): number {
	return new TextEncoder().encode(s).length;
}

function percent(share: number): string {
	return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

function mib(bytes: number): string {
	return bytes >= KIN.MiB ? `${(bytes / KIN.MiB).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}
