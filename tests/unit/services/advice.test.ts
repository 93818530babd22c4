// Findings from AWS's guidance about a scenario's configuration (#17): each rule fires on the configuration
// AWS warns about and stays quiet on the one it recommends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importTemplate } from '$lib/cfn';
import { adviseScenario, loadScenario, type Advice } from '$lib/services';
import { templateHotShare } from '$lib/services/consumers/template';

function advise(nodes: unknown[]): Advice[] {
	return adviseScenario(loadScenario({ version: 1, name: 't', seed: 1, durationMs: 10_000, nodes }));
}
const kinds = (a: Advice[]) => a.map((x) => `${x.kind}:${x.node}`);

const lambdaOn = (source: string, extra: Record<string, unknown> = {}) => ({
	id: 'fn',
	type: 'lambda',
	source,
	...extra
});
const dlq = { id: 'dlq', type: 'sqs-queue', MessageRetentionPeriod: 1_209_600 };

describe('ESM-SQS-2: a Lambda source queue needs a visibility timeout of 6 × the function timeout', () => {
	it('warns when VisibilityTimeout is under 6 × Timeout (plus the batching window)', () => {
		const a = advise([
			{
				id: 'q',
				type: 'sqs-queue',
				VisibilityTimeout: 60,
				RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 5 }
			},
			dlq,
			lambdaOn('q', { Timeout: 10, BatchSize: 20, MaximumBatchingWindowInSeconds: 5 })
		]);
		const f = a.find((x) => x.kind === 'visibility-timeout');
		expect(f).toMatchObject({ node: 'q', severity: 'warning', rule: 'ESM-SQS-2', related: ['fn'] });
		expect(f?.why).toMatch(/65 s/);
		expect(f?.fix).toMatch(/at least 65 s/);
		expect(f?.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/lambda\//);
	});
	it('is quiet at exactly 6 × Timeout, and for a polling consumer', () => {
		const ok = [
			{
				id: 'q',
				type: 'sqs-queue',
				VisibilityTimeout: 60,
				RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 5 }
			},
			dlq
		];
		expect(kinds(advise([...ok, lambdaOn('q', { Timeout: 10 })]))).toEqual([]);
		expect(kinds(advise([...ok, { id: 'c', type: 'consumer', source: 'q' }]))).toEqual([]);
	});
	it('uses the queue default of 30 s and the function default of 3 s', () => {
		expect(
			kinds(
				advise([
					{ id: 'q', type: 'sqs-queue', RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 5 } },
					dlq,
					lambdaOn('q', { Timeout: 6 })
				])
			)
		).toEqual(['visibility-timeout:q']);
		expect(
			kinds(
				advise([
					{ id: 'q', type: 'sqs-queue', RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 5 } },
					dlq,
					lambdaOn('q')
				])
			)
		).toEqual([]);
	});
});

describe('ESM-SQS-3: maxReceiveCount of at least 5 on a Lambda source queue', () => {
	it('warns below 5, not at 5, and not on a queue only a polling consumer reads', () => {
		const q = (n: number) => ({
			id: 'q',
			type: 'sqs-queue',
			VisibilityTimeout: 60,
			RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: n }
		});
		expect(advise([q(4), dlq, lambdaOn('q')]).find((x) => x.kind === 'max-receive-count')).toMatchObject({
			node: 'q',
			rule: 'ESM-SQS-3',
			severity: 'warning'
		});
		expect(kinds(advise([q(5), dlq, lambdaOn('q')]))).toEqual([]);
		expect(kinds(advise([q(1), dlq, { id: 'c', type: 'consumer', source: 'q' }]))).toEqual([]);
	});
	it('SQS-DLQ-1: a Lambda source queue with no redrive policy has nowhere for a poison message to go', () => {
		const a = advise([{ id: 'q', type: 'sqs-queue', VisibilityTimeout: 60 }, lambdaOn('q')]);
		expect(a.find((x) => x.kind === 'no-dlq')).toMatchObject({
			node: 'q',
			related: ['fn'],
			rule: 'SQS-DLQ-1'
		});
	});
});

describe('SQS-DLQ-3: a dead-letter queue keeps messages longer than its source', () => {
	const src = (retention: number, fifo = false) => ({
		id: fifo ? 'src.fifo' : 'src',
		type: 'sqs-queue',
		FifoQueue: fifo,
		MessageRetentionPeriod: retention,
		RedrivePolicy: { deadLetterTargetArn: fifo ? 'd.fifo' : 'd', maxReceiveCount: 5 }
	});
	it('warns when the DLQ retention is equal or shorter (the defaults are both 4 days)', () => {
		expect(
			advise([src(345_600), { id: 'd', type: 'sqs-queue' }]).map((x) => [x.kind, x.node, x.related])
		).toEqual([['dlq-retention', 'd', ['src']]]);
		expect(
			kinds(advise([src(86_400), { id: 'd', type: 'sqs-queue', MessageRetentionPeriod: 3600 }]))
		).toEqual(['dlq-retention:d']);
	});
	it('is quiet when it is longer, and for FIFO (the move resets the enqueue time)', () => {
		expect(
			kinds(advise([src(345_600), { id: 'd', type: 'sqs-queue', MessageRetentionPeriod: 345_601 }]))
		).toEqual([]);
		expect(kinds(advise([src(345_600, true), { id: 'd.fifo', type: 'sqs-queue', FifoQueue: true }]))).toEqual(
			[]
		);
	});
});

