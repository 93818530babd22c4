// SNS rules changed in December 2026, in the scenario engine: group ids on standard topics (SNS-FIFO-4) and
// what a subscription DLQ receives (SNS-DLQ-3).
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';
import { nodeOf } from '$lib/services/nodes';

function run(input: unknown) {
	const scenario = loadScenario(input);
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { sinks: [mem] });
	sim.run();
	return { sim, events: mem.events as TraceEvent[] };
}

function topicScenario(
	topic: Record<string, unknown>,
	queues: Record<string, unknown>[],
	producer: Record<string, unknown>
) {
	return {
		version: 1,
		name: 'sns',
		seed: 4,
		durationMs: 5_000,
		nodes: [
			{
				id: 'p',
				type: 'producer',
				target: 'topic',
				Rate: { type: 'fixed', perSecond: 2 },
				Count: 4,
				...producer
			},
			{ id: 'topic', type: 'sns-topic', ...topic },
			...queues.map((q) => ({ type: 'sqs-queue', ...q }))
		]
	};
}

describe('SNS-FIFO-4 in scenarios', () => {
	it("SNS-FIFO-4: a producer's MessageGroupId on a standard topic reaches the standard queue as its group", () => {
		// Recorded: LocalStack test_sns.snapshot.json, test_publish_message_group_id
		const { events } = run(
			topicScenario({ Subscriptions: [{ Protocol: 'sqs', Endpoint: 'fair' }] }, [{ id: 'fair' }], {
				MessageGroupId: 'tenant-{cycle:a|b}'
			})
		);
		const enqueued = events.filter((e) => e.type === 'enqueued' && e.node === 'fair');
		expect(enqueued).toHaveLength(4);
		// SNS-TOP-1: a standard topic keeps no order, so compare the groups as a multiset.
		expect(enqueued.map((e) => (e as { groupId?: string }).groupId).sort()).toEqual([
			'tenant-a',
			'tenant-a',
			'tenant-b',
			'tenant-b'
		]);
	});

	it("SNS-FIFO-4: without a MessageGroupId the standard queue's messages have no group", () => {
		const { events } = run(
			topicScenario({ Subscriptions: [{ Protocol: 'sqs', Endpoint: 'plain' }] }, [{ id: 'plain' }], {})
		);
		const enqueued = events.filter((e) => e.type === 'enqueued' && e.node === 'plain');
		expect(enqueued).toHaveLength(4);
		expect(enqueued.every((e) => (e as { groupId?: string }).groupId === undefined)).toBe(true);
	});
});

describe('SNS-DLQ-3 in scenarios', () => {
	it('SNS-DLQ-3: a raw HTTP subscription that fails for good dead-letters the bare message with its attributes', () => {
		const { events, sim } = run({
			version: 1,
			name: 'dlq',
			seed: 4,
			durationMs: 5_000,
			nodes: [
				{
					id: 'p',
					type: 'producer',
					target: 'topic',
					Rate: { type: 'fixed', perSecond: 1 },
					Count: 1,
					Body: 'order {n}',
					MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } }
				},
				{
					id: 'topic',
					type: 'sns-topic',
					Subscriptions: [
						{
							Protocol: 'https',
							Endpoint: 'https://hook.example.com',
							RawMessageDelivery: true,
							RedrivePolicy: { deadLetterTargetArn: 'dlq' },
							Simulated: { ClientErrorRate: 1 }
						}
					]
				},
				{ id: 'dlq', type: 'sqs-queue', Nondeterminism: 'off' }
			]
		});
		expect(events.filter((e) => e.type === 'delivery-dead-lettered')).toHaveLength(1);
		const dlq = nodeOf(sim.context, 'dlq', 'sqs-queue');
		const result = dlq?.receiveMessage(
			{ MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] },
			{ by: 'test' }
		);
		const got = result?.kind === 'done' ? result.output.Messages : undefined;
		expect(got?.map((m) => m.Body)).toEqual(['order 1']);
		expect(got?.[0]?.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'order' } });
	});
});
