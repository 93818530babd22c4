// An SQS queue (standard or FIFO) as a simulation node. The API methods take and return AWS SDK v3 shapes
// and throw AwsError with AWS's codes, so the same code serves the sandbox facade and the scenario clients.
// Per-message state is plain data advanced through the message lifecycle machine; every timer (delay,
// visibility, retention, long-poll wait, move task) is a data event on the engine's scheduler. Operator
// actions start move tasks, send messages by hand and mark a message poison (docs/ARCHITECTURE.md
// "Operator actions").

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import { hashString32, type Random } from '../../engine/random';
import { epochMs, SENDER_ID, sqsQueueArn, sqsQueueUrl } from '../shared/aws';
import { awsError } from '../shared/errors';
import type { QueueConfig } from './config';
import {
	invalidBodyCharacter,
	md5Hex,
	md5OfMessageAttributes,
	messageSize,
	normaliseAttributes,
	validateMessageAttributes,
	type MessageAttributes
} from './message';
import { isLive, messageLifecycle, type MessageEvent, type MessageStatus } from './message-lifecycle';
import { sha256 } from '@noble/hashes/sha2.js';
import { Murmur128 } from '../../engine/murmur128';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { SqsQueueAction } from '../../engine/scenario';
import { scheduleActions, traceOperatorAction } from '../shared/operator';

const DEDUP_WINDOW_MS = 5 * 60 * 1000; // SQS-FIFO-3
const ATTEMPT_WINDOW_MS = 5 * 60 * 1000; // SQS-FIFO-8
const MAX_IN_FLIGHT_STANDARD = 120_000; // SQS-STD-11
const MAX_IN_FLIGHT_FIFO = 20_000; // SQS-STD-11 (third-party source only; unverified against AWS quotas)
const MAX_VISIBILITY_S = 43_200; // SQS-STD-4/-5
const FIFO_TPS = 300; // SQS-FIFO-9
const FIFO_HIGH_THROUGHPUT_PARTITIONS = 234; // SQS-FIFO-9: ~70,000 TPS / 300 TPS per partition (unverified)
const PURGE_COOLDOWN_MS = 60_000;

