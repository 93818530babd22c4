// A Firehose delivery stream (FH-1..5) as a simulation node: records arrive by direct put or from a Kinesis
// stream, wait in a buffer that flushes when either the size or the interval hint is reached (FH-1), pass
// an optional transform (FH-3: Ok / Dropped / ProcessingFailed per record, failed ones to a backup prefix),
// and land as objects in an S3-like sink under a UTC YYYY/MM/DD/HH/ prefix (FH-5). Records are concatenated
// with no delimiter (FH-2). Deliveries to a failing destination are retried (FH-4) for as long as the data
// is kept: 24 h for Direct PUT, the source stream's retention (from the record's arrival in the stream) for
// a Kinesis source.

import type { SimContext, SimNode } from '../../engine/simulation';
import { unknownEvent } from '../shared/operator';

/** The events a delivery stream schedules on itself (FH-1/-2/-3). */
export type FirehoseEvent = { type: 'FLUSH' } | { type: 'RETRY' } | { type: 'READ' };
import type { Random } from '../../engine/random';
import { awsError } from '../shared/errors';
import { ACCOUNT_ID, epochMs, REGION } from '../shared/aws';
import { nodeOf } from '../nodes';
import type { Guards } from '../shared/compile-machine';
import {
	bufferLifecycle,
	type BufferEffect,
	type BufferEvent,
	type BufferGuard,
	type BufferState
} from './buffer-lifecycle';

import {
	DESTINATION_RETRY_MS,
	DIRECT_PUT_MAX_AGE_MS,
	HOUR_MS,
	MAX_BATCH_BYTES,
	MAX_BATCH_RECORDS,
	MAX_RECORD_BYTES,
	MiB
} from './limits';

export interface FirehoseConfig {
	DeliveryStreamName: string;
	/** FH-1: 1–128 MiB (default 5) and 0–900 s (default 300), whichever first. */
	SizeInMBs: number;
	IntervalInSeconds: number;
	Prefix: string;
	/** Reads from a Kinesis stream (node id) instead of direct puts. */
	sourceStream?: string;
	/** FH-3 [sim]: the transform's outcome per record, decided by a seeded draw or a body match. */
	transform?: { failWhenContains?: string; dropWhenContains?: string; failureRate?: number };
	/** FH-4 [sim]: windows when the destination rejects writes. */
	outages?: { fromMs: number; toMs: number }[];
}

export interface S3Object {
	Key: string;
	Size: number;
	records: number;
	LastModified: number;
	Body: string;
}

interface Buffered {
	id: string;
	data: Uint8Array;
	/** When Firehose took the record (FH-1: the buffer's interval counts from it). */
	at: number;
	/** FH-4: with a Kinesis source, when the record arrived in the stream (its retention counts from it). */
	streamArrivedAt?: number;
	origin: string;
}

interface FirehoseState {
	config: FirehoseConfig;
	buffer: Buffered[];
	bufferBytes: number;
	flushTimer?: number;
	objects: S3Object[];
	/** Batches waiting for the destination to come back (FH-4). */
	retrying: { records: Buffered[]; reason: string }[];
	nextRecord: number;
	reader?: { shards: Record<string, string | null> };
}

export class FirehoseDeliveryStream implements SimNode {
	readonly id: string;
	readonly type = 'firehose';
	readonly ctx: SimContext;
	readonly rng: Random;
	#s: FirehoseState;

	constructor(id: string, config: FirehoseConfig, ctx: SimContext) {
		this.id = id;
		this.ctx = ctx;
		this.rng = ctx.random(`firehose:${id}`);
		this.#s = { config, buffer: [], bufferBytes: 0, objects: [], retrying: [], nextRecord: 0 };
	}

