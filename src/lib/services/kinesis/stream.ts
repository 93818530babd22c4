// A Kinesis data stream as a simulation node (KIN-1..11): shards own BigInt hash ranges and append records
// with increasing, non-consecutive sequence numbers; per-shard token buckets enforce the write and read
// limits; iterators are opaque tokens that expire after 5 minutes; retention trims records (and expires
// closed shards) on the scheduler; SplitShard, MergeShards and UpdateShardCount close parents and open
// children after RESHARD_MS of simulated time. A scenario's stream Actions (split, update-shard-count, merge)
// are operator actions (docs/ARCHITECTURE.md "Operator actions").

import type { NodeEvent, SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import { awsError } from '../shared/errors';
import { ACCOUNT_ID, epochMs, REGION } from '../shared/aws';
import { utf8Length } from '../sqs/message';
import { explicitHashKey, hashKeyForPartitionKey, MAX_HASH_KEY, shardIdFor } from './hash';
import { decodeIterator, encodeIterator, ITERATOR_TTL_MS, type IteratorToken } from './iterator';
import type { KinesisStreamAction } from '../../engine/scenario';
import { scheduleActions, traceOperatorAction } from '../shared/operator';

const MiB = 1024 * 1024;
const WRITE_BYTES_PER_S = MiB; // KIN-4
const WRITE_RECORDS_PER_S = 1000; // KIN-4
const READ_BYTES_PER_S = 2 * MiB; // KIN-7
const READ_CALLS_PER_S = 5; // KIN-7
const MAX_GET_RECORDS = 10_000; // KIN-7
const MAX_GET_BYTES = 10 * MiB; // KIN-7
const MAX_PUT_RECORDS = 500; // KIN-5
const MAX_PUT_RECORDS_BYTES = 5 * MiB; // KIN-5 (unverified in the large-record era)
/** Open shards an UpdateShardCount may reach (the default account shard quota in us-east-1). */
const MAX_SHARDS = 500;
const HOUR_MS = 3_600_000;
/** [sim] How long a reshard keeps the stream UPDATING (AWS takes seconds to minutes). */
import { RESHARD_MS } from './limits';
export { RESHARD_MS };
/** AWS's patterns for sequence numbers and hash keys (no leading zeros). */
const SEQUENCE_NUMBER = /^(0|[1-9]\d{0,127})$/;
const HASH_KEY = /^(0|[1-9]\d{0,38})$/;

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
	/** Simulated time the shard was closed by a reshard (KIN-11). */
	closedAt?: number;
	records: KinesisRecord[];
	lastSeq: bigint;
	write: { second: number; bytes: number; records: number };
	read: { second: number; bytes: number; calls: number };
	trimTimer?: number;
}

/** KIN-8: a child of a closed shard, as GetRecords and SubscribeToShard report it. */
export interface ChildShard {
	ShardId: string;
	ParentShards: string[];
	HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
}

/** Resharding scheduled by a scenario (KIN-11): split, update-shard-count, merge. */
export type StreamAction = KinesisStreamAction;

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
	/** KIN-3: PutRecord only; the new record's sequence number will be greater than this one. */
	SequenceNumberForOrdering?: string;
}

export interface GetShardIteratorInput {
	ShardId: string;
	ShardIteratorType: string;
	StartingSequenceNumber?: string;
	/** A Date, or epoch milliseconds. */
	Timestamp?: Date | number;
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
	ChildShards?: ChildShard[];
}

/** A put that passed validation: its target shard and its size. */
interface CheckedPut {
	input: PutRecordInput;
	shard: Shard;
	data: Uint8Array;
	bytes: number;
	floor?: bigint;
}

