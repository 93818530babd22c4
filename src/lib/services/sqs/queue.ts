// An SQS queue (standard or FIFO) as a simulation node. The API methods take and return AWS SDK v3 shapes
// (api-types.ts) and throw AwsError with AWS's codes, so the same code serves the sandbox facade and the
// scenario clients. Per-message state is plain data (state.ts) advanced through the message lifecycle
// machine; every timer (delay, visibility, retention, long-poll wait, move task) is a data event on the
// engine's scheduler. This class is the node's face: each action lives in its own module (send, receive,
// delete, visibility, batches, move tasks, timers, operator actions), all working on one QueueCore.

import type { SqsQueueAction } from '../../engine/scenario';
import type { SimContext } from '../../engine/simulation';
import { scheduleActions, unknownEvent } from '../shared/operator';
import { runAction } from './actions';
import type {
	BatchError,
	ReceiveContext,
	ReceiveMessageInput,
	ReceiveResult,
	SendContext,
	SendMessageInput,
	SendMessageOutput
} from './api-types';
import { changeMessageVisibilityBatch, deleteMessageBatch, sendMessageBatch } from './batches';
import { finish, isPoison, markPoison, queueArn, queueUrl, retime, scheduleExpiry } from './bookkeeping';
import type { QueueConfig } from './config';
import { deleteMessage, purgeQueue } from './delete';
import { newHandleCache } from './receipt-handle';
import type { MessageEffect } from './message-lifecycle';
import { cancelMessageMoveTask, onMoveTick, startMessageMoveTask } from './move-task';
import {
	cancelWait,
	fifoServiceOrder,
	makeAvailable,
	moveToDeadLetterQueue,
	onWaitTimeout,
	receiveMessage,
	serviceWaiters
} from './receive';
import { acceptDeadLetter, acceptMovedMessage, sendMessage } from './send';
import {
	type MoveTask,
	type QueueCore,
	type QueueEvent,
	type QueuePeer,
	type QueueState,
	type StoredMessage,
	newQueueState
} from './state';
import { onDelayElapsed, onExpire, onVisibilityExpired } from './timers';
import { changeMessageVisibility } from './visibility';

export type * from './api-types';
export type { MoveTask, StoredMessage } from './state';
export { OPERATOR, operatorOrigin } from './actions';

export class SqsQueue implements QueuePeer {
	readonly type = 'sqs-queue';
	readonly #q: QueueCore;

