// SQS-STD-11 on FIFO queues: past the in-flight limit a receive returns nothing and no error, and a receive
// scans only the first FIFO_RECEIVE_SCAN messages of the backlog to find available groups. The real limits are
// 120,000 each (checked first); filling a queue that far takes minutes, so the receive path runs here against
// the same code with the two constants scaled down (the module is mocked with only them changed).
import { describe, expect, it, vi } from 'vitest';
import { createSandbox } from '$lib/sandbox';

const SCALED = vi.hoisted(() => ({ MAX_IN_FLIGHT_FIFO: 30, FIFO_RECEIVE_SCAN: 50 }));

vi.mock('$lib/services/sqs/limits', async (importOriginal) => ({
	...(await importOriginal<typeof import('$lib/services/sqs/limits')>()),
	...SCALED
}));

function fifoQueue() {
	const sb = createSandbox({ seed: 2 });
	const url = sb.sqs.createQueue({
		QueueName: 'big.fifo',
		Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' }
	}).QueueUrl;
	const send = (body: string, group: string) =>
		sb.sqs.sendMessage({ QueueUrl: url, MessageBody: body, MessageGroupId: group });
	const receive = (max = 10, VisibilityTimeout = 600) =>
		sb.sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: max, VisibilityTimeout }).Messages ?? [];
	return { sb, url, send, receive };
}

describe('SQS-STD-11 FIFO in-flight limit and receive scan', () => {
	it('SQS-STD-11: the real limits are 120,000 in flight and a 120,000-message scan', async () => {
		const real = await vi.importActual<typeof import('$lib/services/sqs/limits')>('$lib/services/sqs/limits');
		expect(real.MAX_IN_FLIGHT_FIFO).toBe(120_000);
		expect(real.FIFO_RECEIVE_SCAN).toBe(120_000);
	});

	it('SQS-STD-11: at the in-flight limit a FIFO receive returns nothing and no error; a receive stops at it', () => {
		const { sb, url, send, receive } = fifoQueue();
		for (let g = 0; g < 8; g++) for (let k = 0; k < 5; k++) send(`g${g}-m${k}`, `g${g}`);
		const first = receive();
		expect(first.map((m) => m.Body)).toEqual([
			...Array.from({ length: 5 }, (_, k) => `g0-m${k}`),
			...Array.from({ length: 5 }, (_, k) => `g1-m${k}`)
		]);
		expect(receive()).toHaveLength(10);
		expect(receive()).toHaveLength(10);
		// 30 in flight: the limit. Messages are waiting, but the receive returns nothing, with no error.
		expect(receive()).toEqual([]);
		expect(sb.trace().at(-1)).toMatchObject({ type: 'receive-empty', cause: 'in-flight-limit' });
		// One delete makes room for exactly one more.
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: first[0]?.ReceiptHandle ?? '' });
		expect(receive().map((m) => m.Body)).toEqual(['g6-m0']);
		expect(receive()).toEqual([]);
	});

	it('SQS-STD-11: a receive scans only the first messages of the backlog; behind a blocked group past it, nothing is found', () => {
		const { sb, url, send, receive } = fifoQueue();
		for (let k = 0; k < SCALED.FIFO_RECEIVE_SCAN; k++) send(`big-m${k}`, 'big');
		send('late', 'other');
		const head = receive(1);
		expect(head.map((m) => m.Body)).toEqual(['big-m0']);
		// The scan sees only the big group (its head in flight holds the other 49): 'late' is not found.
		expect(receive()).toEqual([]);
		expect(sb.trace().at(-1)).toMatchObject({ type: 'receive-empty' });
		// With the head deleted, 'late' is within the scan; the big group's head was sent first (SQS-FIFO-12).
		sb.sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: head[0]?.ReceiptHandle ?? '' });
		expect(receive().map((m) => m.Body)).toEqual(Array.from({ length: 10 }, (_, k) => `big-m${k + 1}`));
		expect(receive().map((m) => m.Body)).toEqual(['late']);
	});
});
