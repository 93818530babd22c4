// A Kinesis data stream as a simulation node (KIN-1..11): shards own BigInt hash ranges and append records
// with increasing, non-consecutive sequence numbers; per-shard token buckets enforce the write and read
// limits; iterators are opaque tokens that expire after 5 minutes; retention trims records (and expires
// closed shards) on the scheduler; SplitShard, MergeShards and UpdateShardCount close parents and open
// children after RESHARD_MS of simulated time. A scenario's stream Actions (split, update-shard-count, merge)
// are operator actions (docs/ARCHITECTURE.md "Operator actions").
//
// The node is the public face; each concern lives in its own module: stream-types.ts (the data),
// shard.ts (layout and lookup, KIN-1/-2/-8), sequence.ts (KIN-3), throughput.ts (KIN-4/-7), put.ts
// (PutRecord/PutRecords, KIN-1/-3..6), read.ts (iterators and reads, KIN-7..9/-13), retention.ts (KIN-10)
// and reshard.ts (KIN-11/-16). The stream's status and each shard's are decided by their lifecycle machines
// (stream-lifecycle.ts, shard-lifecycle.ts, stepped in lifecycle.ts); the node's one executor, #perform
// below, runs the effects they name.

import type { SimContext, SimNode } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import { ACCOUNT_ID, REGION } from '../shared/aws';
import { scheduleActions, unknownEvent } from '../shared/operator';
import { RESHARD_MS } from './limits';
import { evenLayout, findShard, openShard, openShardsByStart } from './shard';
import { appendRecord, checkPut, putRecords, type PutRecordsOutput } from './put';
import { getRecords, issueIterator, iteratorShard, readForSubscriber, startingPosition } from './read';
import {
	expireRecords,
	leaveStream,
	rescheduleTrims,
	scheduleTrim,
	setRetentionHours,
	trim
} from './retention';
import {
	applyReshard,
	finishReshard,
	mergeShards,
	runAction,
	scheduleReshardDone,
	sealShard,
	splitShard,
	updateShardCount
} from './reshard';
import { type StreamEffect, type StreamStatus, streamLifecycle } from './stream-lifecycle';
import { streamTransition } from './lifecycle';
import { assertAccepts, assertReadable, streamNotFound } from './stream-errors';
import { updateMaxRecordSize, updateStreamMode } from './capacity';
import type { ShardEffect } from './shard-lifecycle';
import type {
	ChildShard,
	GetRecordsOutput,
	GetShardIteratorInput,
	KinesisRecord,
	KinesisStreamEvent,
	PutFrom,
	PutRecordInput,
	Shard,
	StreamAction,
	StreamConfig,
	StreamCore,
	StreamState
} from './stream-types';

/** [sim] How long a reshard keeps the stream UPDATING (AWS takes seconds to minutes). */
export { RESHARD_MS };
export type {
	ChildShard,
	GetRecordsOutput,
	GetShardIteratorInput,
	KinesisRecord,
	PutRecordInput,
	Shard,
	StreamAction,
	StreamConfig
};

/** What each named effect of the stream machine does (stream-lifecycle.ts); every effect has an entry. */
const STREAM_EFFECTS: Readonly<Record<StreamEffect, (core: StreamCore) => void>> = {
	openInitialShards,
	scheduleReshardDone,
	applyReshard,
	rescheduleTrims,
	scheduleDeleted,
	removeStream
};

