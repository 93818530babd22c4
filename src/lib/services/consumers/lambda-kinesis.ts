// A Lambda function behind a Kinesis event source mapping (ESM-KIN-1..7): per shard (parents before
// children) and per parallelization slot (records spread by a hash of the partition key, so order holds per
// key), Lambda invokes one batch at a time. A failing batch is retried and blocks its slot (ESM-KIN-3) until
// it succeeds, its retries run out, or its oldest record is too old; with BisectBatchOnFunctionError the batch
// is split in halves to isolate the bad record (ESM-KIN-4). Giving up sends the batch's metadata to the
// on-failure destination (ESM-KIN-5). With ReportBatchItemFailures the function reports failed sequence
// numbers: Lambda checkpoints before the lowest and retries from it (ESM-KIN-6). Every invocation reports
// IteratorAge (ESM-KIN-7) and hands the function a Kinesis event (ESM-KIN-8, kept as lastEvent()). Operator
// actions make the function fail every batch or run slower (docs/ARCHITECTURE.md "Operator actions").
//
// Every head batch goes through its lifecycle machine (kinesis-batch-lifecycle.ts): the machine picks the
// transition (its guards evaluated here), then the mapping's one executor (#perform) runs the transition's
// named effects in order. An event the machine does not accept in the batch's status is a bug and throws.

import { messageTargetOf, nodeOf } from '../nodes';
import type { SimContext, SimNode } from '../../engine/simulation';
import type { LambdaSpec } from '../../engine/scenario';
import { sampleDurationMs } from './distribution';
import type { KinesisStream } from '../kinesis/stream';
import { readShard, shardIterator, shardsToStart } from './shard-reader';
import { hashString32 } from '../../engine/random';
import { epochMs } from '../shared/aws';
import type { Guards } from '../shared/compile-machine';
import { type ActionEvent, scaledMs, scheduleActions, unknownEvent } from '../shared/operator';
import { LambdaFunction, type FunctionFaults } from './lambda-function';
import { functionRoleArn, kinesisEvent, type KinesisEventRecordInput } from './lambda-events';
import { base64OfBytes } from '../shared/base64';
import {
	type BatchEffect,
	type BatchEvent,
	type BatchGuard,
	type BatchStatus,
	batchStatus,
	kinesisBatchLifecycle
} from './kinesis-batch-lifecycle';

/** [sim] Lambda's GetRecords cadence per shard (about once a second). */
const POLL_MS = 1000;

interface Rec {
	seq: string;
	key: string;
	data: string;
	/** ESM-KIN-8: the record's bytes in base64, kept only when `data` (UTF-8 decoded) does not hold them. */
	raw?: string;
	arrivedAt: number;
}

interface Batch {
	records: Rec[];
	attempts: number;
	bisected: boolean;
}

interface Slot {
	/** Batches waiting their turn, oldest first; the head is retried until done (ESM-KIN-3). */
	batches: Batch[];
	queue: Rec[];
	busy: boolean;
	token: number;
}

interface ShardLease {
	shard: string;
	iterator?: string;
	/** Where reading resumes when the iterator expires: after the last record read, else the start position. */
	position: string;
	finished: boolean;
	slots: Slot[];
	reading: boolean;
}

/** The head batch of a slot, as the executor sees it. */
interface HeadBatch {
	lease: ShardLease;
	k: number;
	slot: Slot;
	batch: Batch;
	/** ESM-KIN-6: where a partial batch response's lowest failure is in the batch. */
	failedAt?: number;
}

/** The events the mapping schedules on itself (its timers) and the operator actions a scenario schedules. */
export type EsmKinesisEvent =
	| { type: 'SYNC' }
	| { type: 'POLL'; shard: string }
	| {
			type: 'DONE';
			shard: string;
			slot: number;
			token: number;
			ok: boolean;
			/** ESM-KIN-6: the index in the batch of the lowest sequence number the function reported failed. */
			failedAt?: number;
	  }
	| ActionEvent;

interface EsmKinesisState extends FunctionFaults {
	shards: ShardLease[];
	invocations: number;
	discarded: number;
}