/** Data as bytes, copied so a caller reusing its buffer cannot change a stored record. */
function toBytes(data: Uint8Array | string): Uint8Array {
	return typeof data === 'string' ? new TextEncoder().encode(data) : data.slice();
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
		// KIN-2: shard i starts at i·floor(2^128/N); the last one ends at 2^128−1.
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
		scheduleActions(this.ctx, this.id, this.actions);
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

	/**
	 * KIN-3: 56-digit decimal numbers that grow with time (10^24 per millisecond); the shard's index keeps
	 * shards apart within one millisecond. Shards opened later start above every earlier shard's numbers.
	 */
	#sequenceBase(shardIndex: number): bigint {
		return (
			49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n +
			BigInt(Math.floor(this.ctx.now())) * 10n ** 24n +
			BigInt(shardIndex) * 10n ** 20n
		);
	}

	/** KIN-3: above the shard's last number (and `floor`, for SequenceNumberForOrdering), with a seeded gap. */
	#nextSequence(shard: Shard, floor?: bigint): bigint {
		const byTime = this.#sequenceBase(Number(shard.ShardId.slice(8)));
		let base = shard.lastSeq >= byTime ? shard.lastSeq : byTime;
		if (floor !== undefined && floor > base) base = floor;
		const next = base + 1n + BigInt(this.rng.int(1000)) * 10n;
		shard.lastSeq = next;
		return next;
	}

	// PutRecord / PutRecords ------------------------------------------------------------------------------

	/** Validate one record and find its shard (KIN-1, KIN-6), without writing anything. */
	#check(input: PutRecordInput, ordering: boolean): CheckedPut {
		if (input === null || typeof input !== 'object') {
			throw validation(`Value null at 'record' failed to satisfy constraint: Member must not be null`);
		}
		const data = input.Data as unknown;
		if (data === undefined || data === null)
			throw validation(`Value null at 'data' failed to satisfy constraint: Member must not be null`);
		if (typeof data !== 'string' && !(data instanceof Uint8Array))
			throw validation(`Value at 'data' failed to satisfy constraint: Member must be a blob (Uint8Array)`);
		const key = input.PartitionKey as unknown;
		if (typeof key !== 'string') {
			throw validation(`Value null at 'partitionKey' failed to satisfy constraint: Member must not be null`);
		}
		// KIN-1: 1–256 Unicode characters (code points, not UTF-16 units).
		const chars = [...key].length;
		if (chars < 1 || chars > 256) {
			throw validation(
				`Value '${key}' at 'partitionKey' failed to satisfy constraint: Member must have length ${
					chars > 256 ? 'less than or equal to 256' : 'greater than or equal to 1'
				}`
			);
		}
		let hash: bigint;
		if (input.ExplicitHashKey !== undefined) {
			try {
				hash = explicitHashKey(input.ExplicitHashKey); // KIN-1: replaces the MD5 for routing only.
			} catch (err) {
				// A malformed key fails validation; a well-formed one above 2^128−1 is an invalid argument.
				const message = (err as Error).message;
				throw awsError(
					message.startsWith('1 validation error') ? 'ValidationException' : 'InvalidArgumentException',
					message
				);
			}
		} else hash = hashKeyForPartitionKey(key);
		const bytes = toBytes(data);
		const size = bytes.length + utf8Length(key);
		// KIN-6: data plus partition key, at most MaxRecordSizeInKiB.
		if (size > this.#s.config.MaxRecordSizeInKiB * 1024) {
			throw validation(
				`Value at 'data' failed to satisfy constraint: Member must have length less than or equal to ${this.#s.config.MaxRecordSizeInKiB * 1024}`
			);
		}
		let floor: bigint | undefined;
		const ord = input.SequenceNumberForOrdering as unknown;
		if (ordering && ord !== undefined) {
			if (typeof ord !== 'string' || !SEQUENCE_NUMBER.test(ord)) {
				throw validation(
					`Value '${typeof ord === 'number' || typeof ord === 'boolean' ? String(ord) : JSON.stringify(ord)}' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})`
				);
			}
			// [sim] A number above anything this stream has issued is clamped, so numbers stay 56 digits.
			const issued = this.#s.shards.reduce((m, sh) => (sh.lastSeq > m ? sh.lastSeq : m), 0n);
			floor = BigInt(ord) < issued ? BigInt(ord) : issued;
		}
		// KIN-1: the one open shard whose inclusive range holds the hash key (open ranges never overlap).
		const shard = this.#s.shards.find((s) => s.open && hash >= s.start && hash <= s.end);
		if (!shard) throw awsError('InternalFailure', 'No open shard holds the hash key.', 'server');
		return { input, shard, data: bytes, bytes: size, ...(floor !== undefined ? { floor } : {}) };
	}

	/**
	 * KIN-4 [sim]: per-shard buckets of 1 MiB and 1,000 records that refill at each simulated second
	 * (SEMANTICS §7: per-second token buckets), partition key bytes counted.
	 */
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
		p: CheckedPut,
		from: { from: string; origin?: string }
	): { ok: true; ShardId: string; SequenceNumber: string } | { ok: false; ShardId: string; error: Error } {
		const { shard, input } = p;
		if (!this.#admit(shard, p.bytes)) {
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
		const seq = this.#nextSequence(shard, p.floor);
		const record: KinesisRecord = {
			SequenceNumber: seq.toString(),
			PartitionKey: input.PartitionKey,
			Data: p.data,
			arrivedAt: this.ctx.now(),
			bytes: p.bytes,
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
			...(input.ExplicitHashKey !== undefined ? { explicitHashKey: input.ExplicitHashKey } : {}),
			bytes: p.bytes,
			from: from.from
		});
		if (shard.trimTimer === undefined) this.#scheduleTrim(shard);
		return { ok: true, ShardId: shard.ShardId, SequenceNumber: record.SequenceNumber };
	}

	putRecord(
		input: PutRecordInput,
		from: { from: string; origin?: string }
	): { ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' } {
		const r = this.#append(this.#check(input, true), from);
		if (!r.ok) throw r.error;
		return { ShardId: r.ShardId, SequenceNumber: r.SequenceNumber, EncryptionType: 'NONE' };
	}

	/**
	 * KIN-5: up to 500 records and 5 MiB; throttled records fail one by one, reported in request order.
	 * [sim] Records that do land keep request order within their shard (AWS does not promise it).
	 */
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
		// Validate every entry before writing any: a malformed entry fails the whole request.
		const checked = records.map((r) => this.#check(r, false));
		const total = checked.reduce((n, c) => n + c.bytes, 0);
		if (total > MAX_PUT_RECORDS_BYTES) {
			throw awsError('InvalidArgumentException', `Records size exceeds 5 MB limit: ${total} bytes.`);
		}
		let failed = 0;
		const out = checked.map((c, i) => {
			const res = this.#append(c, {
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
				`Shard ${String(shardId)} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} does not exist`
			);
		}
		return shard;
	}

	/**
	 * KIN-9: where an iterator of the given type starts, as "the records after this sequence number" (-1n:
	 * from the oldest record kept). Used by GetShardIterator and by SubscribeToShard's StartingPosition.
	 */
	startingPosition(input: GetShardIteratorInput): bigint {
		const shard = this.#shardOrThrow(input.ShardId);
		const seqOf = (type: string): bigint => {
			const v = input.StartingSequenceNumber;
			if (v === undefined) {
				throw awsError('InvalidArgumentException', `StartingSequenceNumber is required for ${type}.`);
			}
			if (typeof v !== 'string' || !SEQUENCE_NUMBER.test(v)) {
				throw validation(
					`Value '${String(v)}' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})`
				);
			}
			const n = BigInt(v);
			// A number this shard never issued (another shard's, or one from the future) is rejected.
			if (n < BigInt(shard.StartingSequenceNumber) || n > shard.lastSeq) {
				throw awsError(
					'InvalidArgumentException',
					`StartingSequenceNumber ${v} used in GetShardIterator on shard ${shard.ShardId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} is invalid.`
				);
			}
			return n;
		};
		switch (input.ShardIteratorType) {
			case 'TRIM_HORIZON':
				return -1n;
			case 'LATEST':
				return shard.lastSeq;
			case 'AT_SEQUENCE_NUMBER':
				return seqOf('AT_SEQUENCE_NUMBER') - 1n;
			case 'AFTER_SEQUENCE_NUMBER':
				return seqOf('AFTER_SEQUENCE_NUMBER');
			case 'AT_TIMESTAMP': {
				const ts = input.Timestamp;
				const t = typeof ts === 'number' ? ts : ts instanceof Date ? ts.getTime() : NaN;
				if (!Number.isFinite(t)) {
					throw awsError(
						'InvalidArgumentException',
						'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP.'
					);
				}
				// The first record whose approximate arrival is at or after t.
				let after = -1n;
				for (const r of shard.records) {
					if (epochMs(r.arrivedAt) >= t) break;
					after = BigInt(r.SequenceNumber);
				}
				return after;
			}
			default:
				throw validation(
					`Value '${String(input.ShardIteratorType)}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, TRIM_HORIZON, LATEST]`
				);
		}
	}

	/** KIN-9: the five iterator types. */
	getShardIterator(input: GetShardIteratorInput): { ShardIterator: string } {
		const after = this.startingPosition(input);
		return { ShardIterator: this.#token(input.ShardId, after) };
	}

	#token(shardId: string, after: bigint): string {
		const t: IteratorToken = {
			stream: this.#s.config.StreamName,
			shard: shardId,
			after: after.toString(),
			issuedAt: this.ctx.now(),
			n: ++this.#s.iterators
		};
		return encodeIterator(t);
	}

	#parseToken(iterator: string): IteratorToken {
		const t = decodeIterator(iterator);
		if (!t || t.stream !== this.#s.config.StreamName) {
			throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
		}
		return t;
	}

	/**
	 * KIN-7 [sim]: 5 calls per simulated second, and a byte allowance that carries over: every new second
	 * forgives 2 MiB of what was read, and a call is throttled while 2 MiB or more is still owed. A 10 MiB
	 * response therefore throttles the next four seconds (AWS: about five, unverified), and the average
	 * never exceeds 2 MiB/s. Shared by every polling reader of the shard.
	 */
	#admitRead(shard: Shard): boolean {
		const second = Math.floor(this.ctx.now() / 1000);
		if (shard.read.second !== second) {
			const owed =
				shard.read.second < 0
					? 0
					: Math.max(0, shard.read.bytes - (second - shard.read.second) * READ_BYTES_PER_S);
			shard.read = { second, bytes: owed, calls: 0 };
		}
		return shard.read.calls < READ_CALLS_PER_S && shard.read.bytes < READ_BYTES_PER_S;
	}

	/** KIN-8: the children of a closed shard, each with its parents and hash range. */
	#childShards(shard: Shard): ChildShard[] {
		return this.#s.shards
			.filter((c) => c.ParentShardId === shard.ShardId || c.AdjacentParentShardId === shard.ShardId)
			.map((c) => ({
				ShardId: c.ShardId,
				ParentShards: [c.ParentShardId, c.AdjacentParentShardId].filter((x): x is string => x !== undefined),
				HashKeyRange: { StartingHashKey: c.start.toString(), EndingHashKey: c.end.toString() }
			}));
	}

	/** Index of the first record after `after` (records are sorted by sequence number). */
	#firstAfter(shard: Shard, after: bigint): number {
		const k = shard.records.findIndex((r) => BigInt(r.SequenceNumber) > after);
		return k < 0 ? shard.records.length : k;
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
		if (!this.#admitRead(shard)) {
			// KIN-7: throttling is an error, never partial data.
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
		let k = this.#firstAfter(shard, after);
		for (; k < shard.records.length && out.length < limit; k++) {
			const r = shard.records[k] as KinesisRecord;
			if (bytes + r.bytes > MAX_GET_BYTES && out.length > 0) break;
			out.push(r);
			bytes += r.bytes;
		}
		shard.read.bytes += bytes;
		const last = out[out.length - 1];
		const position = last ? BigInt(last.SequenceNumber) : after;
		// KIN-8: how far behind the tip the reader is: the age of the oldest record it has not read yet.
		const remaining = shard.records[k];
		const result: GetRecordsOutput = {
			Records: out.map((r) => ({
				SequenceNumber: r.SequenceNumber,
				ApproximateArrivalTimestamp: new Date(epochMs(r.arrivedAt)),
				Data: r.Data.slice(),
				PartitionKey: r.PartitionKey
			})),
			MillisBehindLatest: remaining ? Math.max(0, now - remaining.arrivedAt) : 0
		};
		// KIN-8: a closed shard read to its end: no next iterator, and its children.
		if (!shard.open && k >= shard.records.length) result.ChildShards = this.#childShards(shard);
		else result.NextShardIterator = this.#token(shard.ShardId, position);
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
	 * to `maxBytes` of records after `after` (at least one record when any is there), how far behind the tip
	 * that leaves the reader, and the children once a closed shard is read to its end. The caller traces it.
	 */
	readForSubscriber(
		shardId: string,
		after: bigint,
		maxBytes: number
	): { records: KinesisRecord[]; millisBehindLatest: number; childShards?: ChildShard[] } {
		const shard = this.#shardOrThrow(shardId);
		const out: KinesisRecord[] = [];
		let bytes = 0;
		let k = this.#firstAfter(shard, after);
		for (; k < shard.records.length; k++) {
			const r = shard.records[k] as KinesisRecord;
			if (bytes + r.bytes > maxBytes && out.length > 0) break;
			out.push(r);
			bytes += r.bytes;
		}
		const remaining = shard.records[k];
		return {
			records: out,
			millisBehindLatest: remaining ? Math.max(0, this.ctx.now() - remaining.arrivedAt) : 0,
			...(!shard.open && k >= shard.records.length ? { childShards: this.#childShards(shard) } : {})
		};
	}

	// Retention (KIN-10) ------------------------------------------------------------------------------------

	#retentionMs(): number {
		return this.#s.config.RetentionPeriodHours * HOUR_MS;
	}

	/** The next trim: when the oldest record passes retention, or when a closed, emptied shard expires. */
	#scheduleTrim(shard: Shard): void {
		const oldest = shard.records[0];
		const due = oldest
			? oldest.arrivedAt + this.#retentionMs()
			: shard.closedAt !== undefined
				? shard.closedAt + this.#retentionMs()
				: undefined;
		if (due === undefined) {
			delete shard.trimTimer;
			return;
		}
		shard.trimTimer = this.ctx.at(due, this.id, { type: 'TRIM', shard: shard.ShardId });
	}

	#trim(shardId: string): void {
		const shard = this.#s.shards.find((s) => s.ShardId === shardId);
		if (!shard) return;
		delete shard.trimTimer;
		const cutoff = this.ctx.now() - this.#retentionMs();
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
		// Reading deletes nothing (KIN-10); only retention moves TRIM_HORIZON forward.
		shard.records.splice(0, n);
		// KIN-11: a closed shard is EXPIRED, gone from ListShards, once retention has passed since it closed.
		if (shard.closedAt !== undefined && shard.records.length === 0 && shard.closedAt <= cutoff) {
			this.#s.shards = this.#s.shards.filter((s) => s !== shard);
			return;
		}
		this.#scheduleTrim(shard);
	}

	#assertActive(): void {
		const s = this.#s;
		if (s.status !== 'ACTIVE') {
			throw awsError(
				'ResourceInUseException',
				`Stream ${s.config.StreamName} under account ${ACCOUNT_ID} not ACTIVE, instead in state ${s.status}`
			);
		}
	}

	/** KIN-10: 24 to 8,760 hours; the trims are rescheduled for the new period. */
	setRetentionHours(hours: number): void {
		if (!Number.isInteger(hours) || hours < 24 || hours > 8760) {
			throw awsError(
				'InvalidArgumentException',
				`Minimum allowed retention period is 24 hours and maximum is 8760 hours. Requested ${hours}.`
			);
		}
		this.#assertActive();
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
		traceOperatorAction(this.ctx, this.id, k, a);
		try {
			if (a.action === 'split') {
				const shard = this.#shardOrThrow(a.ShardToSplit);
				const mid = a.NewStartingHashKey ?? ((shard.start + shard.end + 1n) / 2n).toString();
				this.splitShard(a.ShardToSplit, mid);
			} else if (a.action === 'merge') this.mergeShards(a.ShardToMerge, a.AdjacentShardToMerge);
			else this.updateShardCount(a.TargetShardCount);
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

	/** KIN-11 [sim]: the stream is UPDATING for RESHARD_MS, stays writable, and refuses other reshards. */
	#beginReshard(kind: 'split' | 'merge' | 'update', detail: Record<string, string | number>): void {
		this.#assertActive();
		this.#s.status = 'UPDATING';
		this.#s.pending = { kind, detail };
		this.ctx.after(RESHARD_MS, this.id, { type: 'RESHARD_DONE' });
	}

	#notOpen(shard: Shard): Error {
		return awsError(
			'InvalidArgumentException',
			`Shard ${shard.ShardId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} has already been merged or split, and thus is not eligible for merging or splitting.`
		);
	}

	/** KIN-11: two children, [start, key−1] and [key, end]; the parent closes when the reshard completes. */
	splitShard(shardId: string, newStartingHashKey: string): void {
		const shard = this.#shardOrThrow(shardId);
		if (typeof newStartingHashKey !== 'string' || !HASH_KEY.test(newStartingHashKey)) {
			throw validation(
				`Value '${String(newStartingHashKey)}' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})`
			);
		}
		if (!shard.open) throw this.#notOpen(shard);
		const k = BigInt(newStartingHashKey);
		if (k <= shard.start + 1n || k >= shard.end) {
			throw awsError(
				'InvalidArgumentException',
				`NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shardId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`
			);
		}
		this.#beginReshard('split', { shard: shardId, key: newStartingHashKey });
	}

	/**
	 * KIN-11: only two open shards with adjacent ranges merge, into one child with both as parents. KIN-16: the
	 * lower shard comes first and its higher neighbour second (kinesalite, tested against Kinesis, rejects the
	 * pair the other way round with the same message as a pair that is not adjacent).
	 */
	mergeShards(shardId: string, adjacentId: string): void {
		const a = this.#shardOrThrow(shardId);
		const b = this.#shardOrThrow(adjacentId);
		if (!a.open) throw this.#notOpen(a);
		if (!b.open) throw this.#notOpen(b);
		if (a.end + 1n !== b.start) {
			throw awsError(
				'InvalidArgumentException',
				`Shards ${shardId} and ${adjacentId} in stream ${this.#s.config.StreamName} under account ${ACCOUNT_ID} are not an adjacent pair of shards eligible for merging`
			);
		}
		this.#beginReshard('merge', { a: shardId, b: adjacentId });
	}

	/** KIN-11: uniform scaling to an even layout, at most doubling or halving the open shard count. */
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
		if (target > MAX_SHARDS) {
			throw awsError(
				'LimitExceededException',
				`This request would exceed the shard limit for the account ${ACCOUNT_ID} in ${REGION}. Current limit of shards is ${MAX_SHARDS}.`
			);
		}
		this.#beginReshard('update', { target });
		return { CurrentShardCount: current, TargetShardCount: target };
	}

	#close(shard: Shard): void {
		shard.open = false;
		shard.EndingSequenceNumber = shard.lastSeq.toString();
		shard.closedAt = this.ctx.now();
		// KIN-11: still readable until retention passes, then EXPIRED.
		if (shard.trimTimer === undefined) this.#scheduleTrim(shard);
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
			// KIN-16: a is the lower shard, b its higher neighbour (mergeShards checked it).
			const a = this.#shardOrThrow(String(p.detail.a));
			const b = this.#shardOrThrow(String(p.detail.b));
			this.#close(a);
			this.#close(b);
			const child = this.#openShard(a.start, b.end, a.ShardId, b.ShardId);
			// `shard` is the merged child, `children` lists the two parents it came from.
			this.ctx.trace({
				type: 'shards-merged',
				node: this.id,
				shard: child.ShardId,
				children: [a.ShardId, b.ShardId]
			});
		} else this.#finishUniformScaling(Number(p.detail.target));
	}

	/**
	 * KIN-11 [sim] Uniform scaling in one step: close every open shard and open an even split of the hash
	 * space. Each new shard names the old shards it overlaps as parents. AWS gets there through splits and
	 * merges, so no shard ever has more than two parents; where a new shard overlaps three or more old ones,
	 * the extra ones are first folded into closed, empty intermediate shards (as merges would), so that
	 * reading parents before children still keeps every key in order.
	 */
	#finishUniformScaling(target: number): void {
		const old = this.openShards() as Shard[];
		for (const o of old) this.#close(o);
		const width = (1n << 128n) / BigInt(target);
		const created: string[] = [];
		for (let i = 0; i < target; i++) {
			const start = BigInt(i) * width;
			const end = i === target - 1 ? MAX_HASH_KEY : BigInt(i + 1) * width - 1n;
			const parents = old.filter((o) => o.start <= end && o.end >= start);
			let first = parents[0] as Shard;
			for (let j = 1; j < parents.length - 1; j++) {
				const next = parents[j] as Shard;
				const folded = this.#openShard(first.start, next.end, first.ShardId, next.ShardId);
				this.#close(folded);
				first = folded;
			}
			const second = parents.length > 1 ? parents[parents.length - 1] : undefined;
			created.push(this.#openShard(start, end, first.ShardId, second?.ShardId).ShardId);
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