describe('no dead-letter queue or on-failure destination on a Lambda or SNS path', () => {
	it('ESM-KIN-5: a Kinesis Lambda without OnFailure', () => {
		const stream = { id: 's', type: 'kinesis-stream' };
		const a = advise([stream, lambdaOn('s')]);
		expect(a).toHaveLength(1);
		expect(a[0]).toMatchObject({ kind: 'no-dlq', node: 'fn', related: ['s'], rule: 'ESM-KIN-5' });
		expect(a[0]?.why).toMatch(/until the records expire/);
		expect(
			kinds(advise([stream, lambdaOn('s', { OnFailure: 'f' }), { id: 'f', type: 'sqs-queue' }]))
		).toEqual([]);
	});
	it('SNS-DLQ-1: a subscription without a RedrivePolicy; a warning for customer-managed endpoints', () => {
		const a = advise([
			{
				id: 't',
				type: 'sns-topic',
				Subscriptions: [
					{ Protocol: 'sqs', Endpoint: 'q' },
					{ Protocol: 'https', Endpoint: 'https://example.com/hook' },
					{ Protocol: 'sqs', Endpoint: 'q2', RedrivePolicy: { deadLetterTargetArn: 'd' } }
				]
			},
			{ id: 'q', type: 'sqs-queue' },
			{ id: 'q2', type: 'sqs-queue' },
			{ id: 'd', type: 'sqs-queue' }
		]);
		expect(a.map((x) => [x.kind, x.severity, x.rule])).toEqual([
			['no-dlq', 'warning', 'SNS-DLQ-1'],
			['no-dlq', 'info', 'SNS-DLQ-1']
		]);
		expect(a[0]?.title).toMatch(/https subscription 2/);
		expect(a[1]?.related).toEqual(['q']);
	});
});

describe('SQS-FIFO-5: a FIFO group hotter than one consumer can drain', () => {
	const fifo = { id: 'o.fifo', type: 'sqs-queue', FifoQueue: true, Nondeterminism: 'off' };
	const producer = (perSecond: number, group: string) => ({
		id: 'p',
		type: 'producer',
		target: 'o.fifo',
		Rate: { type: 'fixed', perSecond },
		MessageGroupId: group,
		MessageDeduplicationId: 'p-{n}'
	});
	const consumer = {
		id: 'c',
		type: 'consumer',
		source: 'o.fifo',
		Workers: 10,
		ProcessingTime: { type: 'fixed', ms: 100 }
	};
	it('warns when the busiest group gets more than 1 / processing time, however many workers', () => {
		const a = advise([producer(20, 'all'), fifo, consumer]);
		expect(a.map((x) => [x.kind, x.node, x.rule])).toEqual([['fifo-hot-group', 'o.fifo', 'SQS-FIFO-5']]);
		expect(a[0]?.title).toMatch(/20\.0 messages\/s.*10\.0\/s/);
		// {pick:a|a|a|b}: the busiest group takes 3/4 of 12/s = 9/s, under 10/s.
		expect(kinds(advise([producer(12, '{pick:a|a|a|b}'), fifo, consumer]))).toEqual([]);
		expect(kinds(advise([producer(16, '{pick:a|a|a|b}'), fifo, consumer]))).toEqual([
			'fifo-hot-group:o.fifo'
		]);
	});
	it('is quiet with a group per message or spread groups, and through an SNS FIFO topic it counts too', () => {
		expect(kinds(advise([producer(500, 'g-{n}'), fifo, consumer]))).toEqual([]);
		expect(kinds(advise([producer(50, '{n%10}'), fifo, consumer]))).toEqual([]);
		const viaTopic = advise([
			{ ...producer(20, 'all'), target: 't.fifo' },
			{
				id: 't.fifo',
				type: 'sns-topic',
				FifoTopic: true,
				Subscriptions: [
					{ Protocol: 'sqs', Endpoint: 'o.fifo', RedrivePolicy: { deadLetterTargetArn: 'd.fifo' } }
				]
			},
			fifo,
			{ id: 'd.fifo', type: 'sqs-queue', FifoQueue: true },
			consumer
		]);
		expect(viaTopic.find((x) => x.kind === 'fifo-hot-group')?.why).toMatch(/through t\.fifo/);
	});
});