export class LambdaKinesisEventSource extends LambdaFunction implements SimNode {
	readonly eventSource = 'kinesis';
	readonly streamId: string;
	#s: EsmKinesisState = { shards: [], invocations: 0, discarded: 0, slowFactor: 1, failAll: false };

	constructor(spec: LambdaSpec, ctx: SimContext, streamId: string) {
		super(spec, ctx);
		this.streamId = streamId;
	}

	/** ESM-KIN-1: default 100. */
	get batchSize(): number {
		return this.spec.BatchSize ?? 100;
	}
	get leases(): readonly Readonly<ShardLease>[] {
		return this.#s.shards;
	}
	/** ESM-KIN-2: concurrency is shards × ParallelizationFactor. */
	get busy(): number {
		return this.#s.shards.reduce((n, l) => n + l.slots.filter((s) => s.busy).length, 0);
	}

	protected get faults(): FunctionFaults {
		return this.#s;
	}

	/** ESM-KIN-3: the status of slot k's head batch in its machine (kinesis-batch-lifecycle.ts). */
	headStatus(lease: Readonly<ShardLease>, k: number): BatchStatus | undefined {
		const slot = lease.slots[k];
		const head = slot?.batches[0];
		return slot && head ? batchStatus(slot.busy, head) : undefined;
	}

	start(): void {
		this.#at(this.spec.StartAtMs, { type: 'SYNC' });
		scheduleActions(this.ctx, this.id, this.spec.Actions);
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as EsmKinesisState;
		this.keepEvent(undefined);
	}

	handle(event: EsmKinesisEvent): void {
		switch (event.type) {
			case 'SYNC':
				this.#sync();
				this.#after(10_000, { type: 'SYNC' });
				return;
			case 'POLL':
				return this.#poll(event.shard);
			case 'DONE':
				return this.#done(event.shard, event.slot, event.token, event.ok, event.failedAt);
			case 'ACTION':
				return this.action(event.k);
			default:
				return unknownEvent(`lambda ${this.id}`, event);
		}
	}