/** One stored message (or, on a standard queue, a stray copy that missed a delete). */
export interface StoredMessage {
	key: string;
	MessageId: string;
	origin: string;
	Body: string;
	MD5OfBody: string;
	MessageAttributes?: MessageAttributes;
	MD5OfMessageAttributes?: string;
	status: MessageStatus;
	sentAt: number;
	/** Retention counts from here (SQS-STD-9; SQS-DLQ-3 keeps it on a standard DLQ move). */
	enqueuedAt: number;
	/** When a delayed or in-flight message becomes available. */
	visibleAt: number;
	availableSince: number;
	/** Seeded tie-break among messages that became available in the same tick (SQS-STD-1 [sim]). */
	tie: number;
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

interface FifoGroup {
	keys: string[];
	head: number;
	inFlight: number;
}

interface Waiter {
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
	Status: 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
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

interface QueueState {
	config: QueueConfig;
	createdAt: number;
	lastModifiedAt: number;
	messages: Map<string, StoredMessage>;
	/** Standard: per server, keys in the order they became available ([key, availableSince]). */
	available: [string, number][][];
	availableHead: number[];
	groups: Map<string, FifoGroup>;
	waiters: Waiter[];
	nextWaiterId: number;
	dedup: Map<string, { messageId: string; sequenceNumber?: string; expiresAt: number }>;
	attempts: Map<string, { at: number; entries: [string, number][] }>;
	lastSequence: string;
	counts: { delayed: number; available: number; inFlight: number };
	lastPurgeAt?: number;
	moveTasks: MoveTask[];
	tps: Map<string, { second: number; count: number }>;
	copySeq: number;
	deleted: boolean;
	/**
	 * Origins a make-poison action marked (operator actions): every processing of such a message that ends
	 * from then on fails. The mark travels with the message to its DLQ and through move tasks.
	 */
	poison: string[];
}

export interface SendMessageInput {
	QueueUrl?: string;
	MessageBody: string;
	DelaySeconds?: number;
	MessageAttributes?: MessageAttributes;
	MessageSystemAttributes?: Record<string, unknown>;
	MessageDeduplicationId?: string;
	MessageGroupId?: string;
}

export interface SendMessageOutput {
	MessageId: string;
	MD5OfMessageBody: string;
	MD5OfMessageAttributes?: string;
	SequenceNumber?: string;
}

export interface ReceiveMessageInput {
	QueueUrl?: string;
	MaxNumberOfMessages?: number;
	VisibilityTimeout?: number;
	WaitTimeSeconds?: number;
	AttributeNames?: string[];
	MessageSystemAttributeNames?: string[];
	MessageAttributeNames?: string[];
	ReceiveRequestAttemptId?: string;
}

export interface ReceivedMessage {
	MessageId: string;
	ReceiptHandle: string;
	MD5OfBody: string;
	Body: string;
	Attributes?: Record<string, string>;
	MessageAttributes?: MessageAttributes;
	MD5OfMessageAttributes?: string;
	/** Simulator-internal: the producer's original id, only for scenario clients that ask (withOrigin). */
	origin?: string;
}

export interface ReceiveMessageOutput {
	Messages?: ReceivedMessage[];
}

/** Who sends: the node id (producer, topic, sandbox…) and the id of the original message it carries. */
export interface SendContext {
	from: string;
	origin?: string;
	senderId?: string;
}

export interface ReceiveContext {
	/** The node that asked (a consumer, a Lambda poller, the sandbox client). */
	by: string;
	/** Correlates a long-poll result delivered later as a RECEIVE_RESULT event to `by`. */
	requestId?: string;
	/** Scenario clients get the producer's original id on each message (not part of AWS's shape). */
	withOrigin?: boolean;
}

export type ReceiveResult =
	{ kind: 'done'; output: ReceiveMessageOutput } | { kind: 'waiting'; waiterId: number };

/** The event a long-polling client gets when its wait ends. */
export interface ReceiveResultEvent extends NodeEvent {
	type: 'RECEIVE_RESULT';
	queue: string;
	requestId: string;
	output: ReceiveMessageOutput;
}

function compareSequence(a: string, b: string): number {
	return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export class SqsQueue implements SimNode {
	readonly id: string;
	readonly type = 'sqs-queue';
	readonly ctx: SimContext;
	readonly rng: Random;
	/** Resolves a queue reference (node id, name, URL or ARN) to a node id. */
	readonly resolve: (ref: string) => string | undefined;
	#s: QueueState;
	/** Receipt handles issued or decoded recently → what they name (a cache of a pure function; not state). */
	readonly #decoded = new Map<string, { key: string; n: number }>();
	#wanted: { input: ReceiveMessageInput; names: Set<string> } | undefined;

	constructor(
		id: string,
		config: QueueConfig,
		ctx: SimContext,
		resolve: (ref: string) => string | undefined
	) {
		this.id = id;
		this.ctx = ctx;
		this.rng = ctx.random(`sqs:${id}`);
		this.resolve = resolve;
		this.#s = {
			config,
			createdAt: ctx.now(),
			lastModifiedAt: ctx.now(),
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

	// Introspection (read-only; never changes the simulation) -----------------------------------------

	get config(): Readonly<QueueConfig> {
		return this.#s.config;
	}
	get fifo(): boolean {
		return this.#s.config.FifoQueue;
	}
	get arn(): string {
		return sqsQueueArn(this.#s.config.QueueName);
	}
	get url(): string {
		return sqsQueueUrl(this.#s.config.QueueName);
	}
	get counts(): Readonly<QueueState['counts']> {
		return this.#s.counts;
	}
	get createdAt(): number {
		return this.#s.createdAt;
	}
	get lastModifiedAt(): number {
		return this.#s.lastModifiedAt;
	}
	/** Live messages and stray copies, for the inspector and checkers. */
	messages(): StoredMessage[] {
		return [...this.#s.messages.values()];
	}
	message(key: string): StoredMessage | undefined {
		return this.#s.messages.get(key);
	}
	moveTasks(): readonly MoveTask[] {
		return this.#s.moveTasks;
	}
	/** FIFO groups with a message in flight (locked, SQS-FIFO-5). */
	lockedGroups(): string[] {
		return [...this.#s.groups].filter(([, g]) => g.inFlight > 0).map(([id]) => id);
	}
	/** Whether a make-poison action marked this origin here (consumers and Lambdas then fail it). */
	isPoison(origin: string): boolean {
		const list = this.#s.poison;
		return list.length > 0 && list.includes(origin);
	}
	/** The origins marked poison here, in the order they were marked. */
	poisonOrigins(): readonly string[] {
		return this.#s.poison;
	}

	// SimNode ----------------------------------------------------------------------------------------

	/** Operator actions scheduled by a scenario (move tasks, send-message, make-poison). */
	actions: SqsQueueAction[] = [];

	start(): void {
		scheduleActions(this.ctx, this.id, this.actions);
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as QueueState;
	}

	handle(event: NodeEvent): void {
		switch (event.type) {
			case 'DELAY':
				return this.#onDelayElapsed(event.key as string);
			case 'VIS':
				return this.#onVisibilityExpired(event.key as string, event.n as number);
			case 'EXPIRE':
				return this.#onExpire(event.key as string);
			case 'WAIT_TIMEOUT':
				return this.#onWaitTimeout(event.waiter as number);
			case 'ACTION':
				return this.#action(event.k as number);
			case 'MOVE_TICK':
				return this.#onMoveTick(event.task as string);
			default:
				throw new Error(`sqs-queue ${this.id}: unknown event ${event.type}`);
		}
	}

	/**
	 * Operator actions. start-message-move-task: SQS-DLQ-4 on this queue (a second task while one runs is
	 * rejected). send-message: SendMessage with its rules, from `operator`; the message's origin is
	 * `op-<k>@<queue>` (k its position in Actions); a rejected send is traced as produce-failed, not thrown.
	 * make-poison: marks an origin (see QueueState.poison).
	 */
	#action(k: number): void {
		const a = this.actions[k];
		if (!a) return;
		const rejected = (err: unknown, cause: string, origin?: string) => {
			const e = err as Error;
			this.ctx.trace({
				type: 'produce-failed',
				node: this.id,
				...(origin !== undefined ? { origin } : {}),
				target: this.id,
				error: e.name,
				message: e.message,
				cause
			});
		};
		switch (a.action) {
			case 'start-message-move-task':
				traceOperatorAction(this.ctx, this.id, k, a);
				try {
					this.startMessageMoveTask({
						SourceArn: this.arn,
						...(a.MaxNumberOfMessagesPerSecond !== undefined
							? { MaxNumberOfMessagesPerSecond: a.MaxNumberOfMessagesPerSecond }
							: {})
					});
				} catch (err) {
					// A task already running: AWS refuses a second one.
					rejected(err, 'move-task-rejected');
				}
				return;
			case 'send-message': {
				const origin = operatorOrigin(this.id, k);
				traceOperatorAction(this.ctx, this.id, k, a, { origin });
				const input: SendMessageInput = { MessageBody: a.MessageBody };
				if (a.MessageAttributes) input.MessageAttributes = structuredClone(a.MessageAttributes);
				if (a.MessageGroupId !== undefined) input.MessageGroupId = a.MessageGroupId;
				if (a.MessageDeduplicationId !== undefined) input.MessageDeduplicationId = a.MessageDeduplicationId;
				if (a.DelaySeconds !== undefined) input.DelaySeconds = a.DelaySeconds;
				try {
					this.sendMessage(input, { from: OPERATOR, origin });
				} catch (err) {
					rejected(err, (err as Error).name, origin);
				}
				return;
			}
			case 'make-poison': {
				const already = this.isPoison(a.origin);
				traceOperatorAction(
					this.ctx,
					this.id,
					k,
					a,
					already ? { origin: a.origin, ignored: 'already-poison' } : { origin: a.origin }
				);
				this.#markPoison(a.origin);
				return;
			}
		}
	}

	#markPoison(origin: string): void {
		if (!this.isPoison(origin)) this.#s.poison.push(origin);
	}

	// Configuration ----------------------------------------------------------------------------------

	/** Apply new attribute values (validated by the caller). SQS-STD-8: FIFO delay changes apply to waiting messages. */
	setConfig(patch: Partial<QueueConfig>): void {
		const s = this.#s;
		const before = s.config;
		s.config = { ...before, ...patch };
		s.lastModifiedAt = this.ctx.now();
		if (patch.DelaySeconds !== undefined && before.FifoQueue && patch.DelaySeconds !== before.DelaySeconds) {
			for (const m of s.messages.values()) {
				if (m.status !== 'delayed') continue;
				this.#retime(m, m.sentAt + s.config.DelaySeconds * 1000, 'DELAY');
			}
		}
		if (
			patch.MessageRetentionPeriod !== undefined &&
			patch.MessageRetentionPeriod !== before.MessageRetentionPeriod
		) {
			for (const m of s.messages.values()) this.#scheduleExpiry(m);
		}
	}

	markDeleted(): void {
		this.#s.deleted = true;
	}

	// SendMessage ------------------------------------------------------------------------------------

	/** A scenario producer's send (MessageTarget). */
	acceptFromProducer(input: SendMessageInput, from: { from: string; origin: string }): void {
		this.sendMessage(input, from);
	}

	sendMessage(input: SendMessageInput, from: SendContext): SendMessageOutput {
		this.#throttle('SendMessage', input.MessageGroupId);
		return this.#send(input, from);
	}

	/** The validation and enqueue of one message, shared by SendMessage and SendMessageBatch. */
	#send(input: SendMessageInput, from: SendContext): SendMessageOutput {
		const s = this.#s;
		const cfg = s.config;
		const body = input.MessageBody;
		if (body === undefined || body === null) {
			throw awsError('MissingParameter', 'The request must contain the parameter MessageBody.');
		}
		if (typeof body !== 'string' || body.length === 0) {
			throw awsError('InvalidParameterValue', 'The request must contain a non-empty message body.');
		}
		// SQS-STD-10: allowed characters only ([sim] reject, rather than replace).
		const bad = invalidBodyCharacter(body);
		if (bad !== undefined) {
			throw awsError(
				'InvalidMessageContents',
				`Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF (found #x${bad.toString(16).toUpperCase()}).`
			);
		}
		validateMessageAttributes(input.MessageAttributes);
		const size = messageSize(body, input.MessageAttributes);
		if (size > cfg.MaximumMessageSize) {
			throw awsError(
				'InvalidParameterValue',
				`One or more parameters are invalid. Reason: Message must be shorter than ${cfg.MaximumMessageSize} bytes.`
			);
		}
		let delayS = cfg.DelaySeconds;
		if (input.DelaySeconds !== undefined && !(cfg.FifoQueue && input.DelaySeconds === 0)) {
			if (cfg.FifoQueue) {
				// SQS-FIFO-7: no per-message timers on FIFO queues (DelaySeconds=0 is accepted and changes nothing).
				throw awsError(
					'InvalidParameterValue',
					`Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`
				);
			}
			if (!Number.isInteger(input.DelaySeconds) || input.DelaySeconds < 0 || input.DelaySeconds > 900) {
				throw awsError(
					'InvalidParameterValue',
					`Value ${input.DelaySeconds} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`
				);
			}
			delayS = input.DelaySeconds; // SQS-STD-8: overrides the queue's delay on standard queues.
		}
		let groupId: string | undefined;
		let dedupId: string | undefined;
		if (cfg.FifoQueue) {
			// SQS-FIFO-2
			if (input.MessageGroupId === undefined) {
				throw awsError('MissingParameter', 'The request must contain the parameter MessageGroupId.');
			}
			checkFifoId('MessageGroupId', input.MessageGroupId);
			groupId = input.MessageGroupId;
			// SQS-FIFO-3: explicit id wins; else SHA-256 of the body with ContentBasedDeduplication.
			if (input.MessageDeduplicationId !== undefined) {
				checkFifoId('MessageDeduplicationId', input.MessageDeduplicationId);
				dedupId = input.MessageDeduplicationId;
			} else if (cfg.ContentBasedDeduplication) {
				dedupId = bytesToHex(sha256(utf8ToBytes(body)));
			} else {
				throw awsError(
					'InvalidParameterValue',
					'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly'
				);
			}
		} else if (input.MessageDeduplicationId !== undefined) {
			throw awsError(
				'InvalidParameterValue',
				'The request include parameter that is not valid for this queue type. Reason: MessageDeduplicationId is valid only for FIFO queues'
			);
		} else if (input.MessageGroupId !== undefined) {
			// SQS-STD-12: fair queues accept MessageGroupId on standard queues.
			checkFifoId('MessageGroupId', input.MessageGroupId);
			groupId = input.MessageGroupId;
		}

		const now = this.ctx.now();
		if (cfg.FifoQueue && dedupId !== undefined) {
			// SQS-FIFO-3/-4: a repeat within 5 minutes is accepted but not enqueued.
			this.#pruneDedup(now);
			const scopeKey = cfg.DeduplicationScope === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
			const seen = s.dedup.get(scopeKey);
			if (seen) {
				this.ctx.trace({
					type: 'deduplicated',
					node: this.id,
					msg: seen.messageId,
					origin: from.origin,
					from: from.from,
					dedupId,
					original: seen.messageId,
					cause: 'deduplication-window'
				});
				const out: SendMessageOutput = { MessageId: seen.messageId, MD5OfMessageBody: md5Hex(body) };
				const md5a = md5OfMessageAttributes(input.MessageAttributes);
				if (md5a) out.MD5OfMessageAttributes = md5a;
				if (seen.sequenceNumber) out.SequenceNumber = seen.sequenceNumber;
				return out;
			}
			const messageId = this.rng.uuid();
			const sequenceNumber = this.#nextSequence(now);
			s.dedup.set(scopeKey, { messageId, sequenceNumber, expiresAt: now + DEDUP_WINDOW_MS });
			return this.#enqueue({ body, input, from, delayS, groupId, dedupId, messageId, sequenceNumber });
		}
		return this.#enqueue({ body, input, from, delayS, groupId, dedupId, messageId: this.rng.uuid() });
	}

	#enqueue(p: {
		body: string;
		input: SendMessageInput;
		from: SendContext;
		delayS: number;
		groupId?: string;
		dedupId?: string;
		messageId: string;
		sequenceNumber?: string;
		enqueuedAt?: number;
		receiveCount?: number;
		deadLetterSourceArn?: string;
		cause?: string;
	}): SendMessageOutput {
		const s = this.#s;
		const now = this.ctx.now();
		const attrs = normaliseAttributes(p.input.MessageAttributes);
		const servers = this.#placeCopies();
		const m: StoredMessage = {
			key: p.messageId,
			MessageId: p.messageId,
			origin: p.from.origin ?? p.messageId,
			Body: p.body,
			MD5OfBody: md5Hex(p.body),
			status: p.delayS > 0 ? 'delayed' : 'available',
			sentAt: now,
			enqueuedAt: p.enqueuedAt ?? now,
			visibleAt: now + p.delayS * 1000,
			availableSince: now,
			tie: this.rng.next(),
			receiveCount: p.receiveCount ?? 0,
			senderId: p.from.senderId ?? SENDER_ID,
			servers,
			copies: 0
		};
		if (attrs) {
			m.MessageAttributes = attrs;
			m.MD5OfMessageAttributes = md5OfMessageAttributes(attrs);
		}
		if (p.groupId !== undefined) m.groupId = p.groupId;
		if (p.dedupId !== undefined) m.dedupId = p.dedupId;
		if (p.sequenceNumber !== undefined) m.sequenceNumber = p.sequenceNumber;
		if (p.deadLetterSourceArn !== undefined) m.deadLetterSourceArn = p.deadLetterSourceArn;
		s.messages.set(m.key, m);
		s.counts[m.status === 'delayed' ? 'delayed' : 'available']++;
		if (s.config.FifoQueue) this.#groupAppend(m);
		this.#scheduleExpiry(m);
		const enq: Parameters<SimContext['trace']>[0] = {
			type: 'enqueued',
			node: this.id,
			msg: m.MessageId,
			origin: m.origin,
			from: p.from.from,
			visibleAt: m.visibleAt,
			...(p.groupId !== undefined ? { groupId: p.groupId } : {}),
			...(p.dedupId !== undefined ? { dedupId: p.dedupId } : {}),
			...(p.sequenceNumber !== undefined ? { sequenceNumber: p.sequenceNumber } : {}),
			...(s.config.FifoQueue ? {} : { servers }),
			...(p.cause ? { cause: p.cause } : p.delayS > 0 ? { cause: 'delay' } : {})
		};
		this.ctx.trace(enq);
		if (m.status === 'delayed') m.timer = this.ctx.at(m.visibleAt, this.id, { type: 'DELAY', key: m.key });
		else {
			this.#pushAvailable(m);
			this.#serviceWaiters();
		}
		const out: SendMessageOutput = { MessageId: m.MessageId, MD5OfMessageBody: m.MD5OfBody };
		if (m.MD5OfMessageAttributes) out.MD5OfMessageAttributes = m.MD5OfMessageAttributes;
		if (m.sequenceNumber) out.SequenceNumber = m.sequenceNumber;
		return out;
	}

	/** SQS-DLQ-1/-3: accept a message moved here by a source queue's redrive policy. */
	acceptDeadLetter(m: StoredMessage, sourceArn: string, sourceNode: string): void {
		const fifo = this.#s.config.FifoQueue;
		const messageId = fifo ? this.rng.uuid() : m.MessageId;
		this.#enqueue({
			body: m.Body,
			input: {
				MessageBody: m.Body,
				...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {})
			},
			from: { from: sourceNode, origin: m.origin, senderId: m.senderId },
			delayS: 0,
			...(m.groupId !== undefined ? { groupId: m.groupId } : {}),
			// SQS-DLQ-3: on FIFO→FIFO the copy's deduplication id becomes the original MessageId.
			...(fifo ? { dedupId: m.MessageId, sequenceNumber: this.#nextSequence(this.ctx.now()) } : {}),
			messageId,
			// SQS-DLQ-3: standard keeps the original enqueue time; FIFO resets it.
			...(fifo ? {} : { enqueuedAt: m.enqueuedAt }),
			receiveCount: m.receiveCount,
			deadLetterSourceArn: sourceArn,
			cause: 'redrive'
		});
	}

	// ReceiveMessage ---------------------------------------------------------------------------------

	receiveMessage(input: ReceiveMessageInput, who: ReceiveContext): ReceiveResult {
		const s = this.#s;
		const cfg = s.config;
		const max = input.MaxNumberOfMessages ?? 1;
		if (!Number.isInteger(max) || max < 1 || max > 10) {
			throw awsError(
				'InvalidParameterValue',
				`Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`
			);
		}
		if (input.VisibilityTimeout !== undefined) checkVisibility(input.VisibilityTimeout, 'VisibilityTimeout');
		const wait = input.WaitTimeSeconds ?? cfg.ReceiveMessageWaitTimeSeconds; // SQS-STD-2
		if (!Number.isInteger(wait) || wait < 0 || wait > 20) {
			throw awsError(
				'InvalidParameterValue',
				`Value ${wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`
			);
		}
		if (input.ReceiveRequestAttemptId !== undefined && !cfg.FifoQueue) {
			// Standard queues ignore it.
		}
		this.#throttle('ReceiveMessage');
		// SQS-FIFO-8: a retried attempt returns the same messages and handles.
		if (cfg.FifoQueue && input.ReceiveRequestAttemptId !== undefined) {
			checkFifoId('ReceiveRequestAttemptId', input.ReceiveRequestAttemptId);
			const replay = this.#replayAttempt(input);
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
			this.ctx.trace({
				type: 'receive-empty',
				node: this.id,
				by: who.by,
				wait: false,
				cause: 'in-flight-limit'
			});
			return { kind: 'done', output: {} };
		}
		const keys = this.#collect(max, wait > 0);
		if (keys.length > 0 || wait === 0) {
			if (keys.length === 0)
				this.ctx.trace({ type: 'receive-empty', node: this.id, by: who.by, wait: false });
			return { kind: 'done', output: this.#deliver(keys, input, who.by, who.withOrigin ?? false) };
		}
		// SQS-STD-2: a long poll waits until a message is available or the wait ends.
		const id = s.nextWaiterId++;
		const deadline = this.ctx.now() + wait * 1000;
		s.waiters.push({
			id,
			owner: who.by,
			requestId: who.requestId ?? String(id),
			input: { ...input },
			withOrigin: who.withOrigin ?? false,
			deadline,
			timer: this.ctx.at(deadline, this.id, { type: 'WAIT_TIMEOUT', waiter: id })
		});
		return { kind: 'waiting', waiterId: id };
	}

	/** Pick up to `max` available messages, dead-lettering those past maxReceiveCount on the way. */
	#collect(max: number, longPoll: boolean): string[] {
		return this.#s.config.FifoQueue ? this.#collectFifo(max) : this.#collectStandard(max, longPoll);
	}

	#collectStandard(max: number, longPoll: boolean): string[] {
		const s = this.#s;
		const nd = s.config.nondeterminism;
		// SQS-STD-2 [sim]: a short poll asks a seeded subset of the servers; a long poll asks all.
		const asked: number[] = [];
		for (let k = 0; k < nd.servers; k++) {
			if (longPoll || nd.shortPollSampleRate >= 1 || this.rng.chance(nd.shortPollSampleRate)) asked.push(k);
		}
		const out: string[] = [];
		while (out.length < max) {
			// Merge the heads of the asked servers by (availableSince, tie): best-effort order (SQS-STD-1).
			let best: StoredMessage | undefined;
			let bestServer = -1;
			for (const k of asked) {
				const m = this.#headOf(k);
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
			if (this.#deadLetterIfDue(best)) continue;
			out.push(best.key);
			// Reserve it so a later head in the same receive does not pick it again.
			this.#transition(best, 'RECEIVE');
		}
		return out;
	}

	/** The oldest still-available entry of a server's list, skipping stale entries. */
	#headOf(server: number): StoredMessage | undefined {
		const s = this.#s;
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

	#collectFifo(max: number): string[] {
		const s = this.#s;
		const out: string[] = [];
		// SQS-FIFO-6: fill from one group (oldest head first) before moving to the next.
		const ready: { id: string; group: FifoGroup; head: StoredMessage }[] = [];
		for (const [id, group] of s.groups) {
			if (group.inFlight > 0) continue; // SQS-FIFO-5: the group is locked.
			const head = this.#groupHead(id, group);
			if (head && head.status === 'available') ready.push({ id, group, head });
		}
		ready.sort((a, b) => compareSequence(a.head.sequenceNumber ?? '', b.head.sequenceNumber ?? ''));
		for (const { id, group } of ready) {
			if (out.length >= max) break;
			while (out.length < max) {
				const m = this.#groupHead(id, group);
				if (!m || m.status !== 'available') break;
				// SQS-FIFO-11: a dead-lettered head releases the rest of its group.
				if (this.#deadLetterIfDue(m)) continue;
				out.push(m.key);
				this.#transition(m, 'RECEIVE');
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
	#groupHead(id: string, group: FifoGroup): StoredMessage | undefined {
		const s = this.#s;
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

	/** SQS-DLQ-1: once the receive count has reached maxReceiveCount, the next receive moves the message. */
	#deadLetterIfDue(m: StoredMessage): boolean {
		const policy = this.#s.config.RedrivePolicy;
		if (!policy || m.receiveCount < policy.maxReceiveCount) return false;
		const dlqId = this.resolve(policy.deadLetterTargetArn);
		if (!dlqId || !this.ctx.hasNode(dlqId)) return false; // No reachable DLQ: the message stays.
		const dlq = this.ctx.node(dlqId) as SqsQueue;
		this.ctx.trace({
			type: 'dead-lettered',
			node: this.id,
			msg: m.MessageId,
			origin: m.origin,
			dlq: dlqId,
			receiveCount: m.receiveCount,
			maxReceiveCount: policy.maxReceiveCount,
			cause: 'max-receive-count'
		});
		this.#transition(m, 'DEAD_LETTER');
		this.#finish(m);
		if (this.isPoison(m.origin)) dlq.#markPoison(m.origin); // The mark travels with the message.
		dlq.acceptDeadLetter(m, this.arn, this.id);
		return true;
	}

	/** Turn reserved keys into received messages: new handle, receive count, visibility timer. */
	#deliver(keys: string[], input: ReceiveMessageInput, by: string, withOrigin = false): ReceiveMessageOutput {
		if (keys.length === 0) return {};
		const s = this.#s;
		const now = this.ctx.now();
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
			if (m.timer !== undefined) this.ctx.cancel(m.timer);
			m.timer = this.ctx.at(m.visibleAt, this.id, { type: 'VIS', key: m.key, n: m.receiveCount });
			const duplicate = m.copyOf !== undefined || this.#wasDeliveredBefore(m);
			this.ctx.trace({
				type: 'received',
				node: this.id,
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
			const out = this.#toOutput(m, input);
			if (withOrigin) out.origin = m.origin;
			messages.push(out);
			entries.push([m.key, m.receiveCount]);
		}
		if (s.config.FifoQueue && input.ReceiveRequestAttemptId !== undefined) {
			s.attempts.set(input.ReceiveRequestAttemptId, { at: now, entries });
		}
		return { Messages: messages };
	}

	#wasDeliveredBefore(m: StoredMessage): boolean {
		return m.receiveCount > 1;
	}

	/** The system attribute names a receive asks for (worked out once per request, not per message). */
	#wantedAttributes(input: ReceiveMessageInput): Set<string> {
		if (this.#wanted?.input !== input) {
			this.#wanted = {
				input,
				names: new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])])
			};
		}
		return this.#wanted.names;
	}

	#toOutput(m: StoredMessage, input: ReceiveMessageInput): ReceivedMessage {
		const out: ReceivedMessage = {
			MessageId: m.MessageId,
			ReceiptHandle: this.#handleFor(m),
			MD5OfBody: m.MD5OfBody,
			Body: m.Body
		};
		// SQS-STD-7: system attributes only when asked for.
		const wanted = this.#wantedAttributes(input);
		if (wanted.size > 0) {
			const all = wanted.has('All');
			const attrs: Record<string, string> = {};
			const put = (name: string, value: string | undefined) => {
				if (value !== undefined && (all || wanted.has(name))) attrs[name] = value;
			};
			put('SenderId', m.senderId);
			put('SentTimestamp', String(epochMs(m.sentAt)));
			put('ApproximateReceiveCount', String(m.receiveCount));
			put(
				'ApproximateFirstReceiveTimestamp',
				m.firstReceiveAt === undefined ? undefined : String(epochMs(m.firstReceiveAt))
			);
			put('MessageGroupId', m.groupId);
			if (this.#s.config.FifoQueue) {
				put('MessageDeduplicationId', m.dedupId);
				put('SequenceNumber', m.sequenceNumber);
			}
			put('DeadLetterQueueSourceArn', m.deadLetterSourceArn);
			if (Object.keys(attrs).length > 0) out.Attributes = attrs;
		}
		const names = input.MessageAttributeNames ?? [];
		if (m.MessageAttributes && names.length > 0) {
			const pick: MessageAttributes = {};
			for (const [name, v] of Object.entries(m.MessageAttributes)) {
				const match = names.some(
					(n) =>
						n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1)))
				);
				if (match) pick[name] = v;
			}
			if (Object.keys(pick).length > 0) {
				out.MessageAttributes = pick;
				out.MD5OfMessageAttributes = m.MD5OfMessageAttributes;
			}
		}
		return out;
	}

	#replayAttempt(input: ReceiveMessageInput): ReceiveMessageOutput | undefined {
		const s = this.#s;
		const now = this.ctx.now();
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
			messages.push(this.#toOutput(m, input));
		}
		return messages.length > 0 ? { Messages: messages } : {};
	}

	// Receipt handles (SQS-STD-6) ---------------------------------------------------------------------

	#handleFor(m: StoredMessage): string {
		// Plain base64, as real receipt handles are (they carry + / =); decoding also accepts the URL-safe form.
		const payload = btoa(JSON.stringify([this.id, m.key, m.receiveCount]));
		const handle = `AQEB${payload}~${hashHex(`${this.ctx.seed}:${this.id}:${m.key}:${m.receiveCount}`)}`;
		this.#remember(handle, { key: m.key, n: m.receiveCount });
		return handle;
	}

	#remember(handle: string, decoded: { key: string; n: number }): void {
		if (this.#decoded.size >= 4096) this.#decoded.clear();
		this.#decoded.set(handle, decoded);
	}

	/** Decode a receipt handle into the message key and the receive it came from; throws when malformed. */
	#decodeHandle(handle: string): { key: string; n: number } {
		// A pure function of the handle: handles this queue decoded recently are looked up, not re-parsed.
		const known = this.#decoded.get(handle);
		if (known) return known;
		const decoded = this.#parseHandle(handle);
		this.#remember(handle, decoded);
		return decoded;
	}

	#parseHandle(handle: string): { key: string; n: number } {
		const invalid = () =>
			awsError(
				'ReceiptHandleIsInvalid',
				`The input receipt handle "${handle}" is not a valid receipt handle.`
			);
		if (typeof handle !== 'string' || !handle.startsWith('AQEB')) throw invalid();
		const [payload, mac] = handle.slice(4).split('~');
		if (!payload || !mac) throw invalid();
		let parsed: unknown;
		try {
			parsed = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
		} catch {
			throw invalid();
		}
		if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
		const [queue, key, n] = parsed as [unknown, unknown, unknown];
		if (queue !== this.id || typeof key !== 'string' || typeof n !== 'number') throw invalid();
		if (mac !== hashHex(`${this.ctx.seed}:${this.id}:${key}:${n}`)) throw invalid();
		return { key, n };
	}

	// DeleteMessage ----------------------------------------------------------------------------------

	deleteMessage(receiptHandle: string, by: string): void {
		if (receiptHandle === undefined) {
			throw awsError('MissingParameter', 'The request must contain the parameter ReceiptHandle.');
		}
		this.#throttle('DeleteMessage');
		this.#delete(receiptHandle, by);
	}

	#delete(receiptHandle: string, by: string): void {
		const s = this.#s;
		const { key, n } = this.#decodeHandle(receiptHandle);
		const m = s.messages.get(key);
		if (!m) return; // Already gone: deleting succeeds (SQS-STD-6, unverified).
		if (n !== m.receiveCount) {
			// SQS-STD-6 [sim]: an older handle "might not delete": success, nothing removed.
			this.ctx.trace({
				type: 'stale-handle-delete',
				node: this.id,
				msg: m.MessageId,
				origin: m.origin,
				by,
				cause: 'stale-receipt-handle'
			});
			return;
		}
		if (s.config.FifoQueue && m.status !== 'inFlight') {
			// FIFO: once the visibility timeout has expired, the receipt handle is no longer valid.
			throw awsError(
				'InvalidParameterValue',
				`Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`
			);
		}
		if (m.status !== 'inFlight' && m.status !== 'available') return;
		this.#transition(m, 'DELETE');
		this.ctx.trace({ type: 'deleted', node: this.id, msg: m.MessageId, origin: m.origin, by });
		this.#finish(m);
		this.#maybeMissDelete(m);
		this.#serviceWaiters();
	}

	/** SQS-STD-1 [sim]: with a seeded chance, one copy on another server misses the delete and reappears. */
	#maybeMissDelete(m: StoredMessage): void {
		const s = this.#s;
		const nd = s.config.nondeterminism;
		if (s.config.FifoQueue || m.copyOf !== undefined || m.servers.length < 2) return;
		if (!this.rng.chance(nd.missedDeleteRate)) return;
		const server = m.servers[1 + this.rng.int(m.servers.length - 1)] as number;
		const now = this.ctx.now();
		// The stray copy still holds the visibility deadline it knew about; it reappears then.
		const reappearsAt = Math.max(m.visibleAt, now + 1);
		const copy: StoredMessage = {
			...m,
			key: `${m.MessageId}~copy${++s.copySeq}`,
			status: 'inFlight',
			servers: [server],
			copyOf: m.key,
			visibleAt: reappearsAt,
			copies: 0
		};
		delete copy.timer;
		delete copy.expiryTimer;
		s.messages.set(copy.key, copy);
		s.counts.inFlight++;
		copy.timer = this.ctx.at(reappearsAt, this.id, { type: 'VIS', key: copy.key, n: copy.receiveCount });
		this.#scheduleExpiry(copy);
		this.ctx.trace({
			type: 'copy-missed-delete',
			node: this.id,
			msg: m.MessageId,
			origin: m.origin,
			server,
			reappearsAt,
			cause: 'server-unavailable-during-delete'
		});
	}

	// ChangeMessageVisibility (SQS-STD-5) -------------------------------------------------------------

	changeMessageVisibility(receiptHandle: string, visibilityTimeout: number, by: string): void {
		if (receiptHandle === undefined) {
			throw awsError('MissingParameter', 'The request must contain the parameter ReceiptHandle.');
		}
		this.#changeVisibility(receiptHandle, visibilityTimeout, by);
	}

	#changeVisibility(receiptHandle: string, visibilityTimeout: number, by: string): void {
		const s = this.#s;
		if (visibilityTimeout === undefined) {
			throw awsError('MissingParameter', 'The request must contain the parameter VisibilityTimeout.');
		}
		checkVisibility(visibilityTimeout, 'VisibilityTimeout');
		const { key, n } = this.#decodeHandle(receiptHandle);
		const m = s.messages.get(key);
		const now = this.ctx.now();
		if (!m || m.status !== 'inFlight' || n !== m.receiveCount) {
			throw awsError(
				'MessageNotInflight',
				`Value ${receiptHandle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`
			);
		}
		const inFlightFor = now - (m.inFlightSince ?? now);
		if (inFlightFor + visibilityTimeout * 1000 > MAX_VISIBILITY_S * 1000) {
			throw awsError(
				'InvalidParameterValue',
				`Value ${visibilityTimeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`
			);
		}
		m.visibilityChangedAt = now;
		if (visibilityTimeout === 0) {
			if (m.timer !== undefined) this.ctx.cancel(m.timer);
			delete m.timer;
			m.visibleAt = now;
			this.ctx.trace({
				type: 'visibility-changed',
				node: this.id,
				msg: m.MessageId,
				origin: m.origin,
				visibleAt: now,
				by
			});
			this.#becomeAvailable(m, 'RELEASE');
			return;
		}
		// A new timeout counted from now; it does not add to the time left.
		m.visibleAt = now + visibilityTimeout * 1000;
		this.#retime(m, m.visibleAt, 'VIS');
		this.ctx.trace({
			type: 'visibility-changed',
			node: this.id,
			msg: m.MessageId,
			origin: m.origin,
			visibleAt: m.visibleAt,
			by
		});
	}

	// Batches (SQS-STD-3) ----------------------------------------------------------------------------

	sendMessageBatch(
		entries: (SendMessageInput & { Id: string })[],
		from: SendContext
	): { Successful: (SendMessageOutput & { Id: string })[]; Failed: BatchError[] } {
		checkBatch(entries);
		let total = 0;
		for (const e of entries) total += messageSize(e.MessageBody ?? '', e.MessageAttributes);
		if (total > this.#s.config.MaximumMessageSize) {
			throw awsError(
				'BatchRequestTooLong',
				`Batch requests cannot be longer than ${this.#s.config.MaximumMessageSize} bytes. You have sent ${total} bytes.`
			);
		}
		this.#throttle('SendMessage', entries[0]?.MessageGroupId);
		const Successful: (SendMessageOutput & { Id: string })[] = [];
		const Failed: BatchError[] = [];
		for (const e of entries) {
			try {
				Successful.push({ Id: e.Id, ...this.#send(e, from) });
			} catch (err) {
				Failed.push(batchError(e.Id, err));
			}
		}
		return { Successful, Failed };
	}

	deleteMessageBatch(
		entries: { Id: string; ReceiptHandle: string }[],
		by: string
	): { Successful: { Id: string }[]; Failed: BatchError[] } {
		checkBatch(entries);
		this.#throttle('DeleteMessage');
		const Successful: { Id: string }[] = [];
		const Failed: BatchError[] = [];
		for (const e of entries) {
			try {
				this.#delete(e.ReceiptHandle, by);
				Successful.push({ Id: e.Id });
			} catch (err) {
				Failed.push(batchError(e.Id, err));
			}
		}
		return { Successful, Failed };
	}

	changeMessageVisibilityBatch(
		entries: { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[],
		by: string
	): { Successful: { Id: string }[]; Failed: BatchError[] } {
		checkBatch(entries);
		const Successful: { Id: string }[] = [];
		const Failed: BatchError[] = [];
		for (const e of entries) {
			try {
				this.#changeVisibility(e.ReceiptHandle, e.VisibilityTimeout, by);
				Successful.push({ Id: e.Id });
			} catch (err) {
				Failed.push(batchError(e.Id, err));
			}
		}
		return { Successful, Failed };
	}

	// PurgeQueue -------------------------------------------------------------------------------------

	purgeQueue(by: string): void {
		const s = this.#s;
		const now = this.ctx.now();
		if (s.lastPurgeAt !== undefined && now - s.lastPurgeAt < PURGE_COOLDOWN_MS) {
			throw awsError(
				'PurgeQueueInProgress',
				`Only one PurgeQueue operation on ${s.config.QueueName} is allowed every 60 seconds.`
			);
		}
		s.lastPurgeAt = now;
		for (const m of [...s.messages.values()]) {
			if (!isLive(m.status)) continue;
			this.#transition(m, 'PURGE');
			this.ctx.trace({
				type: 'purged',
				node: this.id,
				msg: m.MessageId,
				origin: m.origin,
				cause: `purge-by-${by}`
			});
			this.#finish(m);
		}
	}

	// Message move tasks (SQS-DLQ-4) -----------------------------------------------------------------

	startMessageMoveTask(input: {
		SourceArn: string;
		DestinationArn?: string;
		MaxNumberOfMessagesPerSecond?: number;
	}): {
		TaskHandle: string;
	} {
		const s = this.#s;
		if (s.moveTasks.some((t) => t.Status === 'RUNNING')) {
			throw awsError(
				'UnsupportedOperation',
				'There is already a task running. Only one active task is allowed for a source queue at a time.'
			);
		}
		const rate = input.MaxNumberOfMessagesPerSecond;
		if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
			throw awsError(
				'InvalidParameterValue',
				`Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.`
			);
		}
		// Oldest first.
		const pending = [...s.messages.values()]
			.filter((m) => isLive(m.status) && m.copyOf === undefined)
			.sort((a, b) => a.enqueuedAt - b.enqueuedAt || a.sentAt - b.sentAt)
			.map((m) => m.key);
		// [sim] With no rate given, SQS picks one from the backlog: here min(500, max(10, backlog)) per second.
		const ratePerSecond = rate ?? Math.min(500, Math.max(10, pending.length));
		const task: MoveTask = {
			TaskHandle: btoa(JSON.stringify({ queue: this.id, n: s.moveTasks.length + 1 })),
			Status: 'RUNNING',
			SourceArn: input.SourceArn,
			...(input.DestinationArn !== undefined ? { DestinationArn: input.DestinationArn } : {}),
			...(rate !== undefined ? { MaxNumberOfMessagesPerSecond: rate } : {}),
			ratePerSecond,
			ApproximateNumberOfMessagesMoved: 0,
			ApproximateNumberOfMessagesToMove: pending.length,
			StartedTimestamp: this.ctx.now(),
			pending
		};
		s.moveTasks.push(task);
		task.timer = this.ctx.at(this.ctx.now(), this.id, { type: 'MOVE_TICK', task: task.TaskHandle });
		return { TaskHandle: task.TaskHandle };
	}

	cancelMessageMoveTask(taskHandle: string): { ApproximateNumberOfMessagesMoved: number } {
		const task = this.#s.moveTasks.find((t) => t.TaskHandle === taskHandle);
		if (!task || task.Status !== 'RUNNING') {
			throw awsError(
				'ResourceNotFoundException',
				'The resource that you specified for the TaskHandle parameter does not exist.'
			);
		}
		task.Status = 'CANCELLED';
		if (task.timer !== undefined) this.ctx.cancel(task.timer);
		return { ApproximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved };
	}

	#onMoveTick(handle: string): void {
		const s = this.#s;
		const task = s.moveTasks.find((t) => t.TaskHandle === handle);
		if (!task || task.Status !== 'RUNNING') return;
		delete task.timer;
		while (task.pending.length > 0) {
			const key = task.pending.shift() as string;
			const m = s.messages.get(key);
			if (!m || m.status !== 'available') continue; // [sim] in-flight or gone messages are skipped.
			const destRef = task.DestinationArn ?? m.deadLetterSourceArn;
			const destId = destRef ? this.resolve(destRef) : undefined;
			if (!destId || !this.ctx.hasNode(destId)) {
				task.Status = 'FAILED';
				return;
			}
			const dest = this.ctx.node(destId) as SqsQueue;
			this.#transition(m, 'MOVE');
			this.#finish(m);
			if (this.isPoison(m.origin)) dest.#markPoison(m.origin); // The mark travels with the message.
			// Moved messages are new messages: new MessageId, new enqueue time, receive count 0 (unverified).
			const out = dest.#enqueue({
				body: m.Body,
				input: {
					MessageBody: m.Body,
					...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {})
				},
				from: { from: this.id, origin: m.origin, senderId: m.senderId },
				delayS: 0,
				...(m.groupId !== undefined ? { groupId: m.groupId } : {}),
				...(dest.fifo
					? { dedupId: m.dedupId ?? m.MessageId, sequenceNumber: dest.#nextSequence(this.ctx.now()) }
					: {}),
				messageId: dest.rng.uuid(),
				cause: 'move-task'
			});
			this.ctx.trace({
				type: 'move-task-moved',
				node: this.id,
				msg: m.MessageId,
				origin: m.origin,
				to: destId,
				newMsg: out.MessageId
			});
			task.ApproximateNumberOfMessagesMoved++;
			if (task.pending.length > 0) {
				task.timer = this.ctx.after(1000 / task.ratePerSecond, this.id, { type: 'MOVE_TICK', task: handle });
			} else task.Status = 'COMPLETED';
			return;
		}
		task.Status = 'COMPLETED';
	}

	// Timers -----------------------------------------------------------------------------------------

	#onDelayElapsed(key: string): void {
		const m = this.#s.messages.get(key);
		if (!m || m.status !== 'delayed' || m.visibleAt > this.ctx.now()) return;
		delete m.timer;
		this.ctx.trace({ type: 'delay-elapsed', node: this.id, msg: m.MessageId, origin: m.origin });
		this.#becomeAvailable(m, 'DELAY_ELAPSED');
	}

	#onVisibilityExpired(key: string, n: number): void {
		const m = this.#s.messages.get(key);
		if (!m || m.status !== 'inFlight' || m.receiveCount !== n || m.visibleAt > this.ctx.now()) return;
		delete m.timer;
		this.ctx.trace({
			type: 'visibility-expired',
			node: this.id,
			msg: m.MessageId,
			origin: m.origin,
			receiveCount: m.receiveCount,
			cause: m.copyOf !== undefined ? 'copy-missed-delete' : 'visibility-timeout'
		});
		this.#becomeAvailable(m, 'VISIBILITY_EXPIRED');
	}

	#onExpire(key: string): void {
		const s = this.#s;
		const m = s.messages.get(key);
		if (!m || !isLive(m.status)) return;
		const ageMs = this.ctx.now() - m.enqueuedAt;
		// Compare against the very due time scheduled, so float rounding cannot re-arm it forever.
		if (this.ctx.now() < m.enqueuedAt + s.config.MessageRetentionPeriod * 1000) {
			this.#scheduleExpiry(m);
			return;
		}
		delete m.expiryTimer;
		this.#transition(m, 'EXPIRE');
		this.ctx.trace({
			type: 'expired',
			node: this.id,
			msg: m.MessageId,
			origin: m.origin,
			ageMs,
			cause: 'retention-period'
		});
		this.#finish(m);
		this.#serviceWaiters();
	}

	#onWaitTimeout(waiterId: number): void {
		const s = this.#s;
		const idx = s.waiters.findIndex((w) => w.id === waiterId);
		if (idx < 0) return;
		const [w] = s.waiters.splice(idx, 1) as [Waiter];
		this.ctx.trace({ type: 'receive-empty', node: this.id, by: w.owner, wait: true });
		const ev: ReceiveResultEvent = {
			type: 'RECEIVE_RESULT',
			queue: this.id,
			requestId: w.requestId,
			output: {}
		};
		this.ctx.at(this.ctx.now(), w.owner, ev);
	}

	/** Hand newly available messages to long-polling waiters, oldest waiter first. */
	#serviceWaiters(): void {
		const s = this.#s;
		while (s.waiters.length > 0) {
			if (s.counts.available === 0) return;
			const w = s.waiters[0] as Waiter;
			const keys = this.#collect(w.input.MaxNumberOfMessages ?? 1, true);
			if (keys.length === 0) return;
			s.waiters.shift();
			this.ctx.cancel(w.timer);
			const output = this.#deliver(keys, w.input, w.owner, w.withOrigin);
			const ev: ReceiveResultEvent = {
				type: 'RECEIVE_RESULT',
				queue: this.id,
				requestId: w.requestId,
				output
			};
			this.ctx.at(this.ctx.now(), w.owner, ev);
		}
	}

	/** Remove a waiting long poll (its owner went away). */
	cancelWait(waiterId: number): boolean {
		const s = this.#s;
		const idx = s.waiters.findIndex((w) => w.id === waiterId);
		if (idx < 0) return false;
		this.ctx.cancel((s.waiters[idx] as Waiter).timer);
		s.waiters.splice(idx, 1);
		return true;
	}

	// Bookkeeping ------------------------------------------------------------------------------------

	#transition(m: StoredMessage, event: MessageEvent): void {
		const s = this.#s;
		const from = m.status;
		const to = messageLifecycle.must(from, event);
		if (from === to) return;
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
	}

	#becomeAvailable(m: StoredMessage, event: MessageEvent): void {
		const now = this.ctx.now();
		this.#transition(m, event);
		m.availableSince = now;
		m.tie = this.rng.next(); // SQS-STD-1 [sim]: seeded shuffle within a tick.
		delete m.inFlightSince;
		if (!this.#s.config.FifoQueue) this.#pushAvailable(m);
		this.#serviceWaiters();
	}

	#pushAvailable(m: StoredMessage): void {
		if (this.#s.config.FifoQueue) return;
		(this.#s.available[m.servers[0] as number] as [string, number][]).push([m.key, m.availableSince]);
	}

	#groupAppend(m: StoredMessage): void {
		const s = this.#s;
		const id = m.groupId as string;
		let g = s.groups.get(id);
		if (!g) {
			g = { keys: [], head: 0, inFlight: 0 };
			s.groups.set(id, g);
		}
		g.keys.push(m.key);
	}

	/** Drop a message that reached a final state (its data leaves the queue). */
	#finish(m: StoredMessage): void {
		const s = this.#s;
		if (m.timer !== undefined) this.ctx.cancel(m.timer);
		if (m.expiryTimer !== undefined) this.ctx.cancel(m.expiryTimer);
		delete m.timer;
		delete m.expiryTimer;
		s.messages.delete(m.key);
		if (s.config.FifoQueue && m.groupId !== undefined) {
			const g = s.groups.get(m.groupId);
			if (g) {
				const idx = g.keys.indexOf(m.key);
				if (idx >= 0) g.keys.splice(idx, 1);
				g.head = 0;
				if (g.keys.length === 0 && g.inFlight === 0) s.groups.delete(m.groupId);
			}
		}
	}

	#retime(m: StoredMessage, at: number, type: 'DELAY' | 'VIS'): void {
		if (m.timer !== undefined) this.ctx.cancel(m.timer);
		m.visibleAt = at;
		m.timer = this.ctx.at(
			at,
			this.id,
			type === 'VIS' ? { type, key: m.key, n: m.receiveCount } : { type, key: m.key }
		);
	}

	#scheduleExpiry(m: StoredMessage): void {
		if (m.expiryTimer !== undefined) this.ctx.cancel(m.expiryTimer);
		m.expiryTimer = this.ctx.at(m.enqueuedAt + this.#s.config.MessageRetentionPeriod * 1000, this.id, {
			type: 'EXPIRE',
			key: m.key
		});
	}

	#placeCopies(): number[] {
		const nd = this.#s.config.nondeterminism;
		const servers = Array.from({ length: nd.servers }, (_, k) => k);
		return this.rng.shuffle(servers).slice(0, Math.max(1, nd.copies));
	}

	#pruneDedup(now: number): void {
		for (const [k, v] of this.#s.dedup) {
			if (v.expiresAt > now) break;
			this.#s.dedup.delete(k);
		}
	}

	/** SQS-FIFO-10: large, unique, increasing, not consecutive. */
	#nextSequence(now: number): string {
		const s = this.#s;
		const base = 18_000_000_000_000_000_000n + BigInt(Math.floor(now)) * 1_000_000n;
		const last = s.lastSequence === '' ? 0n : BigInt(s.lastSequence);
		const next = (last >= base ? last : base) + 1n + BigInt(this.rng.int(1000));
		s.lastSequence = next.toString();
		return s.lastSequence;
	}

	/** SQS-FIFO-9: 300 transactions/s per action (per partition in high-throughput mode). */
	#throttle(action: string, groupId?: string): void {
		const cfg = this.#s.config;
		if (!cfg.FifoQueue) return;
		const high = cfg.FifoThroughputLimit === 'perMessageGroupId' && cfg.DeduplicationScope === 'messageGroup';
		const partition = high
			? groupId === undefined
				? 'all'
				: String(hashString32(groupId) % FIFO_HIGH_THROUGHPUT_PARTITIONS)
			: 'queue';
		const limit = high && partition === 'all' ? FIFO_TPS * FIFO_HIGH_THROUGHPUT_PARTITIONS : FIFO_TPS;
		const key = `${action}:${partition}`;
		const second = Math.floor(this.ctx.now() / 1000);
		const bucket = this.#s.tps.get(key);
		if (!bucket || bucket.second !== second) {
			this.#s.tps.set(key, { second, count: 1 });
			return;
		}
		if (bucket.count >= limit) {
			throw awsError('ThrottlingException', 'Rate exceeded', 'client');
		}
		bucket.count++;
	}
}

