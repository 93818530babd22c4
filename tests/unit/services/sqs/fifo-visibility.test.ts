// ChangeMessageVisibility with any handle of a message that still exists (SQS-STD-5), on standard queues and
// on FIFO queues, where it moves the positional group lock (SQS-FIFO-5); and PurgeQueue clearing the FIFO
// deduplication history (SQS-FIFO-3). Recordings: LocalStack test_sqs.py / test_sqs.snapshot.json.
import { describe, expect, it } from 'vitest';
import { checkFifoGroups } from '$lib/engine/checks';
import { createSandbox } from '$lib/sandbox';

function queue(name: string, attributes: Record<string, string> = {}) {
	const sb = createSandbox({ seed: 7 });
	const fifo = name.endsWith('.fifo');
	const url = sb.sqs.createQueue({
		QueueName: name,
		Attributes: fifo ? { FifoQueue: 'true', ContentBasedDeduplication: 'true', ...attributes } : attributes
	}).QueueUrl;
	const send = (body: string, group?: string) =>
		sb.sqs.sendMessage({
			QueueUrl: url,
			MessageBody: body,
			...(group !== undefined ? { MessageGroupId: group } : {})
		});
	const receive = (extra: { MaxNumberOfMessages?: number; VisibilityTimeout?: number } = {}) =>
		sb.sqs.receiveMessage({ QueueUrl: url, ...extra }).Messages ?? [];
	const change = (handle: string | undefined, VisibilityTimeout: number) =>
		sb.sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: handle ?? '', VisibilityTimeout });
	return { sb, sqs: sb.sqs, url, send, receive, change };
}

function failure(fn: () => unknown): { name: string; message: string } {
	try {
		fn();
	} catch (e) {
		return { name: (e as Error).name, message: (e as Error).message };
	}
	return { name: 'no error', message: '' };
}

describe('SQS-STD-5 ChangeMessageVisibility takes any handle of a message that exists', () => {
	it('SQS-STD-5: a handle whose visibility ran out still works and hides the message again', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_change_message_visibility_after_visibility_timeout_expiration
		const { sb, send, receive, change } = queue('q', { VisibilityTimeout: '1' });
		send('test');
		const h = receive()[0]?.ReceiptHandle;
		sb.advanceTime(2_000);
		expect(change(h, 2).$metadata.httpStatusCode).toBe(200);
		// It takes effect: hidden for 2 s from the call, then back.
		expect(receive()).toEqual([]);
		sb.advanceTime(1_999);
		expect(receive()).toEqual([]);
		sb.advanceTime(1);
		expect(receive().map((m) => m.Body)).toEqual(['test']);
	});

	it('SQS-STD-5: a handle from an earlier receive releases the message the later receive holds', () => {
		// Recorded: LocalStack test_sqs.py, test_terminate_visibility_timeout_after_receive (aws.validated, asserted)
		const { send, receive, change } = queue('q');
		send('test');
		const first = receive({ VisibilityTimeout: 0 });
		expect(first).toHaveLength(1);
		expect(receive({ VisibilityTimeout: 3 })).toHaveLength(1);
		change(first[0]?.ReceiptHandle, 0);
		expect(receive()).toHaveLength(1);
	});

	it('SQS-STD-5: extending again and again with the first handle keeps the message hidden', () => {
		// Recorded: LocalStack test_sqs.py, test_extend_message_visibility_timeout_set_in_queue (aws.validated, asserted)
		const { sb, send, receive, change } = queue('q', { VisibilityTimeout: '2' });
		send('test');
		const h = receive()[0]?.ReceiptHandle;
		for (let k = 0; k < 4; k++) {
			sb.advanceTime(1_000);
			change(h, 2);
			expect(receive()).toEqual([]);
		}
		sb.advanceTime(2_000);
		expect(receive().map((m) => m.Body)).toEqual(['test']);
	});

	it('SQS-STD-5: on a deleted message it fails with InvalidParameterValue, naming the handle', () => {
		// Recorded: LocalStack test_sqs.py, test_change_visibility_on_deleted_message_raises_invalid_parameter_value (aws.validated, asserted)
		const { sqs, url, send, receive, change } = queue('q');
		send('foo');
		const h = receive()[0]?.ReceiptHandle ?? '';
		change(h, 42);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: h });
		expect(failure(() => change(h, 42))).toEqual({
			name: 'InvalidParameterValue',
			message: `Value ${h} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`
		});
	});

	it('SQS-STD-5: in a batch, the entry of a deleted message fails alone with the same code and text', () => {
		// No recording of this batch case: the entry fails as the single call does (SQS-STD-3 partial failure).
		const { sqs, url, send, receive } = queue('q');
		send('a');
		send('b');
		const [a, b] = receive({ MaxNumberOfMessages: 10 });
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: a?.ReceiptHandle ?? '' });
		const out = sqs.changeMessageVisibilityBatch({
			QueueUrl: url,
			Entries: [
				{ Id: 'gone', ReceiptHandle: a?.ReceiptHandle ?? '', VisibilityTimeout: 0 },
				{ Id: 'live', ReceiptHandle: b?.ReceiptHandle ?? '', VisibilityTimeout: 0 }
			]
		});
		expect(out.Successful).toEqual([{ Id: 'live' }]);
		expect(out.Failed).toEqual([
			{
				Id: 'gone',
				SenderFault: true,
				Code: 'InvalidParameterValue',
				Message: `Value ${a?.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`
			}
		]);
		expect(receive().map((m) => m.Body)).toEqual([b?.Body]);
	});

	it('SQS-STD-5: visibility 0 makes the message receivable at once, and only once', () => {
		// Recorded: LocalStack test_sqs.py, test_change_message_visibility_not_permanent (aws.validated, asserted)
		const { send, receive, change } = queue('q');
		const id = send('test').MessageId;
		change(receive()[0]?.ReceiptHandle, 0);
		expect(receive().map((m) => m.MessageId)).toEqual([id]);
		expect(receive()).toEqual([]);
	});
});

