// Operator actions on an SQS queue: send-message (SendMessage's rules: SQS-STD-8/-10, SQS-FIFO-2/-3/-7) and
// make-poison (every later processing of that origin fails; SQS-DLQ-1 then moves it on), plus the move task
// (SQS-DLQ-4), which now traces its operator action too (docs/ARCHITECTURE.md "Operator actions").
import { describe, expect, it } from 'vitest';
import { MemorySink } from '$lib/engine';
import { createSimulation, SqsQueue } from '$lib/services';
import { run, scenarioOf, type Json } from '../shared/action-helpers';

describe('send-message', () => {
	const fifo: Json = {
		id: 'orders.fifo',
		type: 'sqs-queue',
		FifoQueue: true,
		Actions: [
			{
				action: 'send-message',
				atMs: 1000,
				MessageBody: 'hello',
				MessageGroupId: 'acme',
				MessageDeduplicationId: 'd-1',
				MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } }
			}
		]
	};

	it('SQS-FIFO-2/-10: the message arrives at atMs with its attributes, group and deduplication id', () => {
		const mem = new MemorySink();
		const sim = createSimulation(scenarioOf([fifo], { durationMs: 5000 }), { sinks: [mem] });
		sim.run();
		const origin = 'op-0@orders.fifo';
		const action = mem.events.find((e) => e.type === 'operator-action');
		expect(action).toMatchObject({
			t: 1000,
			node: 'orders.fifo',
			origin,
			action: 'send-message',
			index: 0,
			cause: 'operator',
			params: {
				MessageBody: 'hello',
				MessageGroupId: 'acme',
				MessageDeduplicationId: 'd-1',
				MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } }
			}
		});
		const enqueued = mem.events.filter((e) => e.type === 'enqueued');
		expect(enqueued).toHaveLength(1);
		expect(enqueued[0]).toMatchObject({ t: 1000, origin, from: 'operator', groupId: 'acme', dedupId: 'd-1' });
		const q = sim.nodes.get('orders.fifo') as SqsQueue;
		const out = q.receiveMessage(
			{ MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] },
			{ by: 'test', withOrigin: true }
		);
		expect(out.kind).toBe('done');
		const m = out.kind === 'done' ? out.output.Messages?.[0] : undefined;
		expect(m).toMatchObject({
			Body: 'hello',
			origin,
			MessageAttributes: { color: { DataType: 'String', StringValue: 'red' } },
			Attributes: { MessageGroupId: 'acme', MessageDeduplicationId: 'd-1', SenderId: expect.any(String) }
		});
	});

	it('SQS-STD-8: a per-message delay on a standard queue hides the message for DelaySeconds', () => {
		const r = run(
			[
				{
					id: 'q',
					type: 'sqs-queue',
					Nondeterminism: 'off',
					Actions: [{ action: 'send-message', atMs: 2000, MessageBody: 'later', DelaySeconds: 5 }]
				},
				{ id: 'c', type: 'consumer', source: 'q', LatencyMs: 0 }
			],
			{ durationMs: 10_000 }
		);
		expect(r.of('enqueued').map((e) => [e.t, e.visibleAt, e.cause])).toEqual([[2000, 7000, 'delay']]);
		expect(r.of('delay-elapsed').map((e) => e.t)).toEqual([7000]);
		expect(r.of('received').map((e) => [e.t, e.origin])).toEqual([[7000, 'op-0@q']]);
	});

	it("SendMessage's rules at send time: a rejected send is traced as produce-failed and the run goes on", () => {
		const r = run(
			[
				{
					id: 'q',
					type: 'sqs-queue',
					MaximumMessageSize: 1024,
					Nondeterminism: 'off',
					Actions: [
						{ action: 'send-message', atMs: 100, MessageBody: 'x'.repeat(2000) },
						{ action: 'send-message', atMs: 200, MessageBody: 'bad \u0000 char' },
						{
							action: 'send-message',
							atMs: 300,
							MessageBody: 'too many attributes',
							MessageAttributes: Object.fromEntries(
								Array.from({ length: 11 }, (_, k) => [`a${k}`, { DataType: 'String', StringValue: 'v' }])
							)
						},
						{ action: 'send-message', atMs: 400, MessageBody: 'fine' }
					]
				}
			],
			{ durationMs: 1000 }
		);
		// SQS-STD-10: too large, a character outside the allowed set, more than 10 attributes.
		expect(r.of('produce-failed').map((e) => [e.t, e.node, e.origin, e.error])).toEqual([
			[100, 'q', 'op-0@q', 'InvalidParameterValue'],
			[200, 'q', 'op-1@q', 'InvalidMessageContents'],
			[300, 'q', 'op-2@q', 'InvalidParameterValue']
		]);
		expect(r.of('produce-failed')[0]?.message).toContain('Message must be shorter than 1024 bytes');
		expect(r.of('enqueued').map((e) => [e.t, e.origin])).toEqual([[400, 'op-3@q']]);
		expect(r.of('operator-action').map((e) => e.t)).toEqual([100, 200, 300, 400]);
	});

	it('SQS-FIFO-3: a repeat of the same body within 5 minutes is deduplicated (ContentBasedDeduplication)', () => {
		const r = run(
			[
				{
					id: 'q.fifo',
					type: 'sqs-queue',
					FifoQueue: true,
					ContentBasedDeduplication: true,
					Actions: [
						{ action: 'send-message', atMs: 100, MessageBody: 'same', MessageGroupId: 'g' },
						{ action: 'send-message', atMs: 200, MessageBody: 'same', MessageGroupId: 'g', DelaySeconds: 0 }
					]
				}
			],
			{ durationMs: 1000 }
		);
		expect(r.of('enqueued').map((e) => e.origin)).toEqual(['op-0@q.fifo']);
		expect(r.of('deduplicated').map((e) => [e.t, e.origin])).toEqual([[200, 'op-1@q.fifo']]);
	});
});

