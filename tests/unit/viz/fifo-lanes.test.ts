// The FIFO queue mark under the positional group lock (SQS-FIFO-5) and the group order (SQS-FIFO-12): what a
// student reads on the stage when a message ahead of an in-flight one is visible again.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '$lib/sandbox';
import { nodeModels, type QueueModel } from '$lib/viz/node-models';
import { DotTracker } from '$lib/viz/dots';
import { NORMAL_METRICS, type LaidOutNode } from '$lib/viz/layout';
import { queueGeometry } from '$lib/viz/marks/queue';

function stage() {
	const sb = createSandbox({ seed: 3 });
	const url = sb.sqs.createQueue({
		QueueName: 'orders.fifo',
		Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
	}).QueueUrl;
	for (const body of ['a1', 'a2', 'a3'])
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: body, MessageGroupId: 'a' });
	sb.advanceTime(10);
	sb.sqs.sendMessage({ QueueUrl: url, MessageBody: 'b1', MessageGroupId: 'b' });
	sb.advanceTime(10);
	const got = sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 2 }).Messages ?? [];
	expect(got.map((m) => m.Body)).toEqual(['a1', 'a2']);
	// a1 is released (visibility 0) while a2 stays in flight.
	sb.sqs.changeMessageVisibility({
		QueueUrl: url,
		ReceiptHandle: got[0]?.ReceiptHandle as string,
		VisibilityTimeout: 0
	});
	const model = nodeModels(sb.world.simulation, new DotTracker(new Map())).get('orders.fifo') as QueueModel;
	const n: LaidOutNode = {
		id: 'orders.fifo',
		type: 'sqs-queue',
		label: 'orders.fifo',
		x: 0,
		y: 0,
		width: 400,
		height: 160,
		column: 0,
		dlq: false,
		rows: 3
	};
	const geometry = queueGeometry(n, model, {
		t: sb.now(),
		m: NORMAL_METRICS,
		r: 5,
		dots: new DotTracker(new Map())
	});
	return { model, geometry };
}

describe('the FIFO lanes on the stage', () => {
	it('SQS-FIFO-5: the visible message ahead of the in-flight one can be received; the one after it waits', () => {
		const { model, geometry } = stage();
		const a = model.groups.find((g) => g.id === 'a');
		expect(a?.locked).toBe(true);
		const states = geometry.tokens.filter((t) => t.group === 'a').map((t) => t.state);
		expect(states[0]).toContain('visible ahead of group a');
		expect(states[1]).toContain('blocking group a');
		expect(states[2]).toContain('waiting behind group a');
	});

	it('SQS-FIFO-12: the group whose head became available first is marked as served next', () => {
		const { model, geometry } = stage();
		// b1 was sent at 10 ms and has been available since; a1 came back just now.
		expect(model.groups.find((g) => g.id === 'b')?.next).toBe(1);
		expect(model.groups.find((g) => g.id === 'a')?.next).toBe(2);
		expect(geometry.labels.map((l) => l.text)).toContain('▶ b');
		expect(geometry.tokens.find((t) => t.group === 'a')?.state).toContain('2nd in line for the next receive');
	});
});