describe('SQS-STD-5 on FIFO queues: the handle moves the positional lock', () => {
	it('SQS-STD-5/SQS-FIFO-5: a FIFO handle whose visibility ran out hides the head again and holds the group', () => {
		const { sb, send, receive, change } = queue('q.fifo', { VisibilityTimeout: '1' });
		send('m1', 'g');
		send('m2', 'g');
		send('other', 'h');
		const h = receive()[0]?.ReceiptHandle;
		sb.advanceTime(1_000);
		change(h, 5);
		// m1 is hidden again, so nothing of g is returned; h is not affected.
		expect(receive({ MaxNumberOfMessages: 10 }).map((m) => m.Body)).toEqual(['other']);
		sb.advanceTime(5_000);
		// 'other' came back at 2 s, m1 at 6 s (SQS-FIFO-12).
		expect(receive({ MaxNumberOfMessages: 10 }).map((m) => m.Body)).toEqual(['other', 'm1', 'm2']);
		// The checker accepts the run: the hidden head held its group.
		expect(checkFifoGroups(sb.trace(), ['q.fifo'])).toEqual([]);
		const hidden = sb.trace().find((e) => e.type === 'visibility-changed');
		expect(hidden).toMatchObject({ cause: 'hidden-again', visibleAt: 6_000 });
	});

	it('SQS-STD-5/SQS-FIFO-5: extending a FIFO message within its visibility lets it be deleted later', () => {
		// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_delete_after_visibility_timeout_extended
		const { sb, sqs, url, send, receive, change } = queue('q.fifo', { VisibilityTimeout: '1' });
		send('foobar', '1');
		const h = receive()[0]?.ReceiptHandle ?? '';
		change(h, 5);
		sb.advanceTime(1_500);
		sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: h });
		expect(receive()).toEqual([]);
	});
});

describe('SQS-FIFO-3 PurgeQueue clears the deduplication history', () => {
	it('SQS-FIFO-3: the same deduplication id is accepted again right after a purge', () => {
		// Recorded: LocalStack test_sqs.py, test_purge_queue_clears_fifo_deduplication_cache (aws.validated, asserted)
		const { sqs, url, receive } = queue('q.fifo', { ContentBasedDeduplication: 'false' });
		const msg = (MessageBody: string) =>
			sqs.sendMessage({ QueueUrl: url, MessageBody, MessageGroupId: 'g', MessageDeduplicationId: 'd' });
		const first = msg('message-1');
		sqs.purgeQueue({ QueueUrl: url });
		const second = msg('message-2');
		expect(second.MessageId).not.toBe(first.MessageId);
		expect(receive({ MaxNumberOfMessages: 10 }).map((m) => m.Body)).toEqual(['message-2']);
		// Without a purge the window still holds: a repeat is not enqueued.
		expect(msg('message-3').MessageId).toBe(second.MessageId);
	});
});
