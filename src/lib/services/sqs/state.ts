// A queue's state as plain data (what snapshot/restore copy) and the core every part of the queue works on:
// the node's id, its context, its seeded random source and the queue resolver, with the state itself.

import type { Random } from '../../engine/random';
import type { SimContext, SimNode } from '../../engine/simulation';
import type { ActionEvent } from '../shared/operator';
import type { ReceiveMessageInput } from './api-types';
import type { QueueConfig } from './config';
import type { MessageAttributes } from './message';
import type { MessageEffect, MessageStatus } from './message-lifecycle';
import type { MoveTaskStatus } from './move-task-lifecycle';

/** One stored message (or, on a standard queue, a stray copy that missed a delete). */
export interface StoredMessage {
	key: string;
	MessageId: string;
	origin: string;
	Body: string;
	MD5OfBody: string;
	MessageAttributes?: MessageAttributes;
	MD5OfMessageAttributes?: string;
	/** SQS-STD-13: the system attributes the sender set (AWSTraceHeader), kept on a move to the DLQ. */
	MessageSystemAttributes?: MessageAttributes;
	status: MessageStatus;
	sentAt: number;
	/** Retention counts from here (SQS-STD-9; SQS-DLQ-3 keeps it on a standard DLQ move). */
	enqueuedAt: number;
	/** When a delayed or in-flight message becomes available. */
	visibleAt: number;
	availableSince: number;
	/** SQS-FIFO-12: it became available by coming back from flight (not by being sent or its delay ending). */
	cameBack?: boolean;
	/** Seeded tie-break among messages that became available in the same tick (SQS-STD-1 [sim]). */
	tie: number;
	/**
	 * SQS-STD-1: when the message first became available here (standard queues). A message back from flight
	 * keeps this place in line (LocalStack test_sqs.snapshot.json, test_inflight_message_requeue).
	 */
	queuedAt?: number;
	receiveCount: number;
	firstReceiveAt?: number;
	/** Start of the current in-flight period (SQS-STD-5: 12 h cap). */
	inFlightSince?: number;
	visibilityChangedAt?: number;
	receivedBy?: string;
	timer?: number;
	expiryTimer?: number;
	groupId?: string;
	dedupId?: string;
	sequenceNumber?: string;
	senderId: string;
	/** Servers holding a copy; the first is the one a short poll must ask to see it. */
	servers: number[];
	/** Set on a stray copy: the key of the message it copies. */
	copyOf?: string;
	deadLetterSourceArn?: string;
	/** Where the copy that became a stray lives. */
	copies: number;
}

/** A FIFO group: its live messages in enqueue order (the first is its head) and how many are in flight. */
export interface FifoGroup {
	keys: string[];
	inFlight: number;
}

export interface Waiter {
	id: number;
	owner: string;
	requestId: string;
	input: ReceiveMessageInput;
	withOrigin: boolean;
	deadline: number;
	timer: number;
}

export interface MoveTask {
	TaskHandle: string;
	Status: MoveTaskStatus;
	SourceArn: string;
	DestinationArn?: string;
	MaxNumberOfMessagesPerSecond?: number;
	ratePerSecond: number;
	ApproximateNumberOfMessagesMoved: number;
	ApproximateNumberOfMessagesToMove: number;
	StartedTimestamp: number;
	pending: string[];
	timer?: number;
}

export interface QueueState {
	config: QueueConfig;
	createdAt: number;
	lastModifiedAt: number;
	messages: Map<string, StoredMessage>;
	/** Standard: per server, keys in the order they became available ([key, availableSince]). */
	available: [string, number][][];
	availableHead: number[];
	groups: Map<string, FifoGroup>;
	waiters: Waiter[];
	/** FIFO: a SERVE event is due at this instant (makeAvailable defers serving long polls to it). */
	servePending?: boolean;
	nextWaiterId: number;
	dedup: Map<string, { messageId: string; sequenceNumber?: string; expiresAt: number }>;
	attempts: Map<string, { at: number; entries: [string, number][] }>;
	lastSequence: string;
	counts: { delayed: number; available: number; inFlight: number };
	lastPurgeAt?: number;
	moveTasks: MoveTask[];
	tps: Map<string, { second: number; count: number }>;
	copySeq: number;
	/** SQS-STD-1: the last arrival-order tie handed out (sameTickOrder 'arrival'). */
	tieSeq?: number;
	deleted: boolean;
	/**
	 * Origins a make-poison action marked (operator actions): every processing of such a message that ends
	 * from then on fails. The mark travels with the message to its DLQ and through move tasks.
	 */
	poison: string[];
}

