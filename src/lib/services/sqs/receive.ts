// ReceiveMessage: standard queues ask simulated servers (SQS-STD-1/-2); FIFO queues take each group's run up to
// its first in-flight message, groups in the order their heads became available (SQS-FIFO-5/-6/-12, see
// collectFifo); messages past maxReceiveCount move to the DLQ on the way (SQS-DLQ-1); long polls wait
// (SQS-STD-2) and are served as messages become available.

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
	FIFO_RECEIVE_SCAN,
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
	nextTie,
	servedBefore,
	peerQueue
} from './state';
import { checkFifoId, checkVisibility } from './validation';
import type { TraceInput } from '../../engine/trace';

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
		// Merge the heads of the asked servers by (queuedAt, tie): best-effort order (SQS-STD-1).
		let best: StoredMessage | undefined;
		let bestServer = -1;
		for (const k of asked) {
			const m = headOf(q, k);
			if (m && (!best || servedBefore(m, best))) {
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

/*
 * How a FIFO receive picks its messages, as AWS records it (LocalStack test_sqs.py, real AWS):
 *
 * SQS-FIFO-5, the positional group lock: a group can give only the run of available messages from its head
 * (its oldest live message) up to the first message that is in flight (or still delayed). Nothing behind an
 * in-flight message is returned, which keeps the group in order; but a message *ahead* of an in-flight one that
 * became visible again (its visibility ran out or was set to 0) is returned while the later one stays in
 * flight (test_fifo_group_visibility_extends_with_change_message_visibility,
 * test_fifo_message_group_visibility_after_terminate_visibility_timeout).
 *
 * SQS-FIFO-12, which group goes first: groups are served in the order their head became available (sent, or
 * visible again after a visibility timeout or change): by that time, then a head that was never in flight
 * before one that came back, then send order (test_fifo_receive_message_with_zero_visibility_timeout,
 * test_fifo_receive_message_visibility_timeout_shared_in_group, test_fifo_message_group_visibility_after_delete).
 *
 * SQS-FIFO-6: a receive takes as much of one group's run as it can before it moves to the next group.
 * SQS-FIFO-11: a head that is dead-lettered on the way leaves the group, and the next message is the head.
 * SQS-STD-11: only the first FIFO_RECEIVE_SCAN messages of the backlog are looked at, and a receive never takes
 * the queue past MAX_IN_FLIGHT_FIFO messages in flight.
 */
function collectFifo(q: QueueCore, max: number): string[] {
	const s = q.s;
	const out: string[] = [];
	const room = MAX_IN_FLIGHT_FIFO - s.counts.inFlight;
	if (room < max) max = room;
	if (max <= 0) return out;
	const scanned = scanLimit(q);
	const ready: Ready[] = [];
	for (const [id, group] of s.groups) {
		const head = groupHead(q, id, group);
		if (head && head.status === 'available' && scanned(head)) ready.push({ group, head });
	}
	// SQS-FIFO-12: the earliest head next (a selection, not a sort: a receive rarely needs more than a few groups).
	while (out.length < max && ready.length > 0) {
		let best = 0;
		for (let k = 1; k < ready.length; k++) {
			if (compareAvailability((ready[k] as Ready).head, (ready[best] as Ready).head) < 0) best = k;
		}
		const { group } = ready[best] as Ready;
		ready[best] = ready[ready.length - 1] as Ready;
		ready.pop();
		let i = 0;
		while (out.length < max && i < group.keys.length) {
			const m = s.messages.get(group.keys[i] as string);
			// SQS-FIFO-5: the run ends at the first message in flight (or delayed).
			if (!m || m.status !== 'available' || !scanned(m)) break;
			// SQS-FIFO-11: a dead-lettered message left the group; the next one moved up to index i.
			if (take(q, m)) {
				out.push(m.key);
				i++;
			}
		}
	}
	return out;
}

type Ready = { group: FifoGroup; head: StoredMessage };

/**
 * SQS-FIFO-12: the groups the next receive would serve, in the order it would serve them (groups whose head is
 * available, earliest head first). For views: a receive itself selects as it goes (collectFifo).
 */
export function fifoServiceOrder(q: QueueCore): string[] {
	const s = q.s;
	if (!s.config.FifoQueue) return [];
	const scanned = scanLimit(q);
	const ready: { id: string; head: StoredMessage }[] = [];
	for (const [id, group] of s.groups) {
		let head: StoredMessage | undefined;
		for (const key of group.keys) if ((head = s.messages.get(key))) break; // stray keys: finished messages
		if (head && head.status === 'available' && scanned(head)) ready.push({ id, head });
	}
	return ready.sort((a, b) => compareAvailability(a.head, b.head)).map((r) => r.id);
}

/** SQS-FIFO-12: which of two group heads became available first (time, sent before came back, send order). */
function compareAvailability(a: StoredMessage, b: StoredMessage): number {
	return (
		a.availableSince - b.availableSince ||
		Number(a.cameBack ?? false) - Number(b.cameBack ?? false) ||
		compareSequence(a.sequenceNumber ?? '', b.sequenceNumber ?? '')
	);
}

/**
 * SQS-STD-11: a FIFO receive scans only the first FIFO_RECEIVE_SCAN messages of the backlog (in enqueue order,
 * in flight included) to find available groups; messages past them are not seen until the backlog shrinks.
 */
function scanLimit(q: QueueCore): (m: StoredMessage) => boolean {
	const s = q.s;
	if (s.messages.size <= FIFO_RECEIVE_SCAN) return () => true;
	let n = 0;
	let last = '';
	for (const m of s.messages.values()) {
		if (++n === FIFO_RECEIVE_SCAN) {
			last = m.sequenceNumber ?? '';
			break;
		}
	}
	return (m) => compareSequence(m.sequenceNumber ?? '', last) <= 0;
}

/** A group's head: its oldest live message (finished messages leave `keys`; stray keys are dropped here). */
function groupHead(q: QueueCore, id: string, group: FifoGroup): StoredMessage | undefined {
	const s = q.s;
	while (group.keys.length > 0) {
		const m = s.messages.get(group.keys[0] as string);
		if (m) return m;
		group.keys.shift();
	}
	if (group.inFlight === 0) s.groups.delete(id);
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
	// SQS-FIFO: a receive with an attempt id is remembered, so a retry of it gets the same messages.
	const remembered = s.config.FifoQueue && input.ReceiveRequestAttemptId !== undefined;
	const entries: [string, number][] = [];
	for (const key of keys) {
		const m = s.messages.get(key) as StoredMessage;
		m.receiveCount++; // SQS-STD-7
		m.firstReceiveAt ??= now;
		m.inFlightSince = now;
		m.receivedBy = by;
		// SQS-STD-5: back because a visibility change made it visible at once (a release), not because it ran out.
		const released = m.visibilityChangedAt !== undefined && m.visibleAt === m.visibilityChangedAt;
		m.visibleAt = now + vtS * 1000;
		m.visibilityChangedAt = undefined;
		if (m.timer !== undefined) q.ctx.cancel(m.timer);
		m.timer = schedule(q, m.visibleAt, { type: 'VIS', key: m.key, n: m.receiveCount });
		const duplicate = m.copyOf !== undefined || wasDeliveredBefore(q, m);
		const event: Extract<TraceInput, { type: 'received' }> = {
			type: 'received',
			node: q.id,
			msg: m.MessageId,
			origin: m.origin,
			by,
			receiveCount: m.receiveCount,
			visibleAt: m.visibleAt
		};
		// The optional fields in this order, assigned rather than spread (once per receive).
		if (!s.config.FifoQueue) event.server = m.servers[0];
		if (duplicate) event.duplicate = true;
		if (m.groupId !== undefined) event.groupId = m.groupId;
		if (m.copyOf !== undefined) event.cause = 'copy-missed-delete';
		else if (m.receiveCount > 1) event.cause = released ? 'visibility-changed' : 'visibility-timeout';
		q.ctx.trace(event);
		const out = toOutput(q, m, input);
		if (withOrigin) out.origin = m.origin;
		messages.push(out);
		if (remembered) entries.push([m.key, m.receiveCount]);
	}
	if (remembered) {
		s.attempts.set(input.ReceiveRequestAttemptId as string, { at: now, entries });
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
	// SQS-FIFO-12: a message back from flight queues its group behind groups whose head was sent (same instant).
	if (m.inFlightSince !== undefined) m.cameBack = true;
	else m.cameBack = undefined;
	m.tie = nextTie(q, m); // SQS-STD-1 [sim]: seeded shuffle within a tick (arrival order when off).
	m.inFlightSince = undefined;
	if (!q.s.config.FifoQueue) {
		pushAvailable(q, m);
		serviceWaiters(q);
		return;
	}
	// SQS-FIFO-5/-6: messages received together come back together (their visibility timers are due at the same
	// instant). Serve waiting long polls once all of them are visible, at the end of this instant, so a poll gets
	// the group's whole run rather than its first message alone.
	if (q.s.servePending) return;
	q.s.servePending = true;
	schedule(q, q.ctx.now(), { type: 'SERVE' });
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