/** KIN-15 [sim]: how long the stream stays CREATING, and DELETING (0: at once). */
function statusDelayMs(core: StreamCore): number {
	const ms = core.s.config.CreationDelayMs ?? 0;
	return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** The openInitialShards effect (CREATING → ACTIVE), KIN-2: shard i starts at i·floor(2^128/N). */
function openInitialShards(core: StreamCore): void {
	const now = core.ctx.now();
	for (const { start, end } of evenLayout(core.s.initialShards)) openShard(core.s, now, start, end);
}

/** The scheduleDeleted effect (→ DELETING): the stream is gone after the deletion delay (at once for 0). */
function scheduleDeleted(core: StreamCore): void {
	const ms = statusDelayMs(core);
	if (ms === 0) streamTransition(core, 'DELETED');
	else core.ctx.after(ms, core.id, { type: 'DELETED' } satisfies KinesisStreamEvent);
}

/** The removeStream effect (DELETING, DELETED): the stream no longer exists. */
function removeStream(core: StreamCore): void {
	core.s.deleted = true;
	delete core.s.pending;
}

/** What each named effect of the shard machine does to its shard (shard-lifecycle.ts). */
const SHARD_EFFECTS: Readonly<Record<ShardEffect, (core: StreamCore, shard: Shard) => void>> = {
	seal: sealShard,
	scheduleTrim,
	expireRecords,
	leaveStream
};

function isStreamEffect(effect: StreamEffect | ShardEffect): effect is StreamEffect {
	return Object.hasOwn(STREAM_EFFECTS, effect);
}

export class KinesisStream implements SimNode {
	readonly id: string;
	readonly type = 'kinesis-stream';
	readonly ctx: SimContext;
	readonly rng: Random;
	/** The node's id, context, random stream and state, as the concern modules take them. */
	readonly #core: StreamCore;

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
		this.#core = {
			id,
			ctx,
			rng: this.rng,
			perform: (effect, shard) => this.#perform(effect, shard),
			s: {
				config,
				status: streamLifecycle.initial,
				shards: [],
				nextShard: 0,
				createdAt: ctx.now(),
				iterators: 0,
				deleted: false,
				initialShards: shardCount
			}
		};
		// KIN-15: a stream without a creation delay (a scenario's deployed topology) is ACTIVE at once, its
		// shards laid out (KIN-2); otherwise it is CREATING until start() has the delay pass.
		if (statusDelayMs(this.#core) === 0) streamTransition(this.#core, 'CREATED');
	}

	get #s(): StreamState {
		return this.#core.s;
	}

	/** The one executor of the stream and shard lifecycle machines' named effects (a shard's on that shard). */
	#perform(effect: StreamEffect | ShardEffect, shard?: Shard): void {
		if (isStreamEffect(effect)) return STREAM_EFFECTS[effect](this.#core);
		if (!shard) throw new Error(`kinesis-stream ${this.id}: effect ${effect} needs a shard`);
		SHARD_EFFECTS[effect](this.#core, shard);
	}

	get config(): Readonly<StreamConfig> {
		return this.#s.config;
	}
	get status(): StreamStatus {
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
		return openShardsByStart(this.#s);
	}
	shard(id: string): Readonly<Shard> | undefined {
		return findShard(this.#s, id);
	}

	start(): void {
		if (this.#s.status === 'CREATING') {
			this.ctx.after(statusDelayMs(this.#core), this.id, { type: 'CREATED' } satisfies KinesisStreamEvent);
		}
		scheduleActions(this.ctx, this.id, this.actions);
	}

	/** Whether DeleteStream has completed (the stream is gone). */
	get deleted(): boolean {
		return this.#s.deleted;
	}

	/**
	 * KIN-15: DeleteStream: the stream is DELETING (puts and reads are ResourceNotFoundException) until the
	 * deletion delay has passed; a stream already DELETING is not found.
	 */
	deleteStream(): void {
		if (this.#s.deleted || this.#s.status === 'DELETING') throw streamNotFound(this.#s.config.StreamName);
		assertAccepts(this.#s, 'DELETE');
		streamTransition(this.#core, 'DELETE');
	}

	snapshot(): unknown {
		return this.#s;
	}

	restore(data: unknown): void {
		this.#core.s = data as StreamState;
	}

	handle(event: KinesisStreamEvent): void {
		switch (event.type) {
			case 'ACTION':
				return runAction(this.#core, this.actions, event.k);
			case 'TRIM':
				return trim(this.#core, event.shard);
			case 'RESHARD_DONE':
				return finishReshard(this.#core);
			case 'CREATED':
				if (this.#s.status === 'CREATING') streamTransition(this.#core, 'CREATED');
				return;
			case 'DELETED':
				if (this.#s.status === 'DELETING' && !this.#s.deleted) streamTransition(this.#core, 'DELETED');
				return;
			default:
				return unknownEvent(`kinesis-stream ${this.id}`, event);
		}
	}

	/** Marks the stream gone at once, outside its lifecycle (kept for callers that remove a stream outright). */
	markDeleted(): void {
		this.#s.deleted = true;
	}

	// PutRecord / PutRecords (put.ts) ------------------------------------------------------------------------

	putRecord(
		input: PutRecordInput,
		from: PutFrom
	): { ShardId: string; SequenceNumber: string; EncryptionType: 'NONE' } {
		assertReadable(this.#s);
		const r = appendRecord(this.#core, checkPut(this.#s, input, true), from);
		if (!r.ok) throw r.error;
		return { ShardId: r.ShardId, SequenceNumber: r.SequenceNumber, EncryptionType: 'NONE' };
	}

	/**
	 * KIN-5: up to 500 records and 5 MiB; throttled records fail one by one, reported in request order.
	 * [sim] Records that do land keep request order within their shard (AWS does not promise it).
	 */
	putRecords(records: PutRecordInput[], from: PutFrom): PutRecordsOutput {
		assertReadable(this.#s);
		return putRecords(this.#core, records, from);
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

	// Iterators and reads (read.ts) --------------------------------------------------------------------------

	/**
	 * KIN-9: where an iterator of the given type starts, as "the records after this sequence number" (-1n:
	 * from the oldest record kept). Used by GetShardIterator and by SubscribeToShard's StartingPosition.
	 */
	startingPosition(input: GetShardIteratorInput): bigint {
		return startingPosition(this.#s, input, this.ctx.now());
	}

	/** KIN-9: the five iterator types. */
	getShardIterator(input: GetShardIteratorInput): { ShardIterator: string } {
		const after = this.startingPosition(input);
		const shard = iteratorShard(this.#s, input.ShardId); // KIN-16: the normalised id
		return { ShardIterator: issueIterator(this.#core, shard.ShardId, after) };
	}

	/** KIN-7/-8: shared read limits, at most 10,000 records or 10 MiB, MillisBehindLatest, ChildShards. */
	getRecords(input: { ShardIterator: string; Limit?: number }, by: string): GetRecordsOutput {
		assertReadable(this.#s);
		return getRecords(this.#core, input, by);
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
		return readForSubscriber(this.#core, shardId, after, maxBytes);
	}

	// Retention (retention.ts, KIN-10) ---------------------------------------------------------------------

	/** KIN-10: 24 to 8,760 hours; the trims are rescheduled for the new period. */
	setRetentionHours(hours: number): void {
		setRetentionHours(this.#core, hours);
	}

	// Resharding (reshard.ts, KIN-11) ----------------------------------------------------------------------

	/** KIN-11: two children, [start, key−1] and [key, end]; the parent closes when the reshard completes. */
	splitShard(shardId: string, newStartingHashKey: string): void {
		splitShard(this.#core, shardId, newStartingHashKey);
	}

	/** KIN-11/-16: two open, adjacent shards, the lower one first, merge into one child with both as parents. */
	mergeShards(shardId: string, adjacentId: string): void {
		mergeShards(this.#core, shardId, adjacentId);
	}

	/** KIN-11: uniform scaling to an even layout, at most doubling or halving the open shard count. */
	updateShardCount(target: number): { CurrentShardCount: number; TargetShardCount: number } {
		return updateShardCount(this.#core, target);
	}

	// Capacity (capacity.ts, KIN-12, KIN-6) ------------------------------------------------------------------

	/** KIN-12: switch between PROVISIONED and ON_DEMAND (the stream is UPDATING meanwhile). */
	updateStreamMode(mode: 'PROVISIONED' | 'ON_DEMAND'): void {
		updateStreamMode(this.#core, mode);
	}

	/** KIN-6: a new MaxRecordSizeInKiB, 1,024–10,240 (the stream is UPDATING meanwhile). */
	updateMaxRecordSize(kib: number): void {
		updateMaxRecordSize(this.#core, kib);
	}
}
