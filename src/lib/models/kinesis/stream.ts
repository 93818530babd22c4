// A Kinesis data stream as a simulation node (KIN-1..11): shards own BigInt hash ranges and append records
// with increasing, non-consecutive sequence numbers; per-shard token buckets enforce the write and read
// limits; iterators are opaque tokens that expire after 5 minutes; retention trims records on the
// scheduler; SplitShard, MergeShards and UpdateShardCount close parents and open children.

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import { awsError } from '../shared/errors';
import { ACCOUNT_ID, epochMs, REGION } from '../shared/aws';
import { utf8Length } from '../sqs/message';
import { explicitHashKey, hashKeyForPartitionKey, MAX_HASH_KEY, shardIdFor } from './hash';

const MiB = 1024 * 1024;
const WRITE_BYTES_PER_S = MiB; // KIN-4
const WRITE_RECORDS_PER_S = 1000; // KIN-4
const READ_BYTES_PER_S = 2 * MiB; // KIN-7
const READ_CALLS_PER_S = 5; // KIN-7
const MAX_GET_RECORDS = 10_000; // KIN-7
const MAX_GET_BYTES = 10 * MiB; // KIN-7
const ITERATOR_TTL_MS = 5 * 60 * 1000; // KIN-9
const MAX_PUT_RECORDS = 500; // KIN-5
const MAX_PUT_RECORDS_BYTES = 5 * MiB; // KIN-5 (unverified in the large-record era)
/** [sim] How long a reshard keeps the stream UPDATING. */
export const RESHARD_MS = 2_000;

export interface KinesisRecord {
	SequenceNumber: string;
	PartitionKey: string;
	Data: Uint8Array;
	/** Simulated arrival time (ms). */
	arrivedAt: number;
	bytes: number;
	origin: string;
}

export interface Shard {
	ShardId: string;
	start: bigint;
	end: bigint;
	ParentShardId?: string;
	AdjacentParentShardId?: string;
	StartingSequenceNumber: string;
	EndingSequenceNumber?: string;
	open: boolean;
	records: KinesisRecord[];
	lastSeq: bigint;
	write: { second: number; bytes: number; records: number };
	read: { second: number; bytes: number; calls: number };
	trimTimer?: number;
}

/** Resharding scheduled by a scenario (KIN-11). */
export type StreamAction =
	| { action: 'split'; atMs: number; ShardToSplit: string; NewStartingHashKey?: string }
	| { action: 'update-shard-count'; atMs: number; TargetShardCount: number };

export interface StreamConfig {
	StreamName: string;
	RetentionPeriodHours: number;
	StreamMode: 'PROVISIONED' | 'ON_DEMAND';
	MaxRecordSizeInKiB: number;
}

interface StreamState {
	config: StreamConfig;
	status: 'ACTIVE' | 'UPDATING';
	shards: Shard[];
	nextShard: number;
	createdAt: number;
	pending?: { kind: 'split' | 'merge' | 'update'; detail: Record<string, string | number> };
	iterators: number;
	deleted: boolean;
}

export interface PutRecordInput {
	PartitionKey: string;
	Data: Uint8Array | string;
	ExplicitHashKey?: string;
	SequenceNumberForOrdering?: string;
}

export interface GetRecordsOutput {
	Records: {
		SequenceNumber: string;
		ApproximateArrivalTimestamp: Date;
		Data: Uint8Array;
		PartitionKey: string;
	}[];
	NextShardIterator?: string;
	MillisBehindLatest: number;
	ChildShards?: {
		ShardId: string;
		ParentShards: string[];
		HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
	}[];
}

interface IteratorToken {
	stream: string;
	shard: string;
	/** Records with a sequence number above this are next ("-1": from the oldest kept). */
	after: string;
	issuedAt: number;
	n: number;
}