export interface BatchError {
	Id: string;
	SenderFault: boolean;
	Code: string;
	Message: string;
}

function batchError(id: string, err: unknown): BatchError {
	const e = err as { name?: string; message?: string; $fault?: string };
	return {
		Id: id,
		SenderFault: e.$fault !== 'server',
		Code: e.name ?? 'InternalError',
		Message: e.message ?? ''
	};
}

/** SQS-STD-3: 1–10 entries with distinct, well-formed ids. */
function checkBatch(entries: { Id: string }[]): void {
	if (!Array.isArray(entries) || entries.length === 0) {
		throw awsError(
			'EmptyBatchRequest',
			'There should be at least one SendMessageBatchRequestEntry in the request.'
		);
	}
	if (entries.length > 10) {
		throw awsError(
			'TooManyEntriesInBatchRequest',
			`Maximum number of entries per request are 10. You have sent ${entries.length}.`
		);
	}
	const ids = new Set<string>();
	for (const e of entries) {
		if (typeof e.Id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(e.Id)) {
			throw awsError(
				'InvalidBatchEntryId',
				'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.'
			);
		}
		if (ids.has(e.Id)) throw awsError('BatchEntryIdsNotDistinct', `Id ${e.Id} repeated.`);
		ids.add(e.Id);
	}
}

