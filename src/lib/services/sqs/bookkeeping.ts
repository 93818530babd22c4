// The queue's bookkeeping: every status change goes through the message lifecycle machine (counts and FIFO
// group locks follow it), messages leave when they reach a final state, timers are re-armed, copies placed,
// sequence numbers drawn and FIFO throughput throttled.

import { hashString32 } from '../../engine/random';
import { sqsQueueArn, sqsQueueUrl } from '../shared/aws';
import { awsError } from '../shared/errors';
import { FIFO_HIGH_THROUGHPUT_PARTITIONS, FIFO_TPS } from './limits';
import type { Guards } from '../shared/compile-machine';
import {
	type MessageEvent,
	type MessageGuard,
	type MessageStatus,
	messageLifecycle
} from './message-lifecycle';
import { servedBefore, type QueueCore, type QueueEvent, type StoredMessage } from './state';

/**
 * Advance a message through the lifecycle machine: the machine picks the transition (its guards evaluated
 * here, e.g. SQS-DLQ-1 at receive), the counts and FIFO group locks follow, then the queue's executor
 * performs the transition's named effects in order. Returns the new status. An event the machine does not
 * accept in the message's status is a bug in the queue's bookkeeping and throws.
 */
export function transition(
	q: QueueCore,
	m: StoredMessage,
	event: MessageEvent,
	guards?: Guards<MessageGuard>
): MessageStatus {
	const s = q.s;
	const from = m.status;
	const stepped = messageLifecycle.step(from, event, guards);
	if (stepped === undefined) throw new Error(`sqs-message: no transition for ${event} in state ${from}`);
	const [to, effects] = stepped;
	if (from === to) return to;
	if (from === 'delayed' || from === 'available' || from === 'inFlight') s.counts[from]--;
	if (to === 'delayed' || to === 'available' || to === 'inFlight') s.counts[to]++;
	if (s.config.FifoQueue && m.groupId !== undefined && !m.copyOf) {
		const g = s.groups.get(m.groupId);
		if (g) {
			if (to === 'inFlight') g.inFlight++;
			if (from === 'inFlight') g.inFlight--;
		}
	}
	m.status = to;
	for (const effect of effects) q.perform(effect, m);
	return to;
}

/** Schedule one of the queue's own events at `t` (typed: only events the queue handles). */
export function schedule(q: QueueCore, t: number, event: QueueEvent): number {
	return q.ctx.at(t, q.id, event);
}

export function pushAvailable(q: QueueCore, m: StoredMessage): void {
	if (q.s.config.FifoQueue) return;
	const server = m.servers[0] as number;
	const list = q.s.available[server] as [string, number][];
	// SQS-STD-1: keep the server's live entries sorted, so a message back from flight goes
	// back to its place ahead of later arrivals. Stale entries are skipped over (receive skips them anyway).
	m.queuedAt ??= m.availableSince;
	const head = q.s.availableHead[server] as number;
	let i = list.length;
	while (i > head) {
		const [key, since] = list[i - 1] as [string, number];
		const other = q.s.messages.get(key);
		const live = other !== undefined && other.status === 'available' && other.availableSince === since;
		if (live && !servedBefore(m, other)) break;
		i--;
	}
	if (i === list.length) list.push([m.key, m.availableSince]);
	else list.splice(i, 0, [m.key, m.availableSince]);
}

export function groupAppend(q: QueueCore, m: StoredMessage): void {
	const s = q.s;
	const id = m.groupId as string;
	let g = s.groups.get(id);
	if (!g) {
		g = { keys: [], inFlight: 0 };
		s.groups.set(id, g);
	}
	g.keys.push(m.key);
}

/** Drop a message that reached a final state (its data leaves the queue). */
export function finish(q: QueueCore, m: StoredMessage): void {
	const s = q.s;
	if (m.timer !== undefined) q.ctx.cancel(m.timer);
	if (m.expiryTimer !== undefined) q.ctx.cancel(m.expiryTimer);
	// Cleared by assignment, never `delete` (which turns the object into a slow dictionary), here and elsewhere.
	m.timer = undefined;
	m.expiryTimer = undefined;
	s.messages.delete(m.key);
	if (s.config.FifoQueue && m.groupId !== undefined) {
		const g = s.groups.get(m.groupId);
		if (g) {
			const idx = g.keys.indexOf(m.key);
			if (idx >= 0) g.keys.splice(idx, 1);
			if (g.keys.length === 0 && g.inFlight === 0) s.groups.delete(m.groupId);
		}
	}
}

