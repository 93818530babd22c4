// ESM-SQS-8 / ESM-KIN-8: the events Lambda hands a function (lambda-events.ts), and a mapping's lastEvent();
// ESM-SQS-1: an SQS batch stops growing before its event's JSON would pass 6 MB.
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import {
	eventBytes,
	jsonBytes,
	kinesisEvent,
	MAX_EVENT_BYTES,
	sqsEvent,
	sqsRecord
} from '$lib/services/consumers/lambda-events';
import type { LambdaSqsEventSource } from '$lib/services/consumers/lambda-sqs';
import type { LambdaKinesisEventSource } from '$lib/services/consumers/lambda-kinesis';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:q.fifo';

describe('ESM-SQS-8: SQS event shape', () => {
	const message = {
		messageId: 'm-1',
		receiptHandle: 'AQEBhandle',
		body: 'hello',
		md5OfBody: '5d41402abc4b2a76b9719d911017c592',
		receiveCount: 2,
		sentTimestamp: 1767225600123,
		senderId: 'AIDAEXAMPLE',
		firstReceiveTimestamp: 1767225601000,
		messageGroupId: 'g',
		messageDeduplicationId: 'd',
		sequenceNumber: '18849496460467696128',
		messageAttributes: {
			s: { DataType: 'String', StringValue: 'v' },
			b: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) }
		}
	};

	it('ESM-SQS-8: a FIFO record carries the documented fields, attributes as strings, Lambda-style message attributes', () => {
		expect(sqsEvent([message], { queueArn: QUEUE_ARN, fifo: true })).toEqual({
			Records: [
				{
					messageId: 'm-1',
					receiptHandle: 'AQEBhandle',
					body: 'hello',
					attributes: {
						ApproximateReceiveCount: '2',
						SentTimestamp: '1767225600123',
						SenderId: 'AIDAEXAMPLE',
						ApproximateFirstReceiveTimestamp: '1767225601000',
						MessageGroupId: 'g',
						MessageDeduplicationId: 'd',
						SequenceNumber: '18849496460467696128'
					},
					messageAttributes: {
						s: { stringValue: 'v', stringListValues: [], binaryListValues: [], dataType: 'String' },
						b: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' }
					},
					md5OfBody: '5d41402abc4b2a76b9719d911017c592',
					eventSource: 'aws:sqs',
					eventSourceARN: QUEUE_ARN,
					awsRegion: 'us-east-1'
				}
			]
		});
	});

	it('ESM-SQS-8: a standard queue record has no FIFO attributes and an empty messageAttributes', () => {
		const { messageAttributes: _, ...plain } = message;
		const record = sqsRecord(plain, { queueArn: 'arn:aws:sqs:us-east-1:000000000000:q', fifo: false });
		expect(Object.keys(record.attributes).sort()).toEqual([
			'ApproximateFirstReceiveTimestamp',
			'ApproximateReceiveCount',
			'SenderId',
			'SentTimestamp'
		]);
		expect(record.messageAttributes).toEqual({});
	});

	it('ESM-SQS-1: eventBytes adds up record sizes to exactly the JSON size of the whole event', () => {
		const source = { queueArn: QUEUE_ARN, fifo: true };
		const batch = [message, { ...message, messageId: 'm-2', body: 'héllo "quoted"' }, message];
		const sizes = batch.map((m) => jsonBytes(sqsRecord(m, source)));
		const total = sizes.reduce((a, b) => a + b, 0);
		expect(eventBytes(batch.length, total)).toBe(jsonBytes(sqsEvent(batch, source)));
		expect(eventBytes(0, 0)).toBe(jsonBytes(sqsEvent([], source)));
	});
});

