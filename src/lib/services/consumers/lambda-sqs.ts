// A Lambda function behind an SQS event source mapping (ESM-SQS-1..6): pollers long-poll the queue, gather a
// batch (BatchSize, MaximumBatchingWindowInSeconds), invoke the function, and delete what succeeded. A failed
// batch is not deleted and comes back when its visibility runs out, so the queue's redrive policy handles
// poison messages (ESM-SQS-3). Partial batch responses (ESM-SQS-4), scaling from 5 pollers by up to 300 a
// minute (ESM-SQS-5) and reserved-concurrency throttles are modelled; all timers are scheduler data events.
// Each invocation hands the function an SQS event (ESM-SQS-8, lambda-events.ts; kept as lastEvent()), and a
// batch stops growing before that event's JSON would pass 6 MB (ESM-SQS-1).
// Operator actions make the function fail every message or run slower (docs/ARCHITECTURE.md "Operator actions").

import { ESM_INITIAL_POLLERS, ESM_MAX_POLLERS, ESM_SCALE_UP_PER_MINUTE, POLL_LATENCY_MS } from './limits';
import type { SimContext, SimNode } from '../../engine/simulation';
import type { LambdaSpec } from '../../engine/scenario';
import type { ReceiveMessageOutput } from '../sqs/queue';
import type { AppendLog } from '../../engine/append-log';
import { sampleDurationMs } from './distribution';
import { pollerLifecycle, type PollerStatus } from './poller-lifecycle';
import { nextPollMs, SqsPoller, type InHand, type PollEvent } from './sqs-poller';
import { scaledMs, scheduleActions, unknownEvent, type ActionEvent } from '../shared/operator';
import { LambdaFunction, type FunctionFaults } from './lambda-function';
import { matchesFilterPolicy, parseFilterPolicy, type FilterPolicy } from '../sns/filter-policy';
import {
	eventBytes,
	jsonBytes,
	MAX_EVENT_BYTES,
	sqsEvent,
	sqsRecord,
	type SqsEventMessage,
	type SqsEventSource
} from './lambda-events';
import { epochMs, SENDER_ID } from '../shared/aws';
import { md5Hex } from '../sqs/message';

/** The events a Lambda SQS mapping schedules on itself (ESM-SQS-1: scaling, polls, batching windows, invocations). */
export type LambdaSqsEvent =
	| { type: 'SCALE'; initial?: boolean }
	| { type: 'POLL'; p: number }
	| { type: 'WINDOW'; p: number; end: number }
	| { type: 'DONE'; p: number; token: number }
	| PollEvent
	| ActionEvent;

export interface PollerState {
	status: PollerStatus;
	batch: InHand[];
	/** ESM-SQS-1: the JSON bytes of the batch's event records (their sum, without the event's wrapper). */
	bytes?: number;
	/**
	 * ESM-SQS-1: messages received that would have taken the batch's event past 6 MB; they start the poller's
	 * next batch (still in flight in SQS meanwhile).
	 */
	carry?: InHand[];
	windowEnd?: number;
	waiterId?: number;
	/** Bumps on every poll and invocation, so stale events are ignored. */
	token: number;
	/** Outcome of the invocation in progress, decided when it starts. */
	until?: number;
	timedOut?: boolean;
}

interface EsmState extends FunctionFaults {
	pollers: PollerState[];
	/** Pollers wanted now (ESM-SQS-5); those above it retire after their current batch. */
	target: number;
	active: number;
	/** Length of the log of origins processed successfully (the log itself lives outside checkpoints). */
	processed: number;
	invocations: number;
	throttles: number;
}

const SCALE_EVERY_MS = 60_000;
/** [sim] Back-off of a poller after a throttled invocation. */
const THROTTLE_BACKOFF_MS = 1_000;
/** ESM-SQS-1: Lambda long-polls, with the longest wait. */
const LONG_POLL_S = 20;

export class LambdaSqsEventSource extends LambdaFunction implements SimNode {
	readonly eventSource = 'sqs';
	readonly queueId: string;
	#s: EsmState;
	/** Origins processed successfully, for "processed twice" detection. */
	readonly #processed: AppendLog;
	/** The poll loop (shared with SQS consumers' workers): GOT events name the poller p and its token. */
	readonly #sqs = new SqsPoller(this, (i, ms) => this.#again(i, ms));