describe('KIN-4: a Kinesis stream whose shards cannot carry the load', () => {
	const producer = (perSecond: number, extra: Record<string, unknown> = {}) => ({
		id: 'p',
		type: 'producer',
		target: 's',
		Rate: { type: 'fixed', perSecond },
		...extra
	});
	it('counts records (1,000/s a shard) and bytes (1 MiB/s a shard)', () => {
		expect(advise([producer(2500), { id: 's', type: 'kinesis-stream', ShardCount: 2 }])[0]?.title).toBe(
			's needs 3 shards for its load; it has 2'
		);
		expect(kinds(advise([producer(2500), { id: 's', type: 'kinesis-stream', ShardCount: 3 }]))).toEqual([]);
		const big = advise([
			producer(300, { PayloadBytes: 10_000 }),
			{ id: 's', type: 'kinesis-stream', ShardCount: 2 }
		]);
		expect(big[0]?.title).toBe('s needs 3 shards for its load; it has 2');
	});
	it('KIN-11: resharding during the run to enough shards makes it information, not a warning', () => {
		const a = advise([
			producer(1500),
			{
				id: 's',
				type: 'kinesis-stream',
				ShardCount: 1,
				Actions: [{ action: 'split', atMs: 5000, ShardToSplit: 'shardId-000000000000' }]
			}
		]);
		expect(a[0]).toMatchObject({ severity: 'info', kind: 'kinesis-capacity' });
		expect(a[0]?.title).toMatch(/until it reshards at 5s/);
	});
	it('KIN-1: a hot partition key is over one shard even when the stream has enough, on demand too (KIN-12)', () => {
		const hot = producer(1200, { PartitionKey: 'device-1' });
		for (const stream of [
			{ id: 's', type: 'kinesis-stream', ShardCount: 8 },
			{ id: 's', type: 'kinesis-stream', StreamMode: 'ON_DEMAND' }
		]) {
			const a = advise([hot, stream]);
			expect(a.map((x) => x.kind)).toEqual(['kinesis-capacity']);
			expect(a[0]?.title).toMatch(/one partition key gets 1200 records\/s/);
		}
		expect(
			kinds(
				advise([
					producer(1200, { PartitionKey: '{n%4}' }),
					{ id: 's', type: 'kinesis-stream', ShardCount: 8 }
				])
			)
		).toEqual([]);
	});
});

describe('SQS-DLQ-1: dead-letter cycles', () => {
	it('is an error naming the ring', () => {
		const a = advise([
			{
				id: 'a',
				type: 'sqs-queue',
				RedrivePolicy: { deadLetterTargetArn: 'b', maxReceiveCount: 5 },
				MessageRetentionPeriod: 100
			},
			{
				id: 'b',
				type: 'sqs-queue',
				RedrivePolicy: { deadLetterTargetArn: 'a', maxReceiveCount: 5 },
				MessageRetentionPeriod: 200
			}
		]);
		expect(a[0]).toMatchObject({ kind: 'dlq-cycle', severity: 'error', node: 'a', related: ['b'] });
		expect(a[0]?.title).toBe('Dead-letter cycle a → b → a');
	});
});

describe('findings order and sources', () => {
	it('most severe first; every finding has a why, a fix and an AWS document', () => {
		const text = readFileSync('templates/order-fanout.yaml', 'utf8');
		const a = adviseScenario(loadScenario(importTemplate(text, {}).scenario));
		expect(a.map((x) => `${x.kind}:${x.node}`)).toEqual([
			'max-receive-count:EuOrdersQueue',
			'visibility-timeout:BigOrdersQueue',
			'max-receive-count:BigOrdersQueue',
			'dlq-retention:BigOrdersDlq',
			'no-dlq:OrdersTopic',
			'no-dlq:OrdersTopic'
		]);
		for (const f of a) {
			expect(f.why.length).toBeGreaterThan(40);
			expect(f.fix.length).toBeGreaterThan(10);
			expect(f.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
			expect(f.rule).toMatch(/^[A-Z]+(-[A-Z]+)*-\d+$/);
		}
		// prod sizes the queue's maxReceiveCount at 5: that finding goes.
		const prod = adviseScenario(
			loadScenario(importTemplate(text, { params: { Environment: 'prod' } }).scenario)
		);
		expect(prod.map((x) => `${x.kind}:${x.node}`)).not.toContain('max-receive-count:EuOrdersQueue');
	});
});

describe('templateHotShare', () => {
	it('is the share of the most common rendered value', () => {
		expect(templateHotShare('fixed')).toBe(1);
		expect(templateHotShare('{n%4}')).toBe(0.25);
		expect(templateHotShare('{rand:10}')).toBe(0.1);
		expect(templateHotShare('{pick:a|a|a|b}')).toBe(0.75);
		expect(templateHotShare('{cycle:a|b}-{n%2}')).toBe(0.25);
		expect(templateHotShare('id-{n}')).toBeUndefined();
	});
});