	get config(): Readonly<FirehoseConfig> {
		return this.#s.config;
	}
	get arn(): string {
		return `arn:aws:firehose:${REGION}:${ACCOUNT_ID}:deliverystream/${this.#s.config.DeliveryStreamName}`;
	}
	get buffered(): { records: number; bytes: number } {
		return { records: this.#s.buffer.length, bytes: this.#s.bufferBytes };
	}
	/** The S3-like sink's objects, oldest first. */
	/** When the oldest buffered record arrived (FH-1: the interval counts from it), if any is buffered. */
	get bufferedSince(): number | undefined {
		return this.#s.buffer[0]?.at;
	}

	objects(): readonly Readonly<S3Object>[] {
		return this.#s.objects;
	}

	start(): void {
		if (this.#s.config.sourceStream) this.ctx.at(0, this.id, { type: 'READ' });
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as FirehoseState;
	}

	handle(event: FirehoseEvent): void {
		switch (event.type) {
			case 'FLUSH':
				// The interval's timer is cancelled by every flush, so it only fires on a buffering buffer.
				return this.#step(this.bufferState, 'INTERVAL');
			case 'RETRY':
				return this.#retry();
			case 'READ':
				return this.#read();
			default:
				return unknownEvent(`firehose ${this.id}`, event);
		}
	}

	// Ingest (FH-2) --------------------------------------------------------------------------------------

	#accept(data: Uint8Array, origin?: string, streamArrivedAt?: number): string {
		const s = this.#s;
		const id = `${this.rng.hex(24)}${String(++s.nextRecord).padStart(8, '0')}`;
		const from = this.bufferState;
		s.buffer.push({
			id,
			data,
			at: this.ctx.now(),
			...(streamArrivedAt !== undefined ? { streamArrivedAt } : {}),
			origin: origin ?? id
		});
		s.bufferBytes += data.length;
		this.ctx.trace({
			type: 'firehose-buffered',
			node: this.id,
			msg: id,
			origin: origin ?? id,
			bytes: data.length,
			buffered: s.bufferBytes
		});
		// FH-1: the buffer machine decides: the first record starts the interval; a full buffer flushes now.
		this.#step(from, 'RECORD', { sizeReached: () => s.bufferBytes >= s.config.SizeInMBs * MiB });
		return id;
	}

	/** FH-1: the buffer's state in its machine (buffer-lifecycle.ts): empty, or buffering with a due interval. */
	get bufferState(): BufferState {
		return this.#s.buffer.length === 0 ? 'empty' : 'buffering';
	}

	#step(from: BufferState, event: BufferEvent, guards?: Guards<BufferGuard>): void {
		const stepped = bufferLifecycle.step(from, event, guards);
		if (stepped === undefined)
			throw new Error(`firehose-buffer: no transition for ${event} in state ${from}`);
		for (const effect of stepped[1]) this.#perform(effect);
	}

