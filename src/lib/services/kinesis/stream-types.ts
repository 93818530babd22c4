// The data of a Kinesis stream node (KIN-1..11): its config, its shards (hash range, sequence numbers,
// records, throughput windows) and the whole checkpointed state, plus the request and response shapes of
// the data-plane calls. Plain data only: StreamState is what snapshot() hands to a checkpoint.

import type { ActionEvent } from '../shared/operator';
import type { SimContext } from '../../engine/simulation';
import type { Random } from '../../engine/random';
import type { KinesisStreamAction } from '../../engine/scenario';
import type { ShardEffect } from './shard-lifecycle';
import type { StreamEffect, StreamStatus } from './stream-lifecycle';

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
	/** OPEN or CLOSED in the shard lifecycle machine; changed only through it (lifecycle.ts). */
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
	/** KIN-6: 1,024–10,240 KiB, data plus partition key (UpdateMaxRecordSize changes it). */
	MaxRecordSizeInKiB: number;
	/**
	 * KIN-15 [sim]: how long a new stream stays CREATING (and a deleted one DELETING), in ms. 0 (the default,
	 * and what a scenario's deployed streams use): ACTIVE at once.
	 */
	CreationDelayMs?: number;
}

/** A reshard waiting for RESHARD_MS to pass (KIN-11). */
export interface PendingReshard {
	/** KIN-11 reshards, and the KIN-12/-6 stream updates (UpdateStreamMode, UpdateMaxRecordSize). */
	kind: 'split' | 'merge' | 'update' | 'mode' | 'max-record-size';
	detail: Record<string, string | number>;
}

export interface StreamState {
	config: StreamConfig;
	/** Changed only through the stream lifecycle machine (lifecycle.ts). */
	status: StreamStatus;
	shards: Shard[];
	nextShard: number;
	createdAt: number;
	pending?: PendingReshard;
	iterators: number;
	deleted: boolean;
	/** KIN-15: the shards laid out when the stream becomes ACTIVE. */
	initialShards: number;
	/** KIN-12 [sim]: an on-demand stream's offered write load per simulated second, and its peak. */
	demand?: { second: number; bytes: number; peak: number };
	/** KIN-12: when the stream's capacity mode was switched (at most twice per 24 h). */
	modeSwitches?: number[];
}

/**
 * What the stream's helper modules work on: the node's id, its context and random stream, its state (`s` is
 * replaced as a whole when a checkpoint is restored) and its one executor of the lifecycle machines' named
 * effects (a shard's effects with that shard).
 */
export interface StreamCore {
	readonly id: string;
	readonly ctx: SimContext;
	readonly rng: Random;
	s: StreamState;
	readonly perform: (effect: StreamEffect | ShardEffect, shard?: Shard) => void;
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

/** Who is writing: the caller's node id, and the record's origin when a scenario producer sent it. */
export interface PutFrom {
	from: string;
	origin?: string;
}

/** The events a stream schedules on itself: a shard's retention trim (KIN-10), the end of a reshard (KIN-11). */
export type KinesisStreamEvent =
	| { type: 'TRIM'; shard: string }
	| { type: 'RESHARD_DONE' }
	| { type: 'CREATED' }
	| { type: 'DELETED' }
	| ActionEvent;