describe('ESM-KIN-8: Kinesis event shape', () => {
	it('ESM-KIN-8: a record carries kinesis {schema 1.0, key, sequence, base64 data, arrival in epoch seconds} and its ids', () => {
		const seq = '49590338271490256608559692538361571095921575989136588898';
		const event = kinesisEvent(
			[
				{
					partitionKey: 'k',
					sequenceNumber: seq,
					data: new TextEncoder().encode('Hello, world'),
					approximateArrivalTimestamp: 1767225600123
				}
			],
			{
				shardId: 'shardId-000000000000',
				streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
				invokeIdentityArn: 'arn:aws:iam::000000000000:role/fn-role'
			}
		);
		expect(event).toEqual({
			Records: [
				{
					kinesis: {
						kinesisSchemaVersion: '1.0',
						partitionKey: 'k',
						sequenceNumber: seq,
						data: 'SGVsbG8sIHdvcmxk',
						approximateArrivalTimestamp: 1767225600.123
					},
					eventSource: 'aws:kinesis',
					eventID: `shardId-000000000000:${seq}`,
					eventName: 'aws:kinesis:record',
					invokeIdentityArn: 'arn:aws:iam::000000000000:role/fn-role',
					awsRegion: 'us-east-1',
					eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s'
				}
			]
		});
	});
});

function sqsRun(lambda: Record<string, unknown>, producer: Record<string, unknown>, queue = {}) {
	const mem = new MemorySink();
	const sim = createSimulation(
		loadScenario({
			version: 1,
			name: 'event shapes',
			seed: 4,
			durationMs: 30_000,
			nodes: [
				{
					id: 'p',
					type: 'producer',
					target: 'q',
					Rate: { type: 'fixed', perSecond: 1000 },
					LatencyMs: 0,
					...producer
				},
				{ id: 'q', type: 'sqs-queue', ...queue },
				{ id: 'fn', type: 'lambda', source: 'q', StartAtMs: 2000, Timeout: 60, ...lambda }
			]
		}),
		{ sinks: [mem] }
	);
	sim.run();
	return { sim, events: mem.events as TraceEvent[], fn: sim.nodes.get('fn') as LambdaSqsEventSource };
}