	constructor(
		id: string,
		config: QueueConfig,
		ctx: SimContext,
		resolve: (ref: string) => string | undefined
	) {
		this.#q = {
			id,
			ctx,
			rng: ctx.random(`sqs:${id}`),
			resolve,
			s: newQueueState(config, ctx.now()),
			decoded: newHandleCache(),
			wanted: undefined,
			perform: (effect, m) => this.#perform(effect, m)
		};
	}

	/** The one executor of the lifecycle machine's named effects (message-lifecycle.ts). */
	#perform(effect: MessageEffect, m: StoredMessage): void {
		const q = this.#q;
		switch (effect) {
			case 'makeAvailable':
				return makeAvailable(q, m);
			case 'leaveQueue':
				return finish(q, m);
			case 'moveToDeadLetterQueue':
				return moveToDeadLetterQueue(q, m);
			default:
				throw new Error(`sqs-queue ${q.id}: no executor for effect ${String(effect satisfies never)}`);
		}
	}

	get id(): string {
		return this.#q.id;
	}
	get ctx(): SimContext {
		return this.#q.ctx;
	}
	get rng(): QueueCore['rng'] {
		return this.#q.rng;
	}
	/** Resolves a queue reference (node id, name, URL or ARN) to a node id. */
	get resolve(): (ref: string) => string | undefined {
		return this.#q.resolve;
	}

	// Introspection (read-only; never changes the simulation) -----------------------------------------

	get config(): Readonly<QueueConfig> {
		return this.#q.s.config;
	}
	get fifo(): boolean {
		return this.#q.s.config.FifoQueue;
	}
	get arn(): string {
		return queueArn(this.#q);
	}
	get url(): string {
		return queueUrl(this.#q);
	}
	get counts(): Readonly<QueueState['counts']> {
		return this.#q.s.counts;
	}
	get createdAt(): number {
		return this.#q.s.createdAt;
	}
	get lastModifiedAt(): number {
		return this.#q.s.lastModifiedAt;
	}
	/** Live messages and stray copies, for the inspector and checkers. */
	messages(): StoredMessage[] {
		return [...this.#q.s.messages.values()];
	}
	/** The same, without copying them into an array (the stage reads them every frame). */
	eachMessage(): IterableIterator<StoredMessage> {
		return this.#q.s.messages.values();
	}
	message(key: string): StoredMessage | undefined {
		return this.#q.s.messages.get(key);
	}
	moveTasks(): readonly MoveTask[] {
		return this.#q.s.moveTasks;
	}
	/** FIFO groups with a message in flight (SQS-FIFO-5: what is behind their first in-flight message waits). */
	lockedGroups(): string[] {
		return [...this.#q.s.groups].filter(([, g]) => g.inFlight > 0).map(([id]) => id);
	}
	/** SQS-FIFO-12: the FIFO groups the next receive would serve, in its order. */
	groupServiceOrder(): string[] {
		return fifoServiceOrder(this.#q);
	}
	/** Whether a make-poison action marked this origin here (consumers and Lambdas then fail it). */
	isPoison(origin: string): boolean {
		return isPoison(this.#q, origin);
	}
	/** The origins marked poison here, in the order they were marked. */
	poisonOrigins(): readonly string[] {
		return this.#q.s.poison;
	}

	// SimNode ----------------------------------------------------------------------------------------

	/** Operator actions scheduled by a scenario (move tasks, send-message, make-poison). */
	actions: SqsQueueAction[] = [];

	start(): void {
		scheduleActions(this.#q.ctx, this.#q.id, this.actions);
	}

	snapshot(): unknown {
		return this.#q.s;
	}

	restore(data: unknown): void {
		this.#q.s = data as QueueState;
	}

	handle(event: QueueEvent): void {
		const q = this.#q;
		switch (event.type) {
			case 'DELAY':
				return onDelayElapsed(q, event.key);
			case 'VIS':
				return onVisibilityExpired(q, event.key, event.n);
			case 'EXPIRE':
				return onExpire(q, event.key);
			case 'WAIT_TIMEOUT':
				return onWaitTimeout(q, event.waiter);
			case 'SERVE':
				delete q.s.servePending;
				return serviceWaiters(q);
			case 'ACTION':
				return runAction(q, this.actions, event.k);
			case 'MOVE_TICK':
				return onMoveTick(q, event.task);
			default:
				return unknownEvent(`sqs-queue ${q.id}`, event);
		}
	}

	// Configuration ----------------------------------------------------------------------------------

	/** Apply new attribute values (validated by the caller). SQS-STD-8: FIFO delay changes apply to waiting messages. */
	setConfig(patch: Partial<QueueConfig>): void {
		const q = this.#q;
		const s = q.s;
		const before = s.config;
		s.config = { ...before, ...patch };
		s.lastModifiedAt = q.ctx.now();
		if (patch.DelaySeconds !== undefined && before.FifoQueue && patch.DelaySeconds !== before.DelaySeconds) {
			for (const m of s.messages.values()) {
				if (m.status !== 'delayed') continue;
				retime(q, m, m.sentAt + s.config.DelaySeconds * 1000, 'DELAY');
			}
		}
		if (
			patch.MessageRetentionPeriod !== undefined &&
			patch.MessageRetentionPeriod !== before.MessageRetentionPeriod
		) {
			for (const m of s.messages.values()) scheduleExpiry(q, m);
		}
	}

	markDeleted(): void {
		this.#q.s.deleted = true;
	}

	// The API (each action in its module) -------------------------------------------------------------

	/** A scenario producer's send (MessageTarget). */
	acceptFromProducer(input: SendMessageInput, from: { from: string; origin: string }): void {
		sendMessage(this.#q, input, from);
	}
	sendMessage(input: SendMessageInput, from: SendContext): SendMessageOutput {
		return sendMessage(this.#q, input, from);
	}
	receiveMessage(input: ReceiveMessageInput, who: ReceiveContext): ReceiveResult {
		return receiveMessage(this.#q, input, who);
	}
	deleteMessage(receiptHandle: string, by: string): void {
		deleteMessage(this.#q, receiptHandle, by);
	}
	changeMessageVisibility(receiptHandle: string, visibilityTimeout: number, by: string): void {
		changeMessageVisibility(this.#q, receiptHandle, visibilityTimeout, by);
	}
	sendMessageBatch(
		entries: (SendMessageInput & { Id: string })[],
		from: SendContext
	): { Successful: (SendMessageOutput & { Id: string })[]; Failed: BatchError[] } {
		return sendMessageBatch(this.#q, entries, from);
	}
	deleteMessageBatch(
		entries: { Id: string; ReceiptHandle: string }[],
		by: string
	): { Successful: { Id: string }[]; Failed: BatchError[] } {
		return deleteMessageBatch(this.#q, entries, by);
	}
	changeMessageVisibilityBatch(
		entries: { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[],
		by: string
	): { Successful: { Id: string }[]; Failed: BatchError[] } {
		return changeMessageVisibilityBatch(this.#q, entries, by);
	}
	purgeQueue(by: string): void {
		purgeQueue(this.#q, by);
	}
	startMessageMoveTask(input: {
		SourceArn: string;
		DestinationArn?: string;
		MaxNumberOfMessagesPerSecond?: number;
	}): { TaskHandle: string } {
		return startMessageMoveTask(this.#q, input);
	}
	cancelMessageMoveTask(taskHandle: string): { ApproximateNumberOfMessagesMoved: number } {
		return cancelMessageMoveTask(this.#q, taskHandle);
	}
	/** Remove a waiting long poll (its owner went away). */
	cancelWait(waiterId: number): boolean {
		return cancelWait(this.#q, waiterId);
	}

	// QueuePeer: what other queues ask of this one ------------------------------------------------------

	/** SQS-DLQ-1/-3: accept a message moved here by a source queue's redrive policy. */
	acceptDeadLetter(m: StoredMessage, sourceArn: string, sourceNode: string): void {
		acceptDeadLetter(this.#q, m, sourceArn, sourceNode);
	}
	/** SQS-DLQ-4: accept a message a move task brings here. */
	acceptMovedMessage(m: StoredMessage, sourceNode: string): SendMessageOutput {
		return acceptMovedMessage(this.#q, m, sourceNode);
	}
	/** The poison mark travels with a message to its DLQ and through move tasks. */
	markPoison(origin: string): void {
		markPoison(this.#q, origin);
	}
}
