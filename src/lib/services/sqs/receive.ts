// ReceiveMessage: standard queues ask simulated servers (SQS-STD-1/-2), FIFO queues take whole groups in order
// and lock them (SQS-FIFO-5/-6); messages past maxReceiveCount move to the DLQ on the way (SQS-DLQ-1); long
// polls wait (SQS-STD-2) and are served as messages become available.

import { awsError } from '../shared/errors';
import type {
	ReceiveContext,
	ReceiveMessageInput,
	ReceiveMessageOutput,
	ReceiveResult,
	ReceiveResultEvent,
	ReceivedMessage
} from './api-types';
import {
	compareSequence,
	isPoison,
	pushAvailable,
	queueArn,
	schedule,
	throttle,
	transition
} from './bookkeeping';
import {
	ATTEMPT_WINDOW_MS,
	MAX_IN_FLIGHT_FIFO,
	MAX_IN_FLIGHT_STANDARD,
	MAX_NUMBER_OF_MESSAGES,
	WAIT_TIME_S
} from './limits';
import { toOutput } from './receive-output';
import {
	type FifoGroup,
	type QueueCore,
	type QueuePeer,
	type StoredMessage,
	type Waiter,
	peerQueue
} from './state';
import { checkFifoId, checkVisibility } from './validation';

export function receiveMessage(q: QueueCore, input: ReceiveMessageInput, who: ReceiveContext): ReceiveResult {
	const s = q.s;
	const cfg = s.config;
	const max = input.MaxNumberOfMessages ?? 1;
	if (!Number.isInteger(max) || max < MAX_NUMBER_OF_MESSAGES.min || max > MAX_NUMBER_OF_MESSAGES.max) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between ${MAX_NUMBER_OF_MESSAGES.min} and ${MAX_NUMBER_OF_MESSAGES.max}, if provided.`
		);
	}
	if (input.VisibilityTimeout !== undefined) checkVisibility(input.VisibilityTimeout, 'VisibilityTimeout');
	const wait = input.WaitTimeSeconds ?? cfg.ReceiveMessageWaitTimeSeconds; // SQS-STD-2
	if (!Number.isInteger(wait) || wait < WAIT_TIME_S.min || wait > WAIT_TIME_S.max) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= ${WAIT_TIME_S.min} and <= ${WAIT_TIME_S.max}, if provided.`
		);
	}
	if (input.ReceiveRequestAttemptId !== undefined && !cfg.FifoQueue) {
		// Standard queues ignore it.
	}
	throttle(q, 'ReceiveMessage');
	// SQS-FIFO-8: a retried attempt returns the same messages and handles.
	if (cfg.FifoQueue && input.ReceiveRequestAttemptId !== undefined) {
		checkFifoId('ReceiveRequestAttemptId', input.ReceiveRequestAttemptId);
		const replay = replayAttempt(q, input);
		if (replay) return { kind: 'done', output: replay };
	}
	// SQS-STD-11: in-flight limits.
	if (s.counts.inFlight >= (cfg.FifoQueue ? MAX_IN_FLIGHT_FIFO : MAX_IN_FLIGHT_STANDARD)) {
		if (!cfg.FifoQueue) {
			throw awsError(
				'OverLimit',
				'Too many messages in flight: the queue has reached the 120,000 in-flight limit.'
			);
		}
		q.ctx.trace({
			type: 'receive-empty',
			node: q.id,
			by: who.by,
			wait: false,
			cause: 'in-flight-limit'
		});
		return { kind: 'done', output: {} };
	}
	const keys = collect(q, max, wait > 0);
	if (keys.length > 0 || wait === 0) {
		if (keys.length === 0) q.ctx.trace({ type: 'receive-empty', node: q.id, by: who.by, wait: false });
		return { kind: 'done', output: deliver(q, keys, input, who.by, who.withOrigin ?? false) };
	}
	// SQS-STD-2: a long poll waits until a message is available or the wait ends.
	const id = s.nextWaiterId++;
	const deadline = q.ctx.now() + wait * 1000;
	s.waiters.push({
		id,
		owner: who.by,
		requestId: who.requestId ?? String(id),
		input: { ...input },
		withOrigin: who.withOrigin ?? false,
		deadline,
		timer: schedule(q, deadline, { type: 'WAIT_TIMEOUT', waiter: id })
	});
	return { kind: 'waiting', waiterId: id };
}