describe('ESM-SQS-8 / ESM-KIN-8: lastEvent()', () => {
	it('ESM-SQS-8: an SQS mapping keeps the event of its most recent invocation, with the queue attributes', () => {
		const { fn, events } = sqsRun(
			{ BatchSize: 10 },
			{
				Count: 3,
				Body: 'hello {n}',
				MessageAttributes: { colour: { DataType: 'String', StringValue: 'blue' } }
			}
		);
		const invoked = events.filter((e) => e.type === 'batch-invoked' && e.node === 'fn');
		expect(invoked).toHaveLength(1);
		const event = fn.lastEvent() as { Records: Record<string, unknown>[] };
		expect(event.Records.map((r) => r.body)).toEqual(['hello 1', 'hello 2', 'hello 3']);
		const received = events.filter((e) => e.type === 'processing-started' && e.node === 'fn');
		expect(event.Records.map((r) => r.messageId)).toEqual(received.map((e) => e.msg));
		for (const r of event.Records) {
			expect(r).toMatchObject({
				eventSource: 'aws:sqs',
				eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
				awsRegion: 'us-east-1',
				messageAttributes: {
					colour: { stringValue: 'blue', stringListValues: [], binaryListValues: [], dataType: 'String' }
				},
				attributes: expect.objectContaining({ ApproximateReceiveCount: '1' })
			});
			expect(r.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
		}
	});

	it('ESM-SQS-8: a FIFO source adds MessageGroupId, MessageDeduplicationId and SequenceNumber', () => {
		const { fn } = sqsRun(
			{ BatchSize: 10 },
			{ Count: 2, Body: 'f {n}', MessageGroupId: 'g1', MessageDeduplicationId: 'd-{n}' },
			{ FifoQueue: true, QueueName: 'q.fifo' }
		);
		const event = fn.lastEvent() as { Records: { attributes: Record<string, string> }[] };
		expect(event.Records).toHaveLength(2);
		for (const r of event.Records) {
			expect(r.attributes.MessageGroupId).toBe('g1');
			expect(r.attributes.MessageDeduplicationId).toMatch(/^d-\d$/);
			expect(r.attributes.SequenceNumber).toMatch(/^\d+$/);
		}
	});

	it('ESM-KIN-8: a Kinesis mapping keeps the event of its most recent invocation only', () => {
		const mem = new MemorySink();
		const sim = createSimulation(
			loadScenario({
				version: 1,
				name: 'kinesis event',
				seed: 4,
				durationMs: 20_000,
				nodes: [
					{
						id: 'p',
						type: 'producer',
						target: 's',
						Rate: { type: 'fixed', perSecond: 1 },
						Count: 3,
						Body: 'k {n}',
						PartitionKey: 'key',
						LatencyMs: 0
					},
					{ id: 's', type: 'kinesis-stream', ShardCount: 1 },
					{ id: 'fn', type: 'lambda', source: 's' }
				]
			}),
			{ sinks: [mem] }
		);
		const fn = sim.nodes.get('fn') as LambdaKinesisEventSource;
		expect(fn.lastEvent()).toBeUndefined();
		sim.run();
		const events = mem.events as TraceEvent[];
		const puts = events.filter((e) => e.type === 'record-put');
		const invoked = events.filter((e) => e.type === 'batch-invoked' && e.node === 'fn');
		expect(invoked.length).toBeGreaterThan(1);
		const event = fn.lastEvent() as { Records: { kinesis: Record<string, unknown>; eventID: string }[] };
		// The last invocation held the last record only.
		expect(event.Records).toHaveLength(1);
		const [r] = event.Records;
		const last = puts[puts.length - 1];
		expect(r?.kinesis.sequenceNumber).toBe(last?.msg);
		expect(r?.kinesis.data).toBe(btoa('k 3'));
		expect(r?.kinesis.approximateArrivalTimestamp).toBe((1767225600000 + (last?.t ?? 0)) / 1000);
		expect(r?.eventID).toBe(`shardId-000000000000:${last?.msg}`);
		// The event is not in the trace.
		expect(JSON.stringify(events)).not.toContain('aws:kinesis:record');
	});
});

describe('ESM-SQS-1: the 6 MB payload cap', () => {
	it('ESM-SQS-1: a batch stops growing before its event JSON would pass 6,291,456 bytes; the rest start the next batch', () => {
		const { events, fn } = sqsRun(
			{ BatchSize: 100, MaximumBatchingWindowInSeconds: 5, MaximumConcurrency: 2 },
			{ Count: 60, Body: 'big {n}', PayloadBytes: 250_000 }
		);
		const sizes = events
			.filter(
				(e): e is Extract<TraceEvent, { type: 'batch-invoked' }> =>
					e.type === 'batch-invoked' && e.node === 'fn'
			)
			.map((e) => e.size);
		// Each record's JSON is a little over 250,000 bytes: 25 fit in 6 MB, 26 do not. Two pollers share the
		// 60 messages, so each fills a batch of 25 and carries the rest into its next batch.
		expect(Math.max(...sizes)).toBe(25);
		expect(sizes.filter((n) => n === 25)).toHaveLength(2);
		expect(sizes.reduce((a, b) => a + b, 0)).toBe(60);
		const processed = events.filter((e) => e.type === 'processed' && e.node === 'fn' && e.ok);
		expect(new Set(processed.map((e) => e.msg)).size).toBe(60);
		const last = fn.lastEvent() as { Records: unknown[] };
		expect(jsonBytes(last)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
		expect(last.Records.length).toBeLessThan(25);
		expect(MAX_EVENT_BYTES).toBe(6_291_456);
	});

	it('ESM-SQS-1: small messages are not capped by payload: batches grow past what 6 MB of big ones allow', () => {
		const { events } = sqsRun(
			{ BatchSize: 100, MaximumBatchingWindowInSeconds: 5, MaximumConcurrency: 2 },
			{ Count: 100, Body: 'small {n}' }
		);
		const sizes = events.flatMap((e) => (e.type === 'batch-invoked' && e.node === 'fn' ? [e.size] : []));
		expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
		expect(Math.max(...sizes)).toBeGreaterThan(25);
	});
});
