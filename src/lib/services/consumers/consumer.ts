// A pool of polling workers on one SQS queue: receive (short or long poll), process each message for a
// sampled time, delete on success, leave failures to come back after the visibility timeout. Optional
// heartbeat (ChangeMessageVisibility while processing) and idempotency (skip origins already processed),
// so "delivered twice" and "processed twice" can be told apart. Operator actions crash and restart the
// workers, slow processing down and make every message fail (docs/ARCHITECTURE.md "Operator actions").

import type { SimContext, SimNode } from '../../engine/simulation';
import type { AppendLog } from '../../engine/append-log';
import type { Random } from '../../engine/random';
import type { TraceInput } from '../../engine/trace';
import type { ConsumerSpec } from '../../engine/scenario';
import type { ReceiveMessageOutput } from '../sqs/queue';
import { sampleDurationMs } from './distribution';
import { nextPollMs, SqsPoller, type InHand, type PollEvent, type ReceiveRequest } from './sqs-poller';
import { workerLifecycle, type WorkerStatus } from './worker-lifecycle';
import {
	scaledMs,
	scheduleActions,
	traceOperatorAction,
	unknownEvent,
	type ActionEvent
} from '../shared/operator';

/** The events a consumer schedules on itself (g: the epoch a poll belongs to; token: the worker's current message). */
export type ConsumerEvent =
	| { type: 'POLL'; w: number; g: number }
	| { type: 'DONE'; w: number; token: number }
	| { type: 'HEARTBEAT'; w: number; token: number }
	| PollEvent
	| ActionEvent;

export interface WorkerState {
	status: WorkerStatus;
	batch: InHand[];
	/** Index of the message being processed within the batch. */
	index: number;
	/** When the current message's processing ends. */
	until?: number;
	/** Increments per message so stale heartbeat events are ignored. */
	token: number;
	lastOk?: boolean;
	waiterId?: number;
}

interface ConsumerState {
	workers: WorkerState[];
	/** Length of the log of origins processed successfully (the log itself lives outside checkpoints). */
	processed: number;
	processedCount: number;
	failedCount: number;
	/**
	 * Bumped by every crash and restart: POLL and GOT events and long-poll request ids carry it, so a worker's
	 * events from before a crash are ignored after it (and after the restart).
	 */
	epoch: number;
	/** Crashed by an operator action: no worker polls, processes, deletes or heartbeats until a restart. */
	crashed: boolean;
	/** slow-down: processing time × this, for processing that starts from the action on. */
	slowFactor: number;
	/** fail-all on: every message whose processing ends from the action on fails. */
	failAll: boolean;
}

export class Consumer implements SimNode {
	readonly id: string;
	readonly type = 'consumer';
	readonly spec: ConsumerSpec;
	readonly ctx: SimContext;
	readonly rng: Random;
	readonly queueId: string;
	#s: ConsumerState;
	/** Origins processed successfully, for idempotency and "processed twice" detection. */
	readonly #processed: AppendLog;
	/** The poll loop (shared with Lambda's SQS pollers): GOT events name the worker w and the epoch g. */
	readonly #sqs = new SqsPoller(this, (i, ms) => this.#again(i, ms));
	/** The trace's name of each worker (`consumer/0`…), built once. */
	readonly #workerNames: string[] = [];

	#workerName(w: number): string {
		return (this.#workerNames[w] ??= `${this.id}/${w}`);
	}