describe('make-poison', () => {
	/**
	 * p sends p-1, p-2, p-3 at 0, 1 and 2 s; c long-polls and processes each for 500 ms; q's DLQ after 2
	 * receives (VisibilityTimeout 2 s in both queues); d reads the DLQ.
	 */
	const nodes = (extra: { queue?: Json; dlqReader?: boolean } = {}): Json[] => [
		{ id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 1 }, Count: 3, LatencyMs: 0 },
		{
			id: 'q',
			type: 'sqs-queue',
			VisibilityTimeout: 2,
			Nondeterminism: 'off',
			RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 2 },
			...extra.queue
		},
		{ id: 'dlq', type: 'sqs-queue', VisibilityTimeout: 2, Nondeterminism: 'off' },
		{
			id: 'c',
			type: 'consumer',
			source: 'q',
			LatencyMs: 0,
			WaitTimeSeconds: 20,
			ProcessingTime: { type: 'fixed', ms: 500 }
		},
		...(extra.dlqReader
			? [
					{
						id: 'd',
						type: 'consumer',
						source: 'dlq',
						LatencyMs: 0,
						WaitTimeSeconds: 20,
						ProcessingTime: { type: 'fixed', ms: 10 }
					}
				]
			: [])
	];

	it('SQS-DLQ-1: from atMs that origin fails at every processing, in progress included, and ends in the DLQ', () => {
		// p-2 is received at 1000 and processed until 1500: the mark at 1200 makes that very processing fail.
		const r = run(
			nodes({ queue: { Actions: [{ action: 'make-poison', atMs: 1200, origin: 'p-2' }] }, dlqReader: true }),
			{
				durationMs: 20_000
			}
		);
		const poisoned = r.of('processed', (e) => e.origin === 'p-2');
		expect(poisoned.map((e) => [e.t, e.node, e.ok, e.cause])).toEqual([
			[1500, 'c', false, 'operator-poison'],
			[3500, 'c', false, 'operator-poison'],
			// The mark travelled with the message: the DLQ's consumer fails it too.
			[5010, 'd', false, 'operator-poison'],
			[7010, 'd', false, 'operator-poison'],
			[9010, 'd', false, 'operator-poison'],
			[11_010, 'd', false, 'operator-poison'],
			[13_010, 'd', false, 'operator-poison'],
			[15_010, 'd', false, 'operator-poison'],
			[17_010, 'd', false, 'operator-poison'],
			[19_010, 'd', false, 'operator-poison']
		]);
		// Received twice from q (maxReceiveCount 2); its third receive moved it (at 5000, visible again).
		expect(
			r.of('received', (e) => e.origin === 'p-2' && e.node === 'q').map((e) => [e.t, e.receiveCount])
		).toEqual([
			[1000, 1],
			[3000, 2]
		]);
		expect(r.of('dead-lettered').map((e) => [e.t, e.origin, e.receiveCount])).toEqual([[5000, 'p-2', 2]]);
		// The others are untouched.
		expect(r.of('processed', (e) => e.origin !== 'p-2').map((e) => [e.t, e.origin, e.ok])).toEqual([
			[500, 'p-1', true],
			[2500, 'p-3', true]
		]);
		expect(r.of('operator-action')).toMatchObject([
			{
				t: 1200,
				node: 'q',
				origin: 'p-2',
				action: 'make-poison',
				params: { origin: 'p-2' },
				cause: 'operator'
			}
		]);
		const q = r.sim.nodes.get('q') as SqsQueue;
		const dlq = r.sim.nodes.get('dlq') as SqsQueue;
		expect([q.isPoison('p-2'), dlq.isPoison('p-2'), q.isPoison('p-1')]).toEqual([true, true, false]);
	});

	it('a processing that ended before atMs succeeded; the mark waits for later arrivals of that origin', () => {
		// p-3 is sent at 2000; the mark at 1200 comes before it arrives, and still applies.
		const r = run(nodes({ queue: { Actions: [{ action: 'make-poison', atMs: 1200, origin: 'p-3' }] } }), {
			durationMs: 10_000
		});
		expect(r.of('processed', (e) => e.origin === 'p-3').map((e) => [e.t, e.ok])).toEqual([
			[2500, false],
			[4500, false]
		]);
		expect(r.of('dead-lettered').map((e) => e.origin)).toEqual(['p-3']);
		const late = run(nodes({ queue: { Actions: [{ action: 'make-poison', atMs: 1600, origin: 'p-2' }] } }), {
			durationMs: 10_000
		});
		expect(late.of('processed', (e) => e.origin === 'p-2').map((e) => [e.t, e.ok])).toEqual([[1500, true]]);
		expect(late.of('dead-lettered')).toEqual([]);
	});

	it('SQS-STD-1: copies are included: a stray copy that missed the delete fails once the origin is poison', () => {
		// Every delete misses one copy (rate 1), which reappears when the old visibility deadline passes.
		const r = run(
			nodes({
				queue: {
					Nondeterminism: { servers: 2, copies: 2, missedDeleteRate: 1 },
					RedrivePolicy: undefined,
					Actions: [{ action: 'make-poison', atMs: 600, origin: 'p-1' }]
				}
			}).map((n) =>
				n.id === 'q' ? Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) : n
			),
			{ durationMs: 6000 }
		);
		const p1 = r.of('processed', (e) => e.origin === 'p-1');
		expect(p1[0]).toMatchObject({ t: 500, ok: true });
		// The copy comes back at 2000 (received at 0 with a 2 s visibility timeout), as a duplicate.
		expect(r.of('received', (e) => e.origin === 'p-1').map((e) => [e.t, e.cause])).toContainEqual([
			2000,
			'copy-missed-delete'
		]);
		expect(p1.slice(1).length).toBeGreaterThan(0);
		expect(p1.slice(1).every((e) => !e.ok && e.cause === 'operator-poison')).toBe(true);
	});

	it('a second mark of the same origin changes nothing and says so', () => {
		const r = run(
			nodes({
				queue: {
					Actions: [
						{ action: 'make-poison', atMs: 100, origin: 'p-9' },
						{ action: 'make-poison', atMs: 200, origin: 'p-9' }
					]
				}
			}),
			{ durationMs: 1000 }
		);
		expect(r.of('operator-action').map((e) => e.ignored)).toEqual([undefined, 'already-poison']);
		expect((r.sim.nodes.get('q') as SqsQueue).poisonOrigins()).toEqual(['p-9']);
	});
});