/** Pick up to `max` available messages, dead-lettering those past maxReceiveCount on the way. */
function collect(q: QueueCore, max: number, longPoll: boolean): string[] {
	return q.s.config.FifoQueue ? collectFifo(q, max) : collectStandard(q, max, longPoll);
}

function collectStandard(q: QueueCore, max: number, longPoll: boolean): string[] {
	const s = q.s;
	const nd = s.config.nondeterminism;
	// SQS-STD-2 [sim]: a short poll asks a seeded subset of the servers; a long poll asks all.
	const asked: number[] = [];
	for (let k = 0; k < nd.servers; k++) {
		if (longPoll || nd.shortPollSampleRate >= 1 || q.rng.chance(nd.shortPollSampleRate)) asked.push(k);
	}
	const out: string[] = [];
	while (out.length < max) {
		// Merge the heads of the asked servers by (availableSince, tie): best-effort order (SQS-STD-1).
		let best: StoredMessage | undefined;
		let bestServer = -1;
		for (const k of asked) {
			const m = headOf(q, k);
			if (
				m &&
				(!best ||
					m.availableSince < best.availableSince ||
					(m.availableSince === best.availableSince && m.tie < best.tie))
			) {
				best = m;
				bestServer = k;
			}
		}
		if (!best) break;
		(s.availableHead[bestServer] as number)++;
		// Reserve it so a later head in the same receive does not pick it again (or dead-letter it).
		if (!take(q, best)) continue;
		out.push(best.key);
	}
	return out;
}

/** The oldest still-available entry of a server's list, skipping stale entries. */
function headOf(q: QueueCore, server: number): StoredMessage | undefined {
	const s = q.s;
	const list = s.available[server] as [string, number][];
	let head = s.availableHead[server] as number;
	while (head < list.length) {
		const [key, since] = list[head] as [string, number];
		const m = s.messages.get(key);
		if (m && m.status === 'available' && m.availableSince === since && m.servers[0] === server) {
			s.availableHead[server] = head;
			if (head > 1024 && head * 2 > list.length) {
				list.splice(0, head);
				s.availableHead[server] = 0;
			}
			return m;
		}
		head++;
	}
	s.availableHead[server] = head;
	if (head > 0 && head === list.length) {
		list.length = 0;
		s.availableHead[server] = 0;
	}
	return undefined;
}

function collectFifo(q: QueueCore, max: number): string[] {
	const s = q.s;
	const out: string[] = [];
	// SQS-FIFO-6: fill from one group (oldest head first) before moving to the next.
	const ready: { id: string; group: FifoGroup; head: StoredMessage }[] = [];
	for (const [id, group] of s.groups) {
		if (group.inFlight > 0) continue; // SQS-FIFO-5: the group is locked.
		const head = groupHead(q, id, group);
		if (head && head.status === 'available') ready.push({ id, group, head });
	}
	ready.sort((a, b) => compareSequence(a.head.sequenceNumber ?? '', b.head.sequenceNumber ?? ''));
	for (const { id, group } of ready) {
		if (out.length >= max) break;
		while (out.length < max) {
			const m = groupHead(q, id, group);
			if (!m || m.status !== 'available') break;
			// SQS-FIFO-11: a dead-lettered head releases the rest of its group.
			if (!take(q, m)) continue;
			out.push(m.key);
			group.head++;
			// Later messages of this group are returned only together with this one.
		}
	}
	// Rewind group heads past the taken (now in-flight) messages: the head must stay on the oldest live one.
	for (const key of out) {
		const m = s.messages.get(key) as StoredMessage;
		const g = s.groups.get(m.groupId as string) as FifoGroup;
		g.head = 0;
	}
	return out;
}

