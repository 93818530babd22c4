// The poll loop an SQS consumer's workers share with a Lambda SQS event source mapping's pollers
// (SQS-STD-2, ESM-SQS-1): issue a ReceiveMessage to the queue node for one worker or poller, take the answer
// — at once ('done': a GOT event one round trip later) or when a long poll that waited ends (the queue's
// RECEIVE_RESULT event to the node, correlated by request id) — withdraw a waiting long poll, and back off
// after a refused receive. What a node does with the messages (a worker processes them one by one, a poller
// gathers an invocation batch) and its lifecycle stay in the node.

import type { SimContext } from '../../engine/simulation';
import { nodeOf } from '../nodes';
import type {
	ReceivedMessage,
	ReceiveMessageInput,
	ReceiveMessageOutput,
	ReceiveResultEvent,
	SqsQueue
} from '../sqs/queue';
import { EPOCH_BASE_MS } from '../shared/aws';

/** [sim] Back-off of a worker or poller after a receive the queue refused (a throttle or any other error). */
export const RECEIVE_BACKOFF_MS = 1000;

/** The attributes every poll asks for: the receive count and when the message was sent. */
const ATTRIBUTES: readonly string[] = ['ApproximateReceiveCount', 'SentTimestamp'];

/** A received message as a worker or poller holds it. */
export interface InHand {
	handle: string;
	msg: string;
	/** The producer's original id (scenario clients ask the queue for it), else the MessageId. */
	origin: string;
	body: string;
	receiveCount: number;
	/** Simulated ms when it was sent. */
	sentAt: number;
}

/** A worker or poller: while the queue keeps its long poll waiting, it holds the waiter's id. */
export interface ReceiveSlot {
	waiterId?: number;
}

/** What a poll asks for besides the attributes (SQS-STD-2/-3/-4). */
export interface ReceiveRequest {
	MaxNumberOfMessages: number;
	WaitTimeSeconds?: number;
	VisibilityTimeout?: number;
}

/** A receive's answer, from a GOT or RECEIVE_RESULT event: which slot asked, with which tag. */
export interface Received {
	slot: number;
	/** What the request was tagged with (the node's epoch, or the poll's token), to recognise stale ones. */
	tag: number;
	output: ReceiveMessageOutput;
}

/** A receive's answer as the polling node gets it: at once (GOT, one round trip later) or when its long poll
 * ends (the queue's RECEIVE_RESULT, correlated by request id). */
export type PollEvent =
	{ type: 'GOT'; slot: number; tag: number; output: ReceiveMessageOutput } | ReceiveResultEvent;

/** The polling node (read when it polls, so a node can make its poller before its constructor runs). */
export interface PollingNode {
	readonly id: string;
	readonly ctx: SimContext;
	readonly queueId: string;
}

/** [sim] The next poll after an empty receive or a finished batch: one round trip, never the same instant. */
export function nextPollMs(latencyMs: number): number {
	// With a zero latency (or a zero visibility timeout) polling at once would loop without time passing.
	return Math.max(1, latencyMs);
}

export class SqsPoller {
	readonly #node: PollingNode;
	readonly #again: (slot: number, ms: number) => void;

	/**
	 * @param node asks, and gets the GOT and RECEIVE_RESULT events
	 * @param again put slot `slot` back to idle and poll again `ms` from now
	 */
	constructor(node: PollingNode, again: (slot: number, ms: number) => void) {
		this.#node = node;
		this.#again = again;
	}

	queue(): SqsQueue {
		const { ctx, queueId } = this.#node;
		const queue = nodeOf(ctx, queueId, 'sqs-queue');
		if (!queue) throw new Error(`${this.#node.id}: ${queueId} is not an SQS queue`);
		return queue;
	}

	/**
	 * One ReceiveMessage for slot `slot`, tagged `tag`. An answer at once comes back as a GOT event after the
	 * round trip of `latencyMs`; a long poll that waits leaves its waiter id on the slot and answers with
	 * RECEIVE_RESULT. A refused receive is traced and the slot polls again after RECEIVE_BACKOFF_MS.
	 */
	receive(s: ReceiveSlot, slot: number, tag: number, request: ReceiveRequest, latencyMs: number): void {
		const { ctx, id: owner } = this.#node;
		try {
			// Built field by field (no spread: this runs once per poll). The list is shared, not copied: the queue
			// only reads it (a waiting receive keeps it as it is).
			const input: ReceiveMessageInput = {
				MaxNumberOfMessages: request.MaxNumberOfMessages,
				MessageSystemAttributeNames: ATTRIBUTES as string[]
			};
			if (request.WaitTimeSeconds !== undefined) input.WaitTimeSeconds = request.WaitTimeSeconds;
			if (request.VisibilityTimeout !== undefined) input.VisibilityTimeout = request.VisibilityTimeout;
			const result = this.queue().receiveMessage(input, {
				by: owner,
				requestId: `${slot}:${tag}`,
				withOrigin: true
			});
			if (result.kind === 'done') {
				const got: PollEvent = { type: 'GOT', slot, tag, output: result.output };
				ctx.after(latencyMs, owner, got);
			} else s.waiterId = result.waiterId;
		} catch (err) {
			const e = err as Error;
			ctx.trace({ type: 'receive-throttled', node: owner, by: owner, error: e.name, cause: e.name });
			this.#again(slot, RECEIVE_BACKOFF_MS);
		}
	}

	/** The answer a GOT or RECEIVE_RESULT event carries. */
	received(event: PollEvent): Received {
		if (event.type === 'RECEIVE_RESULT') {
			const id = event.requestId;
			const colon = id.indexOf(':');
			return { slot: Number(id.slice(0, colon)), tag: Number(id.slice(colon + 1)), output: event.output };
		}
		return { slot: event.slot, tag: event.tag, output: event.output };
	}

	/** The slot's poll has its answer: no wait is left to withdraw; its messages, as held. */
	take(s: ReceiveSlot, output: ReceiveMessageOutput): InHand[] {
		s.waiterId = undefined;
		return (output.Messages ?? []).map(toInHand);
	}

	/** Withdraw the slot's waiting long poll; false when none waits or its answer is already on its way. */
	withdraw(s: ReceiveSlot): boolean {
		if (s.waiterId === undefined || !this.queue().cancelWait(s.waiterId)) return false;
		s.waiterId = undefined;
		return true;
	}
}

export function toInHand(m: ReceivedMessage): InHand {
	return {
		handle: m.ReceiptHandle,
		msg: m.MessageId,
		origin: m.origin ?? m.MessageId,
		body: m.Body,
		receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
		sentAt: Number(m.Attributes?.SentTimestamp ?? EPOCH_BASE_MS) - EPOCH_BASE_MS
	};
}