	constructor(spec: ConsumerSpec, ctx: SimContext, queueId: string) {
		this.id = spec.id;
		this.spec = spec;
		this.ctx = ctx;
		this.queueId = queueId;
		this.rng = ctx.random(`consumer:${spec.id}`);
		this.#processed = ctx.appendLog(spec.id);
		this.#s = {
			workers: Array.from({ length: spec.Workers }, () => ({
				status: workerLifecycle.initial,
				batch: [],
				index: 0,
				token: 0
			})),
			processed: 0,
			processedCount: 0,
			failedCount: 0,
			epoch: 0,
			crashed: false,
			slowFactor: 1,
			failAll: false
		};
	}

	get crashed(): boolean {
		return this.#s.crashed;
	}
	get slowFactor(): number {
		return this.#s.slowFactor;
	}
	get failAll(): boolean {
		return this.#s.failAll;
	}

	get workers(): readonly Readonly<WorkerState>[] {
		return this.#s.workers;
	}

	start(): void {
		const g = this.#s.epoch;
		this.#s.workers.forEach((_, w) => this.ctx.at(this.spec.StartAtMs, this.id, { type: 'POLL', w, g }));
		scheduleActions(this.ctx, this.id, this.spec.Actions);
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as ConsumerState;
		this.#processed.moveTo(this.#s.processed);
	}

	handle(event: ConsumerEvent): void {
		switch (event.type) {
			case 'POLL':
				if (event.g !== this.#s.epoch) return; // From before a crash or restart.
				return this.#poll(event.w);
			case 'GOT':
			case 'RECEIVE_RESULT': {
				const { slot, tag, output } = this.#sqs.received(event);
				if (tag !== this.#s.epoch) return;
				return this.#got(slot, output);
			}
			case 'ACTION':
				return this.#action(event.k);
			case 'DONE':
				return this.#done(event.w, event.token);
			case 'HEARTBEAT':
				return this.#heartbeat(event.w, event.token);
			default:
				return unknownEvent(`consumer ${this.id}`, event);
		}
	}

	#set(w: number, event: Parameters<typeof workerLifecycle.must>[1]): WorkerState {
		const worker = this.#s.workers[w] as WorkerState;
		worker.status = workerLifecycle.must(worker.status, event);
		return worker;
	}

	#poll(w: number): void {
		const worker = this.#set(w, 'POLL');
		const spec = this.spec;
		const request: ReceiveRequest = { MaxNumberOfMessages: spec.MaxNumberOfMessages };
		if (spec.WaitTimeSeconds !== undefined) request.WaitTimeSeconds = spec.WaitTimeSeconds;
		if (spec.VisibilityTimeout !== undefined) request.VisibilityTimeout = spec.VisibilityTimeout;
		this.#sqs.receive(worker, w, this.#s.epoch, request, spec.LatencyMs);
	}

	/** Nothing to process (an empty or refused receive): the worker idles and polls again `ms` from now. */
	#again(w: number, ms: number): void {
		this.#set(w, 'EMPTY');
		this.ctx.after(ms, this.id, { type: 'POLL', w, g: this.#s.epoch });
	}

	#got(w: number, output: ReceiveMessageOutput): void {
		const worker = this.#s.workers[w] as WorkerState;
		const messages = this.#sqs.take(worker, output);
		// An empty short poll returns at once; poll again after one round trip.
		if (messages.length === 0) return this.#again(w, nextPollMs(this.spec.LatencyMs));
		this.#set(w, 'MESSAGES');
		worker.batch = messages;
		worker.index = 0;
		this.#begin(w);
	}

	#begin(w: number): void {
		const worker = this.#s.workers[w] as WorkerState;
		const m = worker.batch[worker.index] as InHand;
		const now = this.ctx.now();
		worker.token++;
		// Idempotent consumers recognise an origin they already processed and skip the work.
		const skip = this.spec.Idempotent && this.#processed.count(m.origin) > 0;
		const slow = this.spec.Slow && m.body.includes(this.spec.Slow.bodyContains) ? this.spec.Slow : undefined;
		const duration = skip
			? 0
			: scaledMs(
					sampleDurationMs(slow?.ProcessingTime ?? this.spec.ProcessingTime, this.rng),
					this.#s.slowFactor
				);
		worker.until = now + duration;
		this.ctx.trace({
			type: 'processing-started',
			node: this.id,
			msg: m.msg,
			origin: m.origin,
			worker: this.#workerName(w),
			queue: this.queueId,
			receiveCount: m.receiveCount,
			until: worker.until
		});
		this.ctx.at(worker.until, this.id, { type: 'DONE', w, token: worker.token });
		const hb = this.spec.Heartbeat;
		if (hb && !skip)
			this.ctx.after(hb.everySeconds * 1000, this.id, { type: 'HEARTBEAT', w, token: worker.token });
	}

	#done(w: number, token: number): void {
		const worker = this.#s.workers[w] as WorkerState;
		if (worker.token !== token || worker.status !== 'processing') return;
		const m = worker.batch[worker.index] as InHand;
		const s = this.#s;
		const skipped = this.spec.Idempotent && this.#processed.count(m.origin) > 0;
		// Operator actions first (fail-all, then a poison mark on the message's origin), then the node's rules.
		const forced = skipped
			? undefined
			: s.failAll
				? 'operator-fail-all'
				: this.#sqs.queue().isPoison(m.origin)
					? 'operator-poison'
					: undefined;
		const ok = skipped || (forced === undefined && !this.#fails(m));
		const again = !skipped && ok && this.#processed.count(m.origin) > 0;
		// latencyMs comes after again and skipped (as the trace has always written them): set below.
		const event = {
			type: 'processed',
			node: this.id,
			msg: m.msg,
			origin: m.origin,
			worker: this.#workerName(w),
			queue: this.queueId,
			ok
		} as Extract<TraceInput, { type: 'processed' }>;
		// The optional fields in this order, assigned rather than spread (once per message).
		if (again) event.again = true;
		if (skipped) event.skipped = true;
		event.latencyMs = this.ctx.now() - m.sentAt;
		if (!ok) {
			event.cause =
				forced ??
				(this.spec.Failure?.bodyContains && m.body.includes(this.spec.Failure.bodyContains)
					? 'poison-message'
					: 'processing-error');
		}
		this.ctx.trace(event);
		worker.lastOk = ok;
		if (ok) {
			this.#processed.add(m.origin);
			s.processed = this.#processed.length;
			s.processedCount++;
			if (this.spec.DeleteOnSuccess) {
				try {
					this.#sqs.queue().deleteMessage(m.handle, this.id);
				} catch {
					// e.g. a FIFO handle that expired while processing took too long: the message comes back.
				}
			}
		} else {
			s.failedCount++;
			// SQS-STD-5: a consumer that releases failures sets their visibility to 0, so they are visible again now.
			if (this.spec.Failure?.release) {
				try {
					this.#sqs.queue().changeMessageVisibility(m.handle, 0, this.id);
				} catch {
					// The message is gone (retention, purge): nothing to release.
				}
			}
		}
		worker.index++;
		worker.until = undefined;
		if (worker.index < worker.batch.length) {
			this.#set(w, 'NEXT');
			this.#begin(w);
			return;
		}
		worker.batch = [];
		worker.index = 0;
		this.#set(w, 'BATCH_DONE');
		this.ctx.after(nextPollMs(this.spec.LatencyMs), this.id, { type: 'POLL', w, g: this.#s.epoch });
	}

	/**
	 * Operator actions. crash: every worker stops at once; work in progress is lost — no delete, no further
	 * heartbeat, a waiting long poll is withdrawn — so its messages stay in flight until their visibility
	 * timeout and are then received again (SQS-STD-4), through the queue's redrive policy too (SQS-DLQ-1).
	 * restart: every worker polls again at once (not before StartAtMs). slow-down: processing that starts from
	 * atMs takes its sampled time × factor (rounded to whole ms); work in progress keeps its end. fail-all:
	 * processing that ends from atMs fails (on) or follows the node's rules again (off).
	 */
	#action(k: number): void {
		const a = this.spec.Actions[k];
		if (!a) return;
		const s = this.#s;
		switch (a.action) {
			case 'crash': {
				traceOperatorAction(this.ctx, this.id, k, a, s.crashed ? { ignored: 'already-crashed' } : {});
				if (s.crashed) return;
				s.crashed = true;
				s.epoch++;
				s.workers.forEach((worker, w) => {
					this.#sqs.withdraw(worker);
					worker.waiterId = undefined; // A wait whose answer is on its way: the epoch makes it stale.
					this.#set(w, 'CRASH');
					worker.batch = [];
					worker.index = 0;
					worker.token++; // Pending DONE and HEARTBEAT events no longer match.
					worker.until = undefined;
				});
				return;
			}
			case 'restart': {
				traceOperatorAction(this.ctx, this.id, k, a, s.crashed ? {} : { ignored: 'not-crashed' });
				if (!s.crashed) return;
				s.crashed = false;
				s.epoch++;
				const at = Math.max(this.ctx.now(), this.spec.StartAtMs);
				s.workers.forEach((_, w) => {
					this.#set(w, 'RESTART');
					this.ctx.at(at, this.id, { type: 'POLL', w, g: s.epoch });
				});
				return;
			}
			case 'slow-down':
				traceOperatorAction(this.ctx, this.id, k, a);
				s.slowFactor = a.factor;
				return;
			case 'fail-all':
				traceOperatorAction(this.ctx, this.id, k, a);
				s.failAll = a.on;
				return;
		}
	}

	#fails(m: InHand): boolean {
		const rule = this.spec.Failure;
		if (!rule) return false;
		if (rule.bodyContains !== undefined && m.body.includes(rule.bodyContains)) return true;
		return this.rng.chance(rule.probability);
	}

	#heartbeat(w: number, token: number): void {
		const worker = this.#s.workers[w] as WorkerState;
		const hb = this.spec.Heartbeat;
		if (!hb || worker.token !== token || worker.status !== 'processing') return;
		const m = worker.batch[worker.index] as InHand;
		try {
			this.#sqs.queue().changeMessageVisibility(m.handle, hb.extendBySeconds, this.id);
		} catch {
			return; // The message is gone (deleted, expired, purged): stop extending. SQS-STD-5: a heartbeat after
			// its visibility ran out still works and hides it again.
		}
		this.ctx.after(hb.everySeconds * 1000, this.id, { type: 'HEARTBEAT', w, token });
	}
}