	constructor(spec: LambdaSpec, ctx: SimContext, queueId: string) {
		super(spec, ctx);
		this.queueId = queueId;
		this.#processed = ctx.appendLog(spec.id);
		this.#s = {
			pollers: [],
			target: 0,
			active: 0,
			processed: 0,
			invocations: 0,
			throttles: 0,
			slowFactor: 1,
			failAll: false
		};
	}

	/** ESM-SQS-1: default 10. */
	get #batchSize(): number {
		return this.spec.BatchSize ?? 10;
	}

	get cap(): number {
		return Math.min(this.spec.MaximumConcurrency ?? ESM_MAX_POLLERS, ESM_MAX_POLLERS);
	}
	get pollers(): readonly Readonly<PollerState>[] {
		return this.#s.pollers;
	}
	get target(): number {
		return this.#s.target;
	}
	get active(): number {
		return this.#s.active;
	}

	protected get faults(): FunctionFaults {
		return this.#s;
	}

	start(): void {
		this.ctx.at(this.spec.StartAtMs, this.id, { type: 'SCALE', initial: true });
		scheduleActions(this.ctx, this.id, this.spec.Actions);
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as EsmState;
		this.#processed.moveTo(this.#s.processed);
		this.keepEvent(undefined);
	}

	handle(event: LambdaSqsEvent): void {
		switch (event.type) {
			case 'SCALE':
				return this.#scale(event.initial === true);
			case 'POLL':
				return this.#poll(event.p);
			case 'GOT':
			case 'RECEIVE_RESULT': {
				const { slot, tag, output } = this.#sqs.received(event);
				return this.#got(slot, tag, output);
			}
			case 'WINDOW':
				return this.#windowEnded(event.p, event.end);
			case 'DONE':
				return this.#done(event.p, event.token);
			case 'ACTION':
				return this.action(event.k);
			default:
				return unknownEvent(`lambda ${this.id}`, event);
		}
	}

	#set(p: number, event: Parameters<typeof pollerLifecycle.must>[1]): PollerState {
		const poller = this.#s.pollers[p] as PollerState;
		poller.status = pollerLifecycle.must(poller.status, event);
		return poller;
	}

	// ESM-SQS-5: start with 5 pollers; each minute add up to 300 while messages wait; drop back to 5 when idle.
	#scale(initial: boolean): void {
		const s = this.#s;
		const q = this.#sqs.queue();
		const backlog = q.counts.available + q.counts.delayed;
		const before = s.target;
		const floor = Math.min(ESM_INITIAL_POLLERS, this.cap);
		if (initial) s.target = floor;
		else if (backlog > 0) s.target = Math.min(this.cap, s.target + ESM_SCALE_UP_PER_MINUTE);
		else s.target = floor;
		if (s.target !== before) {
			this.ctx.trace({ type: 'esm-scaled', node: this.id, pollers: s.target, backlog });
		}
		for (let p = 0; p < s.target; p++) {
			const poller = s.pollers[p];
			if (!poller) {
				s.pollers.push({ status: pollerLifecycle.initial, batch: [], token: 0 });
				this.ctx.after(0, this.id, { type: 'POLL', p });
			} else if (poller.status === 'retired') {
				this.#set(p, 'REVIVE');
				this.ctx.after(0, this.id, { type: 'POLL', p });
			}
		}
		this.ctx.after(SCALE_EVERY_MS, this.id, { type: 'SCALE' });
	}

	#poll(p: number): void {
		const s = this.#s;
		const poller = s.pollers[p] as PollerState;
		if (poller.status !== 'idle') return;
		const carry = poller.carry;
		if (p >= s.target && poller.batch.length === 0 && !carry) {
			this.#set(p, 'RETIRE');
			return;
		}
		this.#set(p, 'POLL');
		poller.token++;
		if (carry) {
			// ESM-SQS-1: what did not fit in the last batch's event starts this one.
			poller.carry = undefined;
			this.#gather(p, carry);
			return;
		}
		const want = Math.min(10, this.#batchSize - poller.batch.length);
		this.#sqs.receive(
			poller,
			p,
			poller.token,
			{ MaxNumberOfMessages: want, WaitTimeSeconds: LONG_POLL_S },
			POLL_LATENCY_MS
		);
	}

	/** Nothing to invoke (an empty, refused or filtered-out receive): idle, and poll again `ms` from now. */
	#again(p: number, ms: number): void {
		this.#set(p, 'EMPTY');
		this.ctx.after(ms, this.id, { type: 'POLL', p });
	}

	#got(p: number, token: number, output: ReceiveMessageOutput): void {
		const poller = this.#s.pollers[p] as PollerState;
		if (poller.token !== token || poller.status !== 'polling') return;
		this.#gather(p, this.#sqs.take(poller, output));
	}

	/** Add the messages a poll got to the batch being gathered, then invoke or poll for more (ESM-SQS-1). */
	#gather(p: number, fresh: InHand[]): void {
		const poller = this.#s.pollers[p] as PollerState;
		const now = this.ctx.now();
		if (fresh.length > 0 && poller.batch.length === 0) {
			// ESM-SQS-1: the batching window opens with the first message.
			const windowMs = this.spec.MaximumBatchingWindowInSeconds * 1000;
			poller.windowEnd = now + windowMs;
			if (windowMs > 0) this.ctx.at(poller.windowEnd, this.id, { type: 'WINDOW', p, end: poller.windowEnd });
		}
		const nearLimit = this.#add(poller, fresh);
		// The next poll goes out one round trip later.
		if (poller.batch.length === 0) return this.#again(p, nextPollMs(POLL_LATENCY_MS));
		// ESM-SQS-1: invoke when the batch is full, the window ends, or the payload nears 6 MB, whichever
		// comes first.
		if (nearLimit || poller.batch.length >= this.#batchSize || now >= (poller.windowEnd ?? now)) {
			this.#invoke(p);
			return;
		}
		this.#set(p, 'EMPTY');
		this.#poll(p);
	}

	/**
	 * ESM-SQS-1: add `fresh` to the batch while its event's JSON stays within 6 MB; what would pass it is
	 * carried to the next batch. True when the batch stopped growing for its size.
	 */
	#add(poller: PollerState, fresh: InHand[]): boolean {
		const source = this.#eventSource();
		let bytes = poller.bytes ?? 0;
		for (let i = 0; i < fresh.length; i++) {
			const m = fresh[i] as InHand;
			const b = jsonBytes(sqsRecord(this.#eventMessage(m), source));
			const n = poller.batch.length;
			if (n > 0 && eventBytes(n + 1, bytes + b) > MAX_EVENT_BYTES) {
				poller.carry = [...(poller.carry ?? []), ...fresh.slice(i)];
				poller.bytes = bytes;
				return true;
			}
			poller.batch.push(m);
			bytes += b;
		}
		poller.bytes = bytes;
		return false;
	}

	#eventSource(): SqsEventSource {
		const queue = this.#sqs.queue();
		return { queueArn: queue.arn, fifo: queue.fifo };
	}

	/** ESM-SQS-8: a held message with the queue's attributes for it, as its event record needs them. */
	#eventMessage(m: InHand): SqsEventMessage {
		const queue = this.#sqs.queue();
		// A stray copy (SQS-STD-1) is stored under its own key, with its original's MessageId.
		const stored = queue.message(m.msg) ?? queue.messages().find((x) => x.MessageId === m.msg);
		return {
			messageId: m.msg,
			receiptHandle: m.handle,
			body: m.body,
			md5OfBody: stored?.MD5OfBody ?? md5Hex(m.body),
			receiveCount: m.receiveCount,
			sentTimestamp: epochMs(m.sentAt),
			senderId: stored?.senderId ?? SENDER_ID,
			firstReceiveTimestamp: epochMs(stored?.firstReceiveAt ?? this.ctx.now()),
			...(stored?.groupId !== undefined ? { messageGroupId: stored.groupId } : {}),
			...(stored?.dedupId !== undefined ? { messageDeduplicationId: stored.dedupId } : {}),
			...(stored?.sequenceNumber !== undefined ? { sequenceNumber: stored.sequenceNumber } : {}),
			...(stored?.MessageAttributes ? { messageAttributes: stored.MessageAttributes } : {})
		};
	}

	#windowEnded(p: number, end: number): void {
		const poller = this.#s.pollers[p] as PollerState;
		// ESM-SQS-1: only the window of the batch being gathered counts. The timer of an earlier batch that
		// filled up before its window ended must not cut this batch's window short.
		if (poller.windowEnd !== end) return;
		if (poller.status !== 'polling' || poller.batch.length === 0) return;
		// The long poll is still waiting: stop it and invoke with what we have.
		if (!this.#sqs.withdraw(poller)) return;
		this.#invoke(p);
	}

	/** ESM-SQS-7: the body part of each Pattern, as a filter policy over the JSON body. */
	#filters(): FilterPolicy[] | undefined {
		const list = this.spec.FilterCriteria?.Filters;
		if (!list || list.length === 0) return undefined;
		return list.map((f) => {
			const pattern = (typeof f.Pattern === 'string' ? JSON.parse(f.Pattern) : f.Pattern) as Record<
				string,
				unknown
			>;
			return parseFilterPolicy((pattern.body as object | undefined) ?? {}, 'MessageBody');
		});
	}

	/** Delete what no filter matches, without invoking; keep the rest in the batch. */
	#applyFilters(p: number): void {
		const filters = this.#filters();
		if (!filters) return;
		const poller = this.#s.pollers[p] as PollerState;
		const keep: InHand[] = [];
		for (const m of poller.batch) {
			if (filters.some((f) => matchesFilterPolicy(f, { body: m.body }))) keep.push(m);
			else {
				this.ctx.trace({
					type: 'esm-filtered',
					node: this.id,
					msg: m.msg,
					origin: m.origin,
					worker: `${this.id}/${p}`,
					cause: 'filter-criteria'
				});
				try {
					this.#sqs.queue().deleteMessage(m.handle, this.id);
				} catch {
					// Gone already: nothing to do.
				}
			}
		}
		poller.batch = keep;
	}

	#invoke(p: number): void {
		const s = this.#s;
		this.#applyFilters(p);
		// ESM-SQS-1: the batch stopped growing; the next one is measured from nothing (or from its carry).
		(s.pollers[p] as PollerState).bytes = undefined;
		if ((s.pollers[p] as PollerState).batch.length === 0) {
			// Everything was filtered out: poll again without invoking (ESM-SQS-7), one round trip later.
			this.#again(p, nextPollMs(POLL_LATENCY_MS));
			return;
		}
		const poller = this.#set(p, 'INVOKE');
		poller.token++;
		poller.windowEnd = undefined;
		const now = this.ctx.now();
		const worker = `${this.id}/${p}`;
		s.active++;
		const reserved = this.spec.ReservedConcurrency;
		if (reserved !== undefined && s.active > reserved) {
			// ESM-SQS-5: a reserved-concurrency cap throttles; the batch returns to the queue after its
			// visibility timeout, raising receive counts toward the DLQ.
			s.active--;
			s.throttles++;
			this.ctx.trace({
				type: 'batch-result',
				node: this.id,
				worker,
				ok: false,
				failed: poller.batch.length,
				error: 'TooManyRequestsException',
				cause: 'throttled'
			});
			poller.batch = [];
			poller.bytes = undefined;
			this.#set(p, 'FINISH');
			this.ctx.after(THROTTLE_BACKOFF_MS, this.id, { type: 'POLL', p });
			return;
		}
		s.invocations++;
		// ESM-SQS-8: the event the function gets (built when the inspector asks for it).
		const source = this.#eventSource();
		const messages = poller.batch.map((m) => this.#eventMessage(m));
		this.keepEvent(() => sqsEvent(messages, source));
		let duration = 0;
		for (let i = 0; i < poller.batch.length; i++)
			duration += sampleDurationMs(this.spec.ProcessingTime, this.rng);
		duration = scaledMs(duration, s.slowFactor);
		const timeoutMs = this.spec.Timeout * 1000;
		poller.timedOut = duration > timeoutMs;
		poller.until = now + Math.min(duration, timeoutMs);
		this.ctx.trace({
			type: 'batch-invoked',
			node: this.id,
			worker,
			size: poller.batch.length,
			until: poller.until
		});
		for (const m of poller.batch) {
			this.ctx.trace({
				type: 'processing-started',
				node: this.id,
				msg: m.msg,
				origin: m.origin,
				worker,
				queue: this.queueId,
				receiveCount: m.receiveCount,
				until: poller.until
			});
		}
		this.ctx.at(poller.until, this.id, { type: 'DONE', p, token: poller.token });
	}

	#done(p: number, token: number): void {
		const s = this.#s;
		const poller = s.pollers[p] as PollerState;
		if (poller.token !== token || poller.status !== 'invoking') return;
		const worker = `${this.id}/${p}`;
		const batch = poller.batch;
		const timedOut = poller.timedOut === true;
		const fifo = this.#sqs.queue().fifo;
		// ESM-SQS-4/-6: a function on a FIFO source stops at its first failure, so no message is processed
		// before an earlier one of its batch (order within each group); the rest are not attempted.
		const fails: boolean[] = [];
		const notAttempted: boolean[] = [];
		// Why an attempted message failed when an operator action decided it (fail-all, a poison mark).
		const forced: (string | undefined)[] = [];
		const queue = this.#sqs.queue();
		for (const m of batch) {
			const stopped = fifo && fails.includes(true);
			notAttempted.push(stopped);
			const by =
				stopped || timedOut
					? undefined
					: s.failAll
						? 'operator-fail-all'
						: queue.isPoison(m.origin)
							? 'operator-poison'
							: undefined;
			forced.push(by);
			fails.push(stopped || timedOut || by !== undefined || this.#fails(m));
		}
		const partial = this.spec.FunctionResponseTypes.includes('ReportBatchItemFailures');
		let returned: boolean[];
		if (timedOut || !partial) {
			// ESM-SQS-3: an error or timeout deletes nothing.
			returned = fails.some(Boolean) ? batch.map(() => true) : batch.map(() => false);
		} else {
			// ESM-SQS-4: only the reported failures return; for FIFO that is the first failure and every later
			// message (all marked failed above).
			returned = fails;
		}
		const now = this.ctx.now();
		batch.forEach((m, i) => {
			const ok = !fails[i];
			const again = ok && this.#processed.count(m.origin) > 0;
			this.ctx.trace({
				type: 'processed',
				node: this.id,
				msg: m.msg,
				origin: m.origin,
				worker,
				queue: this.queueId,
				ok,
				...(again ? { again: true } : {}),
				latencyMs: now - m.sentAt,
				...(ok
					? {}
					: {
							cause: timedOut
								? 'function-timeout'
								: notAttempted[i]
									? 'earlier-message-failed'
									: (forced[i] ??
										(this.spec.Failure?.bodyContains && m.body.includes(this.spec.Failure.bodyContains)
											? 'poison-message'
											: 'function-error'))
						})
			});
			if (ok) {
				this.#processed.add(m.origin);
				s.processed = this.#processed.length;
			}
		});
		const failed = returned.filter(Boolean).length;
		this.ctx.trace({
			type: 'batch-result',
			node: this.id,
			worker,
			ok: failed === 0,
			failed,
			...(timedOut ? { error: 'Task timed out', cause: 'function-timeout' } : {}),
			...(!timedOut && fails.some(Boolean)
				? {
						error: partial ? 'batchItemFailures' : 'Unhandled',
						cause: partial ? 'partial-batch' : 'function-error'
					}
				: {})
		});
		// ESM-SQS-3/-4: delete what succeeded, ten at a time.
		const toDelete = batch.filter((_, i) => !returned[i]);
		for (let i = 0; i < toDelete.length; i += 10) {
			const chunk = toDelete.slice(i, i + 10);
			try {
				this.#sqs.queue().deleteMessageBatch(
					chunk.map((m, k) => ({ Id: String(k), ReceiptHandle: m.handle })),
					this.id
				);
			} catch {
				// A throttled delete leaves the messages to come back: at-least-once.
			}
		}
		s.active--;
		poller.batch = [];
		poller.bytes = undefined;
		poller.until = undefined;
		poller.timedOut = undefined;
		this.#set(p, 'FINISH');
		this.ctx.after(0, this.id, { type: 'POLL', p });
	}

	#fails(m: InHand): boolean {
		const rule = this.spec.Failure;
		if (!rule) return false;
		if (rule.bodyContains !== undefined && m.body.includes(rule.bodyContains)) return true;
		return rule.probability > 0 && this.rng.chance(rule.probability);
	}
}