	#at(t: number, event: EsmKinesisEvent): void {
		this.ctx.at(t, this.id, event);
	}

	#after(ms: number, event: EsmKinesisEvent): void {
		this.ctx.after(ms, this.id, event);
	}

	#stream(): KinesisStream {
		const stream = nodeOf(this.ctx, this.streamId, 'kinesis-stream');
		if (!stream) throw new Error(`${this.id}: ${this.streamId} is not a Kinesis stream`);
		return stream;
	}

	/** Start shards whose parents are finished (ESM-KIN-7 / KIN-11). */
	#sync(): void {
		const finished = (l: ShardLease) => l.finished;
		for (const { shard, position } of shardsToStart(
			this.#stream(),
			this.#s.shards,
			finished,
			this.spec.StartingPosition
		)) {
			const lease: ShardLease = {
				shard,
				position,
				finished: false,
				reading: false,
				slots: Array.from({ length: this.spec.ParallelizationFactor }, () => ({
					batches: [],
					queue: [],
					busy: false,
					token: 0
				}))
			};
			lease.iterator = shardIterator(this.#stream(), shard, position);
			this.#s.shards.push(lease);
			this.#after(0, { type: 'POLL', shard });
		}
	}

	#poll(shard: string): void {
		const lease = this.#s.shards.find((l) => l.shard === shard);
		if (!lease || lease.finished || !lease.iterator) return;
		const backlog = lease.slots.reduce(
			(n, s) => n + s.queue.length + s.batches.reduce((m, b) => m + b.records.length, 0),
			0
		);
		if (backlog < this.batchSize * this.spec.ParallelizationFactor * 2) {
			const iterator = lease.iterator;
			const read = readShard(() =>
				this.#stream().getRecords({ ShardIterator: iterator, Limit: 10_000 }, this.id)
			);
			if (read.ok) {
				const r = read.result;
				for (const rec of r.Records) {
					lease.position = rec.SequenceNumber;
					// ESM-KIN-2: one slot per partition key, so order holds per key.
					const slot = lease.slots[hashString32(rec.PartitionKey) % lease.slots.length] as Slot;
					const data = new TextDecoder().decode(rec.Data);
					slot.queue.push({
						seq: rec.SequenceNumber,
						key: rec.PartitionKey,
						data,
						...(data.includes('\uFFFD') ? { raw: base64OfBytes(rec.Data) } : {}),
						arrivedAt: rec.ApproximateArrivalTimestamp.getTime() - epochMs(0)
					});
				}
				if (r.NextShardIterator === undefined) {
					lease.iterator = undefined;
					lease.reading = false;
				} else lease.iterator = r.NextShardIterator;
			} else if (read.refusal === 'expired-iterator') {
				// KIN-9: an iterator expires 5 minutes after it was issued (a slot blocked that long stops the
				// reads); the mapping gets a new one after the last record it read, so nothing is skipped.
				lease.iterator = shardIterator(this.#stream(), shard, lease.position);
			}
		}
		lease.slots.forEach((_, k) => this.#maybeInvoke(lease, k));
		if (lease.iterator !== undefined) this.#after(POLL_MS, { type: 'POLL', shard });
		else this.#maybeFinish(lease);
	}

	#maybeFinish(lease: ShardLease): void {
		if (lease.iterator !== undefined || lease.finished) return;
		if (lease.slots.every((s) => !s.busy && s.queue.length === 0 && s.batches.length === 0)) {
			lease.finished = true;
			this.#sync();
		}
	}

	#maybeInvoke(lease: ShardLease, k: number): void {
		const slot = lease.slots[k] as Slot;
		if (slot.busy) return;
		if (slot.batches.length === 0 && slot.queue.length > 0) {
			slot.batches.push({ records: slot.queue.splice(0, this.batchSize), attempts: 0, bisected: false });
		}
		const batch = slot.batches[0];
		if (!batch) return;
		// ESM-KIN-3/-5: a failed batch is given up when retries run out or its oldest record is too old.
		const maxAge = this.spec.MaximumRecordAgeInSeconds;
		const maxRetries = this.spec.MaximumRetryAttempts;
		this.#step({ lease, k, slot, batch }, 'INVOKE', {
			retriesExhausted: () => maxRetries >= 0 && batch.attempts > maxRetries,
			recordTooOld: () => maxAge >= 0 && this.ctx.now() - (batch.records[0] as Rec).arrivedAt > maxAge * 1000
		});
	}

	/**
	 * Advance a slot's head batch through its machine, then perform the transition's effects on it. The slot
	 * is busy exactly while its head is invoking; `forced` says the operator's fail-all failed it.
	 */
	#step(head: HeadBatch, event: BatchEvent, guards?: Guards<BatchGuard>, forced = false): void {
		const from = batchStatus(head.slot.busy, head.batch);
		const stepped = kinesisBatchLifecycle.step(from, event, guards);
		if (stepped === undefined)
			throw new Error(`esm-kinesis-batch: no transition for ${event} in state ${from}`);
		const [to, effects] = stepped;
		head.slot.busy = to === 'invoking';
		for (const effect of effects) this.#perform(effect, head, forced);
	}

	/** The one executor of the batch machine's named effects. */
	/** Each record of a batch that the function processed (ESM-KIN-2: in order, per key). */
	#traceProcessed(shard: string, records: readonly { seq: string; key: string }[]): void {
		for (const r of records) {
			this.ctx.trace({
				type: 'record-processed',
				node: this.id,
				msg: r.seq,
				shard,
				partitionKey: r.key,
				by: this.id,
				ok: true
			});
		}
	}

	#perform(effect: BatchEffect, head: HeadBatch, forced: boolean): void {
		const { lease, k, slot, batch } = head;
		switch (effect) {
			case 'invoke':
				return this.#invoke(head);
			case 'checkpoint':
				slot.batches.shift();
				return;
			case 'reportSuccess':
				this.#traceProcessed(lease.shard, batch.records);
				this.ctx.trace({
					type: 'batch-result',
					node: this.id,
					worker: this.#worker(head),
					ok: true,
					failed: 0
				});
				return;
			case 'reportPartial': {
				// ESM-KIN-6: the records before the lowest failure are done; the rest are retried.
				const at = head.failedAt ?? 0;
				this.#traceProcessed(lease.shard, batch.records.slice(0, at));
				this.ctx.trace({
					type: 'batch-result',
					node: this.id,
					worker: this.#worker(head),
					ok: false,
					failed: batch.records.length - at,
					error: 'batchItemFailures',
					cause: 'partial-batch'
				});
				return;
			}
			case 'checkpointBeforeFailure':
				// ESM-KIN-6: Lambda checkpoints before the lowest failed sequence number; the retried batch starts
				// at it, and the later records are processed again even if they had succeeded.
				batch.records = batch.records.slice(head.failedAt ?? 0);
				return;
			case 'reportFailure':
				this.ctx.trace({
					type: 'batch-result',
					node: this.id,
					worker: this.#worker(head),
					ok: false,
					failed: batch.records.length,
					error: 'Unhandled',
					cause: forced ? 'operator-fail-all' : 'function-error'
				});
				return;
			case 'bisect': {
				// ESM-KIN-4: split in halves; each half is retried on its own. Splits do not use up retries
				// (unverified).
				const half = Math.ceil(batch.records.length / 2);
				slot.batches.splice(
					0,
					1,
					{ records: batch.records.slice(0, half), attempts: batch.attempts, bisected: true },
					{ records: batch.records.slice(half), attempts: batch.attempts, bisected: true }
				);
				return;
			}
			case 'countAttempt':
				batch.attempts++;
				return;
			case 'discardRetriesExhausted':
				return this.#discard(lease, k, 'retries-exhausted');
			case 'discardRecordTooOld':
				return this.#discard(lease, k, 'record-too-old');
			case 'nextBatch':
				return this.#maybeInvoke(lease, k);
			default:
				throw new Error(`lambda ${this.id}: no executor for effect ${String(effect satisfies never)}`);
		}
	}

	#worker(head: HeadBatch): string {
		return `${this.id}/${head.lease.shard}/${head.k}`;
	}

	#invoke(head: HeadBatch): void {
		const { lease, k, slot, batch } = head;
		const now = this.ctx.now();
		slot.token++;
		this.#s.invocations++;
		let duration = 0;
		for (let i = 0; i < batch.records.length; i++)
			duration += sampleDurationMs(this.spec.ProcessingTime, this.rng);
		duration = scaledMs(duration, this.#s.slowFactor);
		const timeout = this.spec.Timeout * 1000;
		// A timeout fails the batch like an error does.
		let fails: boolean;
		let failedAt: number | undefined;
		if (duration <= timeout && this.spec.FunctionResponseTypes.includes('ReportBatchItemFailures')) {
			// ESM-KIN-6: the function runs every record and reports each failure by its sequence number; Lambda
			// acts on the lowest (the batch is in sequence order).
			const failures = batch.records.map((r) => this.#fails(r));
			const i = failures.indexOf(true);
			fails = i >= 0;
			if (fails) failedAt = i;
		} else fails = duration > timeout || batch.records.some((r) => this.#fails(r));
		const event = this.#event(lease, batch);
		this.keepEvent(event);
		// [sim] A retry is never instantaneous: with no processing time, a batch that keeps failing would
		// otherwise be retried forever without simulated time moving on (ESM-KIN-3 retries until it expires).
		const took = Math.min(duration, timeout) === 0 && batch.attempts > 0 ? 1 : Math.min(duration, timeout);
		const last = batch.records[batch.records.length - 1] as Rec;
		this.ctx.trace({
			type: 'batch-invoked',
			node: this.id,
			worker: this.#worker(head),
			size: batch.records.length,
			until: now + took,
			iteratorAgeMs: now - last.arrivedAt, // ESM-KIN-7
			attempt: batch.attempts + 1
		});
		this.#after(took, {
			type: 'DONE',
			shard: lease.shard,
			slot: k,
			token: slot.token,
			ok: !fails,
			...(failedAt !== undefined ? { failedAt } : {})
		});
	}

	/** ESM-KIN-8: builds the event the function gets for `batch` (its records array is never changed in place). */
	#event(lease: ShardLease, batch: Batch): () => unknown {
		const records = batch.records;
		const source = {
			shardId: lease.shard,
			streamArn: this.#stream().arn,
			invokeIdentityArn: functionRoleArn(this.id)
		};
		return () => {
			const encoder = new TextEncoder();
			const input: KinesisEventRecordInput[] = records.map((r) => ({
				partitionKey: r.key,
				sequenceNumber: r.seq,
				data: r.raw !== undefined ? { base64: r.raw } : encoder.encode(r.data),
				approximateArrivalTimestamp: epochMs(r.arrivedAt)
			}));
			return kinesisEvent(input, source);
		};
	}

	#fails(r: Rec): boolean {
		const rule = this.spec.Failure;
		if (!rule) return false;
		if (rule.bodyContains !== undefined && r.data.includes(rule.bodyContains)) return true;
		return rule.probability > 0 && this.rng.chance(rule.probability);
	}

	#done(shard: string, k: number, token: number, decided: boolean, failedAt?: number): void {
		const lease = this.#s.shards.find((l) => l.shard === shard);
		const slot = lease?.slots[k];
		if (!lease || !slot || slot.token !== token) return; // An invocation from before the slot's last.
		const batch = slot.batches[0];
		if (!batch) throw new Error(`lambda ${this.id}: slot ${shard}/${k} ended an invocation without a batch`);
		if (failedAt !== undefined && !this.#s.failAll) {
			// ESM-KIN-6: a partial batch response (fail-all instead fails the whole invocation, below).
			this.#step({ lease, k, slot, batch, failedAt }, 'PARTIAL');
			this.#maybeFinish(lease);
			return;
		}
		// fail-all decides when the invocation ends (the rules decided when it started).
		const forced = decided && this.#s.failAll;
		const ok = decided && !forced;
		this.#step(
			{ lease, k, slot, batch },
			ok ? 'SUCCEEDED' : 'FAILED',
			{ bisectable: () => this.spec.BisectBatchOnFunctionError && batch.records.length > 1 },
			forced
		);
		this.#maybeFinish(lease);
	}

	/** ESM-KIN-5: metadata to the on-failure destination, then move past the batch. */
	#discard(lease: ShardLease, k: number, cause: string): void {
		const slot = lease.slots[k] as Slot;
		const batch = slot.batches.shift();
		if (!batch) return;
		this.#s.discarded++;
		const first = batch.records[0] as Rec;
		const last = batch.records[batch.records.length - 1] as Rec;
		const destination = this.spec.OnFailure;
		const metadata = {
			requestContext: {
				condition: cause === 'retries-exhausted' ? 'RetryAttemptsExhausted' : 'RecordAgeExceeded',
				functionArn: this.id
			},
			KinesisBatchInfo: {
				shardId: lease.shard,
				startSequenceNumber: first.seq,
				endSequenceNumber: last.seq,
				approximateArrivalOfFirstRecord: new Date(epochMs(first.arrivedAt)).toISOString(),
				approximateArrivalOfLastRecord: new Date(epochMs(last.arrivedAt)).toISOString(),
				batchSize: batch.records.length,
				streamArn: this.#stream().arn
			}
		};
		const target = messageTargetOf(this.ctx, destination);
		if (target) {
			try {
				target.acceptFromProducer(
					{ MessageBody: JSON.stringify(metadata) },
					{ from: this.id, origin: `${this.id}-failure-${this.#s.discarded}` }
				);
			} catch {
				// An unreachable destination loses the metadata, as AWS does.
			}
		}
		this.ctx.trace({
			type: 'batch-discarded',
			node: this.id,
			worker: `${this.id}/${lease.shard}/${k}`,
			shard: lease.shard,
			size: batch.records.length,
			firstSeq: first.seq,
			lastSeq: last.seq,
			...(destination ? { destination } : {}),
			cause
		});
	}
}
