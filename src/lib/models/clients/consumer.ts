// A pool of polling workers on one SQS queue: receive (short or long poll), process each message for a
// sampled time, delete on success, leave failures to come back after the visibility timeout. Optional
// heartbeat (ChangeMessageVisibility while processing) and idempotency (skip origins already processed),
// so "delivered twice" and "processed twice" can be told apart.

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { AppendLog } from '../../engine/append-log';
import type { Random } from '../../engine/random';
import type { ConsumerSpec } from '../../engine/scenario';
import type { ReceivedMessage, ReceiveMessageOutput, SqsQueue } from '../sqs/queue';
import { EPOCH_BASE_MS } from '../shared/aws';
import { sampleDurationMs } from './distribution';
import { workerLifecycle, type WorkerStatus } from './worker-lifecycle';

interface InHand {
	handle: string;
	msg: string;
	origin: string;
	body: string;
	receiveCount: number;
	sentAt: number;
}

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
			failedCount: 0
		};
	}

	get workers(): readonly Readonly<WorkerState>[] {
		return this.#s.workers;
	}

	start(): void {
		this.#s.workers.forEach((_, w) => this.ctx.at(this.spec.StartAtMs, this.id, { type: 'POLL', w }));
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as ConsumerState;
		this.#processed.moveTo(this.#s.processed);
	}

	handle(event: NodeEvent): void {
		switch (event.type) {
			case 'POLL':
				return this.#poll(event.w as number);
			case 'GOT':
				return this.#got(event.w as number, event.output as ReceiveMessageOutput);
			case 'RECEIVE_RESULT':
				return this.#got(Number(event.requestId), event.output as ReceiveMessageOutput);
			case 'DONE':
				return this.#done(event.w as number, event.token as number);
			case 'HEARTBEAT':
				return this.#heartbeat(event.w as number, event.token as number);
			default:
				throw new Error(`consumer ${this.id}: unknown event ${event.type}`);
		}
	}

	#queue(): SqsQueue {
		return this.ctx.node(this.queueId) as SqsQueue;
	}

	#set(w: number, event: Parameters<typeof workerLifecycle.must>[1]): WorkerState {
		const worker = this.#s.workers[w] as WorkerState;
		worker.status = workerLifecycle.must(worker.status, event);
		return worker;
	}

	#poll(w: number): void {
		const worker = this.#set(w, 'POLL');
		const spec = this.spec;
		try {
			const result = this.#queue().receiveMessage(
				{
					MaxNumberOfMessages: spec.MaxNumberOfMessages,
					...(spec.WaitTimeSeconds !== undefined ? { WaitTimeSeconds: spec.WaitTimeSeconds } : {}),
					...(spec.VisibilityTimeout !== undefined ? { VisibilityTimeout: spec.VisibilityTimeout } : {}),
					MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp']
				},
				{ by: this.id, requestId: String(w), withOrigin: true }
			);
			if (result.kind === 'done')
				this.ctx.after(spec.LatencyMs, this.id, { type: 'GOT', w, output: result.output });
			else worker.waiterId = result.waiterId;
		} catch (err) {
			const e = err as Error;
			this.ctx.trace({ type: 'receive-throttled', node: this.id, by: this.id, error: e.name, cause: e.name });
			this.#set(w, 'EMPTY');
			this.ctx.after(1000, this.id, { type: 'POLL', w });
		}
	}

	#got(w: number, output: ReceiveMessageOutput): void {
		const worker = this.#s.workers[w] as WorkerState;
		delete worker.waiterId;
		const messages = output.Messages ?? [];
		if (messages.length === 0) {
			this.#set(w, 'EMPTY');
			// An empty short poll returns at once; poll again after one round trip ([sim] at least 1 ms, so a
			// zero-latency consumer on an empty queue still lets time pass).
			this.ctx.after(Math.max(1, this.spec.LatencyMs), this.id, { type: 'POLL', w });
			return;
		}
		this.#set(w, 'MESSAGES');
		worker.batch = messages.map((m) => toInHand(m));
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
		const duration = skip ? 0 : sampleDurationMs(slow?.ProcessingTime ?? this.spec.ProcessingTime, this.rng);
		worker.until = now + duration;
		this.ctx.trace({
			type: 'processing-started',
			node: this.id,
			msg: m.msg,
			origin: m.origin,
			worker: `${this.id}/${w}`,
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
		const ok = skipped || !this.#fails(m);
		const again = !skipped && ok && this.#processed.count(m.origin) > 0;
		this.ctx.trace({
			type: 'processed',
			node: this.id,
			msg: m.msg,
			origin: m.origin,
			worker: `${this.id}/${w}`,
			queue: this.queueId,
			ok,
			...(again ? { again: true } : {}),
			...(skipped ? { skipped: true } : {}),
			latencyMs: this.ctx.now() - m.sentAt,
			...(ok
				? {}
				: {
						cause:
							this.spec.Failure?.bodyContains && m.body.includes(this.spec.Failure.bodyContains)
								? 'poison-message'
								: 'processing-error'
					})
		});
		worker.lastOk = ok;
		if (ok) {
			this.#processed.add(m.origin);
			s.processed = this.#processed.length;
			s.processedCount++;
			if (this.spec.DeleteOnSuccess) {
				try {
					this.#queue().deleteMessage(m.handle, this.id);
				} catch {
					// e.g. a FIFO handle that expired while processing took too long: the message comes back.
				}
			}
		} else s.failedCount++;
		worker.index++;
		delete worker.until;
		if (worker.index < worker.batch.length) {
			this.#set(w, 'NEXT');
			this.#begin(w);
			return;
		}
		worker.batch = [];
		worker.index = 0;
		this.#set(w, 'BATCH_DONE');
		this.ctx.after(Math.max(1, this.spec.LatencyMs), this.id, { type: 'POLL', w });
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
			this.#queue().changeMessageVisibility(m.handle, hb.extendBySeconds, this.id);
		} catch {
			return; // No longer in flight: stop extending.
		}
		this.ctx.after(hb.everySeconds * 1000, this.id, { type: 'HEARTBEAT', w, token });
	}
}

function toInHand(m: ReceivedMessage): InHand {
	return {
		handle: m.ReceiptHandle,
		msg: m.MessageId,
		origin: originOf(m),
		body: m.Body,
		receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
		sentAt: Number(m.Attributes?.SentTimestamp ?? EPOCH_BASE_MS) - EPOCH_BASE_MS
	};
}

/** The producer's original id (scenario clients ask the queue for it), else the MessageId. */
function originOf(m: ReceivedMessage): string {
	return m.origin ?? m.MessageId;
}