function checkVisibility(value: number, name: string): void {
	if (!Number.isInteger(value) || value < 0 || value > MAX_VISIBILITY_S) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${value} for parameter ${name} is invalid. Reason: Must be >= 0 and <= 43200, if provided.`
		);
	}
}

/** SQS-FIFO-2/-3/-8: ids up to 128 characters of printable ASCII. */
function checkFifoId(name: string, value: string): void {
	if (typeof value !== 'string' || value.length < 1 || value.length > 128 || !/^[\x21-\x7e]+$/.test(value)) {
		throw awsError(
			'InvalidParameterValue',
			`Value ${value} for parameter ${name} is invalid. Reason: ${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`
		);
	}
}

/**
 * [sim] The check digits of a receipt handle: 24 hex digits of the trace hash's MurmurHash3. A handle must
 * only be rejected when it is garbled, from another queue or from another receive; it guards against
 * mistakes, not attackers, so a fast non-cryptographic hash serves (SHA-256 here cost a tenth of a fan-out run).
 */
function hashHex(text: string): string {
	return new Murmur128().update(text).hexDigest().slice(0, 24);
}

/** The sender an operator's send-message names (the trace's `from`). */
export const OPERATOR = 'operator';

/**
 * The origin of the message that action number `k` of queue `queueId` sends: `op-<k>@<queue>`. '@' is in no
 * node id, so it never collides with a producer's `<producer>-<n>`.
 */
export function operatorOrigin(queueId: string, k: number): string {
	return `op-${k}@${queueId}`;
}