/** The events a queue schedules on itself (its timers) and the operator actions a scenario schedules. */
export type QueueEvent =
	| { type: 'DELAY'; key: string }
	| { type: 'VIS'; key: string; n: number }
	| { type: 'EXPIRE'; key: string }
	| { type: 'WAIT_TIMEOUT'; waiter: number }
	| { type: 'SERVE' }
	| { type: 'MOVE_TICK'; task: string }
	| ActionEvent;

/** A fresh queue's state. */
export function newQueueState(config: QueueConfig, now: number): QueueState {
	return {
		config,
		createdAt: now,
		lastModifiedAt: now,
		messages: new Map(),
		available: Array.from({ length: config.nondeterminism.servers }, () => []),
		availableHead: Array.from({ length: config.nondeterminism.servers }, () => 0),
		groups: new Map(),
		waiters: [],
		nextWaiterId: 1,
		dedup: new Map(),
		attempts: new Map(),
		lastSequence: '',
		counts: { delayed: 0, available: 0, inFlight: 0 },
		moveTasks: [],
		tps: new Map(),
		copySeq: 0,
		deleted: false,
		poison: []
	};
}

/**
 * A direct-mapped cache of decoded receipt handles (receipt-handle.ts): slot by the handle's last check digits,
 * so a lookup is one string comparison (the consumer hands back the very string it got) where a Map hashed
 * every new ~100-character handle on insert (3% of a fan-out run).
 */
export interface HandleCache {
	readonly handles: (string | undefined)[];
	readonly values: ({ key: string; n: number } | undefined)[];
}

/**
 * What the parts of a queue (send, receive, delete, visibility, batches, move tasks, timers) work on. `s` is
 * replaced on restore, so parts read it through the core each time and never keep it.
 */
export interface QueueCore {
	readonly id: string;
	readonly ctx: SimContext;
	readonly rng: Random;
	/** Resolves a queue reference (node id, name, URL or ARN) to a node id. */
	readonly resolve: (ref: string) => string | undefined;
	s: QueueState;
	/** Receipt handles issued or decoded recently → what they name (a cache of a pure function; not state). */
	readonly decoded: HandleCache;
	/** The system attribute names the last receive asked for (a cache, worked out again when the lists change). */
	wanted: { attributes: string[]; system: string[]; names: Set<string> } | undefined;
	/** The queue's one executor of the lifecycle machine's named effects (queue.ts). */
	readonly perform: (effect: MessageEffect, m: StoredMessage) => void;
}

/**
 * What one queue asks of another: a dead-letter queue accepts a redriven message, a move task's destination
 * a moved one, and the poison mark travels with either.
 */
export interface QueuePeer extends SimNode {
	readonly fifo: boolean;
	markPoison(origin: string): void;
	acceptDeadLetter(m: StoredMessage, sourceArn: string, sourceNode: string): void;
	acceptMovedMessage(m: StoredMessage, sourceNode: string): { MessageId: string };
}

/** The queue node `id` names, when there is one (a missing or non-queue node gives undefined). */
export function peerQueue(ctx: SimContext, id: string | undefined): QueuePeer | undefined {
	if (id === undefined || !ctx.hasNode(id)) return undefined;
	const node = ctx.node(id);
	return node.type === 'sqs-queue' ? (node as QueuePeer) : undefined;
}

/**
 * SQS-STD-1 [sim]: the tie-break of a message becoming available now. The seeded draw is always taken so the
 * random stream does not depend on the preset; with sameTickOrder 'arrival' the tie is the arrival order.
 */
export function nextTie(q: QueueCore, m?: StoredMessage): number {
	const r = q.rng.next();
	if (!arrivalOrder(q)) return r;
	if (m?.queuedAt !== undefined) return m.tie;
	q.s.tieSeq = (q.s.tieSeq ?? 0) + 1;
	return q.s.tieSeq;
}

/** SQS-STD-1: whether this standard queue serves messages in arrival order (the 'off' preset). */
export function arrivalOrder(q: QueueCore): boolean {
	return q.s.config.nondeterminism.sameTickOrder === 'arrival';
}

/**
 * SQS-STD-1: whether `a` is served before `b` on a standard queue: by when each first became available here
 * (a message back from flight keeps its place ahead of later arrivals: LocalStack test_sqs.snapshot.json,
 * test_inflight_message_requeue), then the tie (seeded, or arrival order with nondeterminism off).
 */
export function servedBefore(a: StoredMessage, b: StoredMessage): boolean {
	const ta = a.queuedAt ?? a.availableSince;
	const tb = b.queuedAt ?? b.availableSince;
	return ta < tb || (ta === tb && a.tie < b.tie);
}