/** First live message of a group, compacting finished entries. */
function groupHead(q: QueueCore, id: string, group: FifoGroup): StoredMessage | undefined {
	const s = q.s;
	// Skip over messages that are gone, and over in-flight ones already taken in this receive.
	while (group.head < group.keys.length) {
		const m = s.messages.get(group.keys[group.head] as string);
		if (m && m.status !== 'inFlight') return m;
		if (m && m.status === 'inFlight') {
			group.head++;
			continue;
		}
		group.keys.splice(group.head, 1);
	}
	if (group.keys.length === 0 && group.inFlight === 0) s.groups.delete(id);
	return undefined;
}

/**
 * SQS-DLQ-1: the dead-letter queue a receive moves `m` to — once its receive count has reached
 * maxReceiveCount and the redrive policy's queue is there (with none reachable the message stays).
 */
function dueDeadLetterQueue(
	q: QueueCore,
	m: StoredMessage
): { id: string; queue: QueuePeer; maxReceiveCount: number } | undefined {
	const policy = q.s.config.RedrivePolicy;
	if (!policy || m.receiveCount < policy.maxReceiveCount) return undefined;
	const id = q.resolve(policy.deadLetterTargetArn);
	const queue = peerQueue(q.ctx, id);
	return id && queue ? { id, queue, maxReceiveCount: policy.maxReceiveCount } : undefined;
}

/** RECEIVE through the machine, its guard asking whether the message is due for its DLQ; true when taken. */
function take(q: QueueCore, m: StoredMessage): boolean {
	const due = () => dueDeadLetterQueue(q, m) !== undefined;
	return transition(q, m, 'RECEIVE', { maxReceiveCountReached: due }) === 'inFlight';
}

/** The machine's moveToDeadLetterQueue effect (SQS-DLQ-1/-3): the message goes to its DLQ, poison mark and all. */
export function moveToDeadLetterQueue(q: QueueCore, m: StoredMessage): void {
	const dlq = dueDeadLetterQueue(q, m);
	if (!dlq) throw new Error(`sqs-queue ${q.id}: ${m.MessageId} is not due for a dead-letter queue`);
	q.ctx.trace({
		type: 'dead-lettered',
		node: q.id,
		msg: m.MessageId,
		origin: m.origin,
		dlq: dlq.id,
		receiveCount: m.receiveCount,
		maxReceiveCount: dlq.maxReceiveCount,
		cause: 'max-receive-count'
	});
	if (isPoison(q, m.origin)) dlq.queue.markPoison(m.origin); // The mark travels with the message.
	dlq.queue.acceptDeadLetter(m, queueArn(q), q.id);
}

/** Turn reserved keys into received messages: new handle, receive count, visibility timer. */
function deliver(
	q: QueueCore,
	keys: string[],
	input: ReceiveMessageInput,
	by: string,
	withOrigin = false
): ReceiveMessageOutput {
	if (keys.length === 0) return {};
	const s = q.s;
	const now = q.ctx.now();
	const vtS = input.VisibilityTimeout ?? s.config.VisibilityTimeout; // SQS-STD-4
	const messages: ReceivedMessage[] = [];
	const entries: [string, number][] = [];
	for (const key of keys) {
		const m = s.messages.get(key) as StoredMessage;
		m.receiveCount++; // SQS-STD-7
		m.firstReceiveAt ??= now;
		m.inFlightSince = now;
		m.receivedBy = by;
		m.visibleAt = now + vtS * 1000;
		delete m.visibilityChangedAt;
		if (m.timer !== undefined) q.ctx.cancel(m.timer);
		m.timer = schedule(q, m.visibleAt, { type: 'VIS', key: m.key, n: m.receiveCount });
		const duplicate = m.copyOf !== undefined || wasDeliveredBefore(q, m);
		q.ctx.trace({
			type: 'received',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			by,
			receiveCount: m.receiveCount,
			visibleAt: m.visibleAt,
			...(s.config.FifoQueue ? {} : { server: m.servers[0] as number }),
			...(duplicate ? { duplicate: true } : {}),
			...(m.groupId !== undefined ? { groupId: m.groupId } : {}),
			...(m.copyOf !== undefined
				? { cause: 'copy-missed-delete' }
				: m.receiveCount > 1
					? { cause: 'visibility-timeout' }
					: {})
		});
		const out = toOutput(q, m, input);
		if (withOrigin) out.origin = m.origin;
		messages.push(out);
		entries.push([m.key, m.receiveCount]);
	}
	if (s.config.FifoQueue && input.ReceiveRequestAttemptId !== undefined) {
		s.attempts.set(input.ReceiveRequestAttemptId, { at: now, entries });
	}
	return { Messages: messages };
}