describe('start-message-move-task (SQS-DLQ-4)', () => {
	it('traces its operator action, and a second task while one runs as rejected', () => {
		const r = run(
			[
				{
					id: 'p',
					type: 'producer',
					target: 'src',
					Rate: { type: 'fixed', perSecond: 10 },
					Count: 3,
					LatencyMs: 0
				},
				{
					id: 'src',
					type: 'sqs-queue',
					VisibilityTimeout: 1,
					Nondeterminism: 'off',
					RedrivePolicy: { deadLetterTargetArn: 'dlq', maxReceiveCount: 1 }
				},
				{
					id: 'c',
					type: 'consumer',
					source: 'src',
					LatencyMs: 0,
					StartAtMs: 500,
					Failure: { probability: 1 }
				},
				{
					id: 'dlq',
					type: 'sqs-queue',
					Nondeterminism: 'off',
					Actions: [
						{ action: 'start-message-move-task', atMs: 4000, MaxNumberOfMessagesPerSecond: 1 },
						{ action: 'start-message-move-task', atMs: 4500 }
					]
				}
			],
			{ durationMs: 10_000 }
		);
		expect(r.of('operator-action', (e) => e.node === 'dlq').map((e) => [e.t, e.action, e.params])).toEqual([
			[4000, 'start-message-move-task', { MaxNumberOfMessagesPerSecond: 1 }],
			[4500, 'start-message-move-task', {}]
		]);
		// Recorded: LocalStack test_sqs_move_task.snapshot.json, test_start_multiple_move_tasks
		expect(r.of('produce-failed').map((e) => [e.t, e.node, e.error, e.cause])).toEqual([
			[4500, 'dlq', 'InvalidParameterValue', 'move-task-rejected']
		]);
		// One a second, oldest first, back to the source.
		expect(r.of('move-task-moved').map((e) => [e.t, e.to])).toEqual([
			[4000, 'src'],
			[5000, 'src'],
			[6000, 'src']
		]);
	});
});