export function retime(q: QueueCore, m: StoredMessage, at: number, type: 'DELAY' | 'VIS'): void {
	if (m.timer !== undefined) q.ctx.cancel(m.timer);
	m.visibleAt = at;
	m.timer = schedule(q, at, type === 'VIS' ? { type, key: m.key, n: m.receiveCount } : { type, key: m.key });
}

export function scheduleExpiry(q: QueueCore, m: StoredMessage): void {
	if (m.expiryTimer !== undefined) q.ctx.cancel(m.expiryTimer);
	m.expiryTimer = schedule(q, m.enqueuedAt + q.s.config.MessageRetentionPeriod * 1000, {
		type: 'EXPIRE',
		key: m.key
	});
}

export function placeCopies(q: QueueCore): number[] {
	const nd = q.s.config.nondeterminism;
	// One server (nondeterminism off): the shuffle would draw nothing, so the answer is the same [0].
	if (nd.servers === 1) return [0];
	// A Fisher–Yates shuffle of the servers, of which the first `copies` are kept: the same draws as
	// rng.shuffle over [0, 1, …], in one array and without the slice.
	const servers: number[] = [];
	for (let k = 0; k < nd.servers; k++) servers.push(k);
	q.rng.shuffle(servers);
	servers.length = Math.min(servers.length, Math.max(1, nd.copies));
	return servers;
}

export function pruneDedup(q: QueueCore, now: number): void {
	for (const [k, v] of q.s.dedup) {
		if (v.expiresAt > now) break;
		q.s.dedup.delete(k);
	}
}

/** SQS-FIFO-10: large, unique, increasing, not consecutive. */
export function nextSequence(q: QueueCore, now: number): string {
	const s = q.s;
	const base = 18_000_000_000_000_000_000n + BigInt(Math.floor(now)) * 1_000_000n;
	const last = s.lastSequence === '' ? 0n : BigInt(s.lastSequence);
	const next = (last >= base ? last : base) + 1n + BigInt(q.rng.int(1000));
	s.lastSequence = next.toString();
	return s.lastSequence;
}

/** SQS-FIFO-9: 300 transactions/s per action (per partition in high-throughput mode). */
export function throttle(q: QueueCore, action: string, groupId?: string): void {
	const cfg = q.s.config;
	if (!cfg.FifoQueue) return;
	const high = cfg.FifoThroughputLimit === 'perMessageGroupId' && cfg.DeduplicationScope === 'messageGroup';
	const partition = high
		? groupId === undefined
			? 'all'
			: String(hashString32(groupId) % FIFO_HIGH_THROUGHPUT_PARTITIONS)
		: 'queue';
	const limit = high && partition === 'all' ? FIFO_TPS * FIFO_HIGH_THROUGHPUT_PARTITIONS : FIFO_TPS;
	const key = `${action}:${partition}`;
	const second = Math.floor(q.ctx.now() / 1000);
	const bucket = q.s.tps.get(key);
	if (!bucket || bucket.second !== second) {
		q.s.tps.set(key, { second, count: 1 });
		return;
	}
	if (bucket.count >= limit) {
		throw awsError('ThrottlingException', 'Rate exceeded', 'client');
	}
	bucket.count++;
}

export function markPoison(q: QueueCore, origin: string): void {
	if (!isPoison(q, origin)) q.s.poison.push(origin);
}

/** Whether a make-poison action marked this origin here (consumers and Lambdas then fail it). */
export function isPoison(q: QueueCore, origin: string): boolean {
	const list = q.s.poison;
	return list.length > 0 && list.includes(origin);
}

export function compareSequence(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function queueArn(q: QueueCore): string {
	return sqsQueueArn(q.s.config.QueueName);
}

export function queueUrl(q: QueueCore): string {
	return sqsQueueUrl(q.s.config.QueueName);
}