function wasDeliveredBefore(q: QueueCore, m: StoredMessage): boolean {
	return m.receiveCount > 1;
}

function replayAttempt(q: QueueCore, input: ReceiveMessageInput): ReceiveMessageOutput | undefined {
	const s = q.s;
	const now = q.ctx.now();
	const attempt = s.attempts.get(input.ReceiveRequestAttemptId as string);
	if (!attempt) return undefined;
	if (now - attempt.at > ATTEMPT_WINDOW_MS) {
		s.attempts.delete(input.ReceiveRequestAttemptId as string);
		return undefined;
	}
	const messages: ReceivedMessage[] = [];
	for (const [key, n] of attempt.entries) {
		const m = s.messages.get(key);
		if (!m || m.status !== 'inFlight' || m.receiveCount !== n || m.visibilityChangedAt !== undefined) {
			s.attempts.delete(input.ReceiveRequestAttemptId as string);
			return undefined;
		}
		messages.push(toOutput(q, m, input));
	}
	return messages.length > 0 ? { Messages: messages } : {};
}

/** The machine's makeAvailable effect: receivable again from now, after waiting long polls are served. */
export function makeAvailable(q: QueueCore, m: StoredMessage): void {
	m.availableSince = q.ctx.now();
	m.tie = q.rng.next(); // SQS-STD-1 [sim]: seeded shuffle within a tick.
	delete m.inFlightSince;
	if (!q.s.config.FifoQueue) pushAvailable(q, m);
	serviceWaiters(q);
}

/** Hand newly available messages to long-polling waiters, oldest waiter first. */
export function serviceWaiters(q: QueueCore): void {
	const s = q.s;
	while (s.waiters.length > 0) {
		if (s.counts.available === 0) return;
		const w = s.waiters[0] as Waiter;
		const keys = collect(q, w.input.MaxNumberOfMessages ?? 1, true);
		if (keys.length === 0) return;
		s.waiters.shift();
		q.ctx.cancel(w.timer);
		const output = deliver(q, keys, w.input, w.owner, w.withOrigin);
		const ev: ReceiveResultEvent = {
			type: 'RECEIVE_RESULT',
			queue: q.id,
			requestId: w.requestId,
			output
		};
		q.ctx.at(q.ctx.now(), w.owner, ev);
	}
}

export function onWaitTimeout(q: QueueCore, waiterId: number): void {
	const s = q.s;
	const idx = s.waiters.findIndex((w) => w.id === waiterId);
	if (idx < 0) return;
	const [w] = s.waiters.splice(idx, 1) as [Waiter];
	q.ctx.trace({ type: 'receive-empty', node: q.id, by: w.owner, wait: true });
	const ev: ReceiveResultEvent = {
		type: 'RECEIVE_RESULT',
		queue: q.id,
		requestId: w.requestId,
		output: {}
	};
	q.ctx.at(q.ctx.now(), w.owner, ev);
}

/** Remove a waiting long poll (its owner went away). */
export function cancelWait(q: QueueCore, waiterId: number): boolean {
	const s = q.s;
	const idx = s.waiters.findIndex((w) => w.id === waiterId);
	if (idx < 0) return false;
	q.ctx.cancel((s.waiters[idx] as Waiter).timer);
	s.waiters.splice(idx, 1);
	return true;
}