function toBytes(data: Uint8Array | string): Uint8Array {
	return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

function validation(message: string): Error {
	return awsError('ValidationException', `1 validation error detected: ${message}`);
}

export class KinesisStream implements SimNode {
	readonly id: string;
	readonly type = 'kinesis-stream';
	readonly ctx: SimContext;
	readonly rng: Random;
	#s: StreamState;

	readonly actions: readonly StreamAction[];

	constructor(
		id: string,
		config: StreamConfig,
		shardCount: number,
		ctx: SimContext,
		actions: StreamAction[] = []
	) {
		this.id = id;
		this.actions = actions;
		this.ctx = ctx;
		this.rng = ctx.random(`kinesis:${id}`);
		this.#s = {
			config,
			status: 'ACTIVE',
			shards: [],
			nextShard: 0,
			createdAt: ctx.now(),
			iterators: 0,
			deleted: false
		};
		const n = BigInt(shardCount);
		const width = (1n << 128n) / n;
		for (let i = 0; i < shardCount; i++) {
			const start = BigInt(i) * width;
			this.#openShard(start, i === shardCount - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n);
		}
	}

	get config(): Readonly<StreamConfig> {
		return this.#s.config;
	}
	get status(): string {
		return this.#s.status;
	}
	get arn(): string {
		return `arn:aws:kinesis:${REGION}:${ACCOUNT_ID}:stream/${this.#s.config.StreamName}`;
	}
	get createdAt(): number {
		return this.#s.createdAt;
	}
	/** Every shard not yet expired, in creation order (open and closed). */
	shards(): readonly Readonly<Shard>[] {
		return this.#s.shards;
	}
	openShards(): Readonly<Shard>[] {
		return this.#s.shards.filter((s) => s.open).sort((a, b) => (a.start < b.start ? -1 : 1));
	}
	shard(id: string): Readonly<Shard> | undefined {
		return this.#s.shards.find((s) => s.ShardId === id);
	}

	start(): void {
		this.actions.forEach((a, k) => this.ctx.at(a.atMs, this.id, { type: 'ACTION', k }));
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#s = data as StreamState;
	}

	handle(event: NodeEvent): void {
		switch (event.type) {
			case 'ACTION':
				return this.#runAction(event.k as number);
			case 'TRIM':
				return this.#trim(event.shard as string);
			case 'RESHARD_DONE':
				return this.#finishReshard();
			default:
				throw new Error(`kinesis-stream ${this.id}: unknown event ${event.type}`);
		}
	}

	markDeleted(): void {
		this.#s.deleted = true;
	}

	#openShard(start: bigint, end: bigint, parent?: string, adjacent?: string): Shard {
		const s = this.#s;
		const index = s.nextShard++;
		const base = this.#sequenceBase(index);
		const shard: Shard = {
			ShardId: shardIdFor(index),
			start,
			end,
			...(parent !== undefined ? { ParentShardId: parent } : {}),
			...(adjacent !== undefined ? { AdjacentParentShardId: adjacent } : {}),
			StartingSequenceNumber: base.toString(),
			open: true,
			records: [],
			lastSeq: base,
			write: { second: -1, bytes: 0, records: 0 },
			read: { second: -1, bytes: 0, calls: 0 }
		};
		s.shards.push(shard);
		return shard;
	}

	/** KIN-3: large decimal numbers that grow with time; a shard's own digits keep shards apart. */
	#sequenceBase(shardIndex: number): bigint {
		return (
			49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n +
			BigInt(Math.floor(this.ctx.now())) * 10n ** 24n +
			BigInt(shardIndex) * 10n ** 20n
		);
	}

	#nextSequence(shard: Shard): bigint {
		const byTime = this.#sequenceBase(Number(shard.ShardId.slice(8)));
		const next = (shard.lastSeq >= byTime ? shard.lastSeq : byTime) + 1n + BigInt(this.rng.int(1000)) * 10n;
		shard.lastSeq = next;
		return next;
	}

	// PutRecord / PutRecords ------------------------------------------------------------------------------

	#route(input: PutRecordInput): Shard {
		const key = input.PartitionKey;
		if (typeof key !== 'string' || key.length < 1 || key.length > 256) {
			throw validation(
				`Value '${String(key)}' at 'partitionKey' failed to satisfy constraint: Member must have length ${
					typeof key === 'string' && key.length > 256
						? 'less than or equal to 256'
						: 'greater than or equal to 1'
				}`
			);
		}
		let hash: bigint;
		if (input.ExplicitHashKey !== undefined) {
			try {
				hash = explicitHashKey(input.ExplicitHashKey); // KIN-1: replaces the MD5 for routing only.
			} catch (err) {
				throw awsError('InvalidArgumentException', (err as Error).message);
			}
		} else hash = hashKeyForPartitionKey(key);
		const shard = this.openShards().find((s) => hash >= s.start && hash <= s.end);
		if (!shard) throw awsError('InternalFailure', 'No open shard holds the hash key.', 'server');
		return shard;
	}

	/** KIN-4: per-shard, per-second token buckets (1 MiB and 1,000 records). */
	#admit(shard: Shard, bytes: number): boolean {
		const second = Math.floor(this.ctx.now() / 1000);
		if (shard.write.second !== second) shard.write = { second, bytes: 0, records: 0 };
		if (shard.write.records + 1 > WRITE_RECORDS_PER_S || shard.write.bytes + bytes > WRITE_BYTES_PER_S)
			return false;
		shard.write.records++;
		shard.write.bytes += bytes;
		return true;
	}

	#append(
		input: PutRecordInput,
		from: { from: string; origin?: string }
	): { ok: true; ShardId: string; SequenceNumber: string } | { ok: false; ShardId: string; error: Error } {
		const shard = this.#route(input);
		const data = toBytes(input.Data);
		const bytes = data.length + utf8Length(input.PartitionKey);
		if (bytes > this.#s.config.MaxRecordSizeInKiB * 1024) {
			throw validation(
				`Value at 'data' failed to satisfy constraint: Member must have length less than or equal to ${this.#s.config.MaxRecordSizeInKiB * 1024}`
			);
		}
		if (!this.#admit(shard, bytes)) {
			const error = awsError(
				'ProvisionedThroughputExceededException',
				`Rate exceeded for shard ${shard.ShardId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID}.`
			);
			this.ctx.trace({
				type: 'put-throttled',
				node: this.id,
				...(from.origin !== undefined ? { origin: from.origin } : {}),
				shard: shard.ShardId,
				partitionKey: input.PartitionKey,
				from: from.from,
				cause: 'shard-write-limit'
			});
			return { ok: false, ShardId: shard.ShardId, error };
		}
		const seq = this.#nextSequence(shard);
		const now = this.ctx.now();
		const record: KinesisRecord = {
			SequenceNumber: seq.toString(),
			PartitionKey: input.PartitionKey,
			Data: data,
			arrivedAt: now,
			bytes,
			origin: from.origin ?? seq.toString()
		};
		shard.records.push(record);
		this.ctx.trace({
			type: 'record-put',
			node: this.id,
			msg: record.SequenceNumber,
			origin: record.origin,
			shard: shard.ShardId,
			partitionKey: input.PartitionKey,
			bytes,
			from: from.from
		});
		if (shard.trimTimer === undefined) this.#scheduleTrim(shard);
		return { ok: true, ShardId: shard.ShardId, SequenceNumber: record.SequenceNumber };
	}

	putRecord(
		input: PutRecordInput,
		from: { from: string; origin?: string }
	): { ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' } {
		if (input?.Data === undefined)
			throw validation(`Value null at 'data' failed to satisfy constraint: Member must not be null`);
		const r = this.#append(input, from);
		if (!r.ok) throw r.error;
		return { ShardId: r.ShardId, SequenceNumber: r.SequenceNumber, EncryptionType: 'NONE' };
	}

	/** KIN-5: up to 500 records; failures are reported per record, in request order. */
	putRecords(
		records: PutRecordInput[],
		from: { from: string; origin?: string }
	): {
		FailedRecordCount: number;
		Records: ({ ShardId: string; SequenceNumber: string } | { ErrorCode: string; ErrorMessage: string })[];
		EncryptionType: 'NONE';
	} {
		if (!Array.isArray(records) || records.length === 0) {
			throw validation(
				`Value at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1`
			);
		}
		if (records.length > MAX_PUT_RECORDS) {
			throw validation(
				`Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PUT_RECORDS}`
			);
		}
		let total = 0;
		for (const r of records) total += toBytes(r.Data ?? '').length + utf8Length(r.PartitionKey ?? '');
		if (total > MAX_PUT_RECORDS_BYTES) {
			throw awsError('InvalidArgumentException', `Records size exceeds 5 MB limit: ${total} bytes.`);
		}
		// Validate every entry before writing any (a malformed entry fails the whole request).
		for (const r of records) this.#route(r);
		let failed = 0;
		const out = records.map((r, i) => {
			const res = this.#append(r, {
				from: from.from,
				...(from.origin !== undefined ? { origin: `${from.origin}#${i}` } : {})
			});
			if (res.ok) return { ShardId: res.ShardId, SequenceNumber: res.SequenceNumber };
			failed++;
			return { ErrorCode: res.error.name, ErrorMessage: res.error.message };
		});
		return { FailedRecordCount: failed, Records: out, EncryptionType: 'NONE' };
	}

	/** A scenario producer's send: the body becomes the data, with its partition key. */
	acceptFromProducer(
		input: { MessageBody: string; PartitionKey?: string; ExplicitHashKey?: string },
		from: { from: string; origin: string }
	): void {
		this.putRecord(
			{
				Data: input.MessageBody,
				PartitionKey: input.PartitionKey ?? from.origin,
				...(input.ExplicitHashKey !== undefined ? { ExplicitHashKey: input.ExplicitHashKey } : {})
			},
			from
		);
	}

	// Iterators and reads -----------------------------------------------------------------------------------

	#shardOrThrow(shardId: string): Shard {
		const shard = this.#s.shards.find((s) => s.ShardId === shardId);
		if (!shard) {
			throw awsError(
				'ResourceNotFoundException',
				`Shard ${shardId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} does not exist`
			);
		}
		return shard;
	}

	/** KIN-9: the five iterator types. */
	getShardIterator(input: {
		ShardId: string;
		ShardIteratorType: string;
		StartingSequenceNumber?: string;
		Timestamp?: Date | number;
	}): { ShardIterator: string } {
		const shard = this.#shardOrThrow(input.ShardId);
		let after: bigint;
		const seqOf = (name: string) => {
			const v = input.StartingSequenceNumber;
			if (v === undefined || !/^\d{1,128}$/.test(v)) {
				throw awsError(
					'InvalidArgumentException',
					`StartingSequenceNumber is required and must be a number for ${name}`
				);
			}
			return BigInt(v);
		};
		switch (input.ShardIteratorType) {
			case 'TRIM_HORIZON':
				after = -1n;
				break;
			case 'LATEST':
				after = shard.lastSeq;
				break;
			case 'AT_SEQUENCE_NUMBER':
				after = seqOf('AT_SEQUENCE_NUMBER') - 1n;
				break;
			case 'AFTER_SEQUENCE_NUMBER':
				after = seqOf('AFTER_SEQUENCE_NUMBER');
				break;
			case 'AT_TIMESTAMP': {
				if (input.Timestamp === undefined) {
					throw awsError('InvalidArgumentException', 'Timestamp is required for AT_TIMESTAMP');
				}
				const t = typeof input.Timestamp === 'number' ? input.Timestamp : input.Timestamp.getTime();
				const before = shard.records.filter((r) => epochMs(r.arrivedAt) < t);
				after = before.length > 0 ? BigInt((before[before.length - 1] as KinesisRecord).SequenceNumber) : -1n;
				break;
			}
			default:
				throw validation(
					`Value '${input.ShardIteratorType}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, TRIM_HORIZON, LATEST]`
				);
		}
		return { ShardIterator: this.#token(shard.ShardId, after) };
	}

	#token(shardId: string, after: bigint): string {
		const t: IteratorToken = {
			stream: this.#s.config.StreamName,
			shard: shardId,
			after: after.toString(),
			issuedAt: this.ctx.now(),
			n: ++this.#s.iterators
		};
		return `AAAAAAAAAA${btoa(JSON.stringify(t))}`;
	}

	#parseToken(iterator: string): IteratorToken {
		try {
			const t = JSON.parse(atob(String(iterator).slice(10))) as IteratorToken;
			if (t.stream !== this.#s.config.StreamName || typeof t.after !== 'string') throw new Error('foreign');
			return t;
		} catch {
			throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
		}
	}

	/** KIN-7/-8: shared read limits, at most 10,000 records or 10 MiB, MillisBehindLatest, ChildShards. */
	getRecords(input: { ShardIterator: string; Limit?: number }, by: string): GetRecordsOutput {
		const limit = input.Limit ?? MAX_GET_RECORDS;
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GET_RECORDS) {
			throw awsError(
				'InvalidArgumentException',
				`Limit must be between 1 and ${MAX_GET_RECORDS} (got ${limit}).`
			);
		}
		const token = this.#parseToken(input.ShardIterator);
		const now = this.ctx.now();
		if (now - token.issuedAt > ITERATOR_TTL_MS) {
			throw awsError(
				'ExpiredIteratorException',
				`Iterator expired. The iterator was created at time ${new Date(epochMs(token.issuedAt)).toUTCString()} while right now it is ${new Date(epochMs(now)).toUTCString()} which is further in the future than the tolerated delay of ${ITERATOR_TTL_MS} milliseconds.`
			);
		}
		const shard = this.#shardOrThrow(token.shard);
		const second = Math.floor(now / 1000);
		if (shard.read.second !== second) shard.read = { second, bytes: 0, calls: 0 };
		if (shard.read.calls >= READ_CALLS_PER_S || shard.read.bytes >= READ_BYTES_PER_S) {
			this.ctx.trace({
				type: 'read-throttled',
				node: this.id,
				shard: shard.ShardId,
				by,
				cause: 'shard-read-limit'
			});
			throw awsError(
				'ProvisionedThroughputExceededException',
				`Rate exceeded for Shard - ${ACCOUNT_ID}:${this.#s.config.StreamName}:${shard.ShardId}`
			);
		}
		shard.read.calls++;
		const after = BigInt(token.after);
		const out: KinesisRecord[] = [];
		let bytes = 0;
		let next = shard.records.findIndex((r) => BigInt(r.SequenceNumber) > after);
		if (next < 0) next = shard.records.length;
		let k = next;
		for (; k < shard.records.length && out.length < limit; k++) {
			const r = shard.records[k] as KinesisRecord;
			if (bytes + r.bytes > MAX_GET_BYTES && out.length > 0) break;
			out.push(r);
			bytes += r.bytes;
		}
		shard.read.bytes += bytes;
		const last = out[out.length - 1];
		const position = last ? BigInt(last.SequenceNumber) : after;
		const remaining = shard.records[k];
		const result: GetRecordsOutput = {
			Records: out.map((r) => ({
				SequenceNumber: r.SequenceNumber,
				ApproximateArrivalTimestamp: new Date(epochMs(r.arrivedAt)),
				Data: r.Data,
				PartitionKey: r.PartitionKey
			})),
			MillisBehindLatest: remaining ? Math.max(0, now - remaining.arrivedAt) : 0
		};
		const finished = !shard.open && k >= shard.records.length;
		if (finished) {
			// KIN-8: a closed shard read to its end: no next iterator, and its children.
			result.ChildShards = this.#s.shards
				.filter((c) => c.ParentShardId === shard.ShardId || c.AdjacentParentShardId === shard.ShardId)
				.map((c) => ({
					ShardId: c.ShardId,
					ParentShards: [c.ParentShardId, c.AdjacentParentShardId].filter(
						(x): x is string => x !== undefined
					),
					HashKeyRange: { StartingHashKey: c.start.toString(), EndingHashKey: c.end.toString() }
				}));
		} else result.NextShardIterator = this.#token(shard.ShardId, position);
		this.ctx.trace({
			type: 'records-read',
			node: this.id,
			shard: shard.ShardId,
			by,
			count: out.length,
			millisBehindLatest: result.MillisBehindLatest
		});
		return result;
	}

	/**
	 * KIN-13: enhanced fan-out reads: a dedicated pipe per consumer, outside the shared read limits. Returns up
	 * to `maxBytes` of records after `after`, how far behind the tip that leaves the reader, and the children
	 * once a closed shard is read to its end.
	 */
	readForSubscriber(
		shardId: string,
		after: bigint,
		maxBytes: number
	): { records: KinesisRecord[]; millisBehindLatest: number; childShards?: string[] } {
		const shard = this.#shardOrThrow(shardId);
		const out: KinesisRecord[] = [];
		let bytes = 0;
		let k = shard.records.findIndex((r) => BigInt(r.SequenceNumber) > after);
		if (k < 0) k = shard.records.length;
		for (; k < shard.records.length; k++) {
			const r = shard.records[k] as KinesisRecord;
			if (bytes + r.bytes > maxBytes && out.length > 0) break;
			out.push(r);
			bytes += r.bytes;
		}
		const remaining = shard.records[k];
		const result: { records: KinesisRecord[]; millisBehindLatest: number; childShards?: string[] } = {
			records: out,
			millisBehindLatest: remaining ? Math.max(0, this.ctx.now() - remaining.arrivedAt) : 0
		};
		if (!shard.open && k >= shard.records.length) {
			result.childShards = this.#s.shards
				.filter((c) => c.ParentShardId === shard.ShardId || c.AdjacentParentShardId === shard.ShardId)
				.map((c) => c.ShardId);
		}
		return result;
	}

	// Retention (KIN-10) ------------------------------------------------------------------------------------

	#scheduleTrim(shard: Shard): void {
		const oldest = shard.records[0];
		if (!oldest) {
			delete shard.trimTimer;
			return;
		}
		shard.trimTimer = this.ctx.at(
			oldest.arrivedAt + this.#s.config.RetentionPeriodHours * 3_600_000,
			this.id,
			{
				type: 'TRIM',
				shard: shard.ShardId
			}
		);
	}

	#trim(shardId: string): void {
		const shard = this.#s.shards.find((s) => s.ShardId === shardId);
		if (!shard) return;
		const cutoff = this.ctx.now() - this.#s.config.RetentionPeriodHours * 3_600_000;
		let n = 0;
		while (n < shard.records.length && (shard.records[n] as KinesisRecord).arrivedAt <= cutoff) n++;
		for (const r of shard.records.slice(0, n)) {
			this.ctx.trace({
				type: 'record-expired',
				node: this.id,
				msg: r.SequenceNumber,
				origin: r.origin,
				shard: shard.ShardId,
				cause: 'retention-period'
			});
		}
		shard.records.splice(0, n);
		this.#scheduleTrim(shard);
		// A closed shard past retention is gone (EXPIRED).
		if (!shard.open && shard.records.length === 0 && shard.EndingSequenceNumber !== undefined) {
			this.#s.shards = this.#s.shards.filter((s) => s !== shard);
		}
	}

	setRetentionHours(hours: number): void {
		if (!Number.isInteger(hours) || hours < 24 || hours > 8760) {
			throw awsError(
				'InvalidArgumentException',
				`Minimum allowed retention period is 24 hours and maximum is 8760 hours. Requested ${hours}.`
			);
		}
		this.#s.config = { ...this.#s.config, RetentionPeriodHours: hours };
		for (const s of this.#s.shards) {
			if (s.trimTimer !== undefined) this.ctx.cancel(s.trimTimer);
			this.#scheduleTrim(s);
		}
	}

	// Resharding (KIN-11) ------------------------------------------------------------------------------------

	#runAction(k: number): void {
		const a = this.actions[k];
		if (!a) return;
		try {
			if (a.action === 'split') {
				const shard = this.#shardOrThrow(a.ShardToSplit);
				const mid = a.NewStartingHashKey ?? ((shard.start + shard.end + 1n) / 2n).toString();
				this.splitShard(a.ShardToSplit, mid);
			} else this.updateShardCount(a.TargetShardCount);
		} catch (err) {
			// A scenario action that AWS would reject is shown, not fatal.
			this.ctx.trace({
				type: 'produce-failed',
				node: this.id,
				target: this.id,
				error: (err as Error).name,
				message: (err as Error).message,
				cause: 'reshard-rejected'
			});
		}
	}

	#beginReshard(kind: 'split' | 'merge' | 'update', detail: Record<string, string | number>): void {
		const s = this.#s;
		if (s.status !== 'ACTIVE') {
			throw awsError(
				'ResourceInUseException',
				`Stream ${s.config.StreamName} under account ${ACCOUNT_ID} not ACTIVE, instead in state UPDATING`
			);
		}
		s.status = 'UPDATING';
		s.pending = { kind, detail };
		this.ctx.after(RESHARD_MS, this.id, { type: 'RESHARD_DONE' });
	}

	splitShard(shardId: string, newStartingHashKey: string): void {
		const shard = this.#shardOrThrow(shardId);
		if (!shard.open)
			throw awsError('InvalidArgumentException', `Shard ${shardId} is not open (it has been closed).`);
		if (!/^\d{1,39}$/.test(newStartingHashKey ?? '')) {
			throw awsError('InvalidArgumentException', 'NewStartingHashKey must be a decimal integer.');
		}
		const k = BigInt(newStartingHashKey);
		if (k <= shard.start || k > shard.end) {
			throw awsError(
				'InvalidArgumentException',
				`NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shardId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`
			);
		}
		this.#beginReshard('split', { shard: shardId, key: newStartingHashKey });
	}

	mergeShards(shardId: string, adjacentId: string): void {
		const a = this.#shardOrThrow(shardId);
		const b = this.#shardOrThrow(adjacentId);
		if (!a.open || !b.open) throw awsError('InvalidArgumentException', 'Both shards must be open to merge.');
		if (a.end + 1n !== b.start && b.end + 1n !== a.start) {
			throw awsError(
				'InvalidArgumentException',
				`Shards ${shardId} and ${adjacentId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} are not an adjacent pair of shards eligible for merging`
			);
		}
		this.#beginReshard('merge', { a: shardId, b: adjacentId });
	}

	updateShardCount(target: number): { CurrentShardCount: number; TargetShardCount: number } {
		const current = this.openShards().length;
		if (!Number.isInteger(target) || target < 1) {
			throw awsError(
				'InvalidArgumentException',
				`TargetShardCount must be a positive integer (got ${target}).`
			);
		}
		if (target > current * 2) {
			throw awsError(
				'LimitExceededException',
				`UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: ${current} Target shard count: ${target}`
			);
		}
		if (target * 2 < current) {
			throw awsError(
				'LimitExceededException',
				`UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: ${current} Target shard count: ${target}`
			);
		}
		this.#beginReshard('update', { target });
		return { CurrentShardCount: current, TargetShardCount: target };
	}

	#close(shard: Shard): void {
		shard.open = false;
		shard.EndingSequenceNumber = shard.lastSeq.toString();
	}

	#finishReshard(): void {
		const s = this.#s;
		const p = s.pending;
		if (!p) return;
		delete s.pending;
		s.status = 'ACTIVE';
		if (p.kind === 'split') {
			const parent = this.#shardOrThrow(String(p.detail.shard));
			const key = BigInt(String(p.detail.key));
			this.#close(parent);
			const left = this.#openShard(parent.start, key - 1n, parent.ShardId);
			const right = this.#openShard(key, parent.end, parent.ShardId);
			this.ctx.trace({
				type: 'shard-split',
				node: this.id,
				shard: parent.ShardId,
				children: [left.ShardId, right.ShardId]
			});
		} else if (p.kind === 'merge') {
			const a = this.#shardOrThrow(String(p.detail.a));
			const b = this.#shardOrThrow(String(p.detail.b));
			const [lo, hi] = a.start < b.start ? [a, b] : [b, a];
			this.#close(a);
			this.#close(b);
			const child = this.#openShard(lo.start, hi.end, a.ShardId, b.ShardId);
			this.ctx.trace({
				type: 'shards-merged',
				node: this.id,
				shard: child.ShardId,
				children: [a.ShardId, b.ShardId]
			});
		} else {
			// [sim] Uniform scaling: close every open shard and open an even split; each new shard names up to
			// two overlapping old shards as its parents (AWS reaches the same layout through splits and merges).
			const old = this.openShards();
			const target = Number(p.detail.target);
			for (const o of old) this.#close(o as Shard);
			const width = (1n << 128n) / BigInt(target);
			const created: string[] = [];
			for (let i = 0; i < target; i++) {
				const start = BigInt(i) * width;
				const end = i === target - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n;
				const parents = old.filter((o) => o.start <= end && o.end >= start).map((o) => o.ShardId);
				created.push(this.#openShard(start, end, parents[0], parents[1]).ShardId);
			}
			this.ctx.trace({
				type: 'shard-split',
				node: this.id,
				shard: old.map((o) => o.ShardId).join(','),
				children: created,
				cause: 'update-shard-count'
			});
		}
	}
}