	/** The one executor of the buffer machine's named effects. */
	#perform(effect: BufferEffect): void {
		const s = this.#s;
		switch (effect) {
			case 'armInterval':
				s.flushTimer = this.ctx.after(s.config.IntervalInSeconds * 1000, this.id, { type: 'FLUSH' });
				return;
			case 'flushForSize':
				return this.#flush('size');
			case 'flushForInterval':
				return this.#flush('interval');
			default:
				throw new Error(`firehose ${this.id}: no executor for effect ${String(effect satisfies never)}`);
		}
	}

	putRecord(data: Uint8Array | string, origin?: string): { RecordId: string; Encrypted: boolean } {
		if (this.#s.config.sourceStream) {
			throw awsError(
				'InvalidArgumentException',
				'This operation is not permitted on KinesisStreamAsSource DeliveryStream type.'
			);
		}
		const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
		if (bytes.length > MAX_RECORD_BYTES) {
			throw awsError(
				'ValidationException',
				`1 validation error detected: Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`
			);
		}
		return { RecordId: this.#accept(bytes, origin), Encrypted: false };
	}

	putRecordBatch(records: (Uint8Array | string)[]): {
		FailedPutCount: number;
		Encrypted: boolean;
		RequestResponses: ({ RecordId: string } | { ErrorCode: string; ErrorMessage: string })[];
	} {
		if (this.#s.config.sourceStream) {
			throw awsError(
				'InvalidArgumentException',
				'This operation is not permitted on KinesisStreamAsSource DeliveryStream type.'
			);
		}
		if (!Array.isArray(records) || records.length === 0 || records.length > MAX_BATCH_RECORDS) {
			throw awsError(
				'ValidationException',
				`1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length between 1 and ${MAX_BATCH_RECORDS}`
			);
		}
		const encoded = records.map((d) => (typeof d === 'string' ? new TextEncoder().encode(d) : d));
		const total = encoded.reduce((n, d) => n + d.length, 0);
		if (total > MAX_BATCH_BYTES)
			throw awsError('InvalidArgumentException', `Records size exceeds 4 MiB limit: ${total} bytes.`);
		let failed = 0;
		const RequestResponses = encoded.map((d) => {
			if (d.length > MAX_RECORD_BYTES) {
				failed++;
				return { ErrorCode: 'ValidationException', ErrorMessage: 'Record size exceeds 1000 KiB.' };
			}
			return { RecordId: this.#accept(d) };
		});
		return { FailedPutCount: failed, Encrypted: false, RequestResponses };
	}

	acceptFromProducer(input: { MessageBody: string }, from: { from: string; origin: string }): void {
		this.putRecord(input.MessageBody, from.origin);
	}

	/** FH-2: with a Kinesis source, Firehose reads every shard about once a second. */
	#read(): void {
		const s = this.#s;
		const streamId = s.config.sourceStream as string;
		const stream = nodeOf(this.ctx, streamId, 'kinesis-stream');
		if (!stream) throw new Error(`firehose ${this.id}: source stream ${streamId} is not a Kinesis stream`);
		s.reader ??= { shards: {} };
		for (const sh of stream.shards()) {
			if (s.reader.shards[sh.ShardId] === null) continue;
			try {
				const it = stream.getShardIterator(
					s.reader.shards[sh.ShardId] === undefined
						? { ShardId: sh.ShardId, ShardIteratorType: 'TRIM_HORIZON' }
						: {
								ShardId: sh.ShardId,
								ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
								StartingSequenceNumber: s.reader.shards[sh.ShardId] as string
							}
				).ShardIterator;
				const r = stream.getRecords({ ShardIterator: it }, this.id);
				for (const rec of r.Records) {
					this.#accept(rec.Data, rec.SequenceNumber, rec.ApproximateArrivalTimestamp.getTime() - epochMs(0));
					s.reader.shards[sh.ShardId] = rec.SequenceNumber;
				}
				if (r.NextShardIterator === undefined) s.reader.shards[sh.ShardId] = null;
			} catch {
				// Throttled or trimmed: try again next second.
			}
		}
		this.ctx.after(1000, this.id, { type: 'READ' });
	}

	// Flush and delivery (FH-1, FH-3, FH-4, FH-5) --------------------------------------------------------

	#flush(reason: 'size' | 'interval'): void {
		const s = this.#s;
		if (s.flushTimer !== undefined) this.ctx.cancel(s.flushTimer);
		delete s.flushTimer;
		if (s.buffer.length === 0) return;
		const records = s.buffer;
		s.buffer = [];
		s.bufferBytes = 0;
		this.#deliver(records, reason);
	}

	#deliver(records: Buffered[], reason: string): void {
		const s = this.#s;
		const now = this.ctx.now();
		if ((s.config.outages ?? []).some((o) => now >= o.fromMs && now < o.toMs)) {
			// FH-4: retried while the data is kept; older data is lost.
			const alive = this.#kept(records, now);
			this.ctx.trace({
				type: 'firehose-delivery-failed',
				node: this.id,
				records: records.length,
				lost: records.length - alive.length,
				cause: 'destination-unavailable'
			});
			if (alive.length > 0) {
				s.retrying.push({ records: alive, reason });
				this.ctx.after(DESTINATION_RETRY_MS, this.id, { type: 'RETRY' });
			}
			return;
		}
		const ok: Buffered[] = [];
		const failed: Buffered[] = [];
		let dropped = 0;
		const t = s.config.transform;
		for (const r of records) {
			if (!t) {
				ok.push(r);
				continue;
			}
			const text = new TextDecoder().decode(r.data);
			if (t.dropWhenContains && text.includes(t.dropWhenContains)) dropped++;
			else if (
				(t.failWhenContains && text.includes(t.failWhenContains)) ||
				(t.failureRate && this.rng.chance(t.failureRate))
			) {
				failed.push(r);
			} else ok.push(r);
		}
		if (ok.length > 0) this.#write(s.config.Prefix, ok, reason);
		// FH-3: records the transform failed go to the backup under processing-failed/.
		if (failed.length > 0) this.#write('processing-failed/', failed, reason);
		this.ctx.trace({
			type: 'firehose-flushed',
			node: this.id,
			records: ok.length,
			failed: failed.length,
			dropped,
			bytes: ok.reduce((n, r) => n + r.data.length, 0),
			cause: reason
		});
	}

	/**
	 * FH-4: the records still kept at `now`. Direct PUT data is kept for 24 h from when Firehose took it; for a
	 * Kinesis source the stream's retention decides, counted from the record's arrival in the stream (read
	 * when the delivery fails, so a retention change applies to data already waiting).
	 */
	#kept(records: Buffered[], now: number): Buffered[] {
		const streamId = this.#s.config.sourceStream;
		if (streamId === undefined) return records.filter((r) => now - r.at < DIRECT_PUT_MAX_AGE_MS);
		const stream = nodeOf(this.ctx, streamId, 'kinesis-stream');
		if (!stream) throw new Error(`firehose ${this.id}: source stream ${streamId} is not a Kinesis stream`);
		const retention = stream.config.RetentionPeriodHours * HOUR_MS;
		return records.filter((r) => now - (r.streamArrivedAt ?? r.at) < retention);
	}

	#write(prefix: string, records: Buffered[], reason: string): void {
		const s = this.#s;
		const now = this.ctx.now();
		const d = new Date(epochMs(now));
		const p2 = (n: number) => String(n).padStart(2, '0');
		// FH-5: a UTC YYYY/MM/DD/HH/ prefix; FH-2: concatenated with no delimiter.
		const key = `${prefix}${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}/${p2(d.getUTCHours())}/${s.config.DeliveryStreamName}-1-${d
			.toISOString()
			.replace(/[-:T.Z]/g, '')
			.slice(0, 14)}-${this.rng.uuid()}`;
		const body = records.map((r) => new TextDecoder().decode(r.data)).join('');
		s.objects.push({
			Key: key,
			Size: new TextEncoder().encode(body).length,
			records: records.length,
			LastModified: now,
			Body: body
		});
		for (const r of records) {
			this.ctx.trace({
				type: 'firehose-delivered',
				node: this.id,
				msg: r.id,
				origin: r.origin,
				key,
				cause: reason
			});
		}
	}

	#retry(): void {
		const batch = this.#s.retrying.shift();
		if (batch) this.#deliver(batch.records, batch.reason);
	}
}
