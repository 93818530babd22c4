// The Kinesis Data Streams nodes: the stream (shards, mode, retention, resharding actions) and the KCL-style
// polling consumer. Shard counts, retention bounds and the GetRecords limit come from
// services/kinesis/limits.ts.

import * as v from 'valibot';
// The service's numbers (a leaf module of data; the engine imports nothing else of a service).
import * as KIN from '../../../services/kinesis/limits';
import { intIn } from './common';
import { DurationDistributionSchema } from './consumers';
import { AT_MS, common, Ref } from './fields';

// Kinesis -----------------------------------------------------------------------------------------------

const ShardIdSchema = v.pipe(
	v.string('must be a shard id like shardId-000000000000'),
	v.regex(/^shardId-\d{12}$/, 'must be a shard id like shardId-000000000000')
);

const StreamActionSchema = v.variant(
	'action',
	[
		v.object({
			action: v.literal('split'),
			atMs: AT_MS,
			ShardToSplit: ShardIdSchema,
			/** Defaults to the middle of the shard's range. */
			NewStartingHashKey: v.optional(v.pipe(v.string(), v.regex(/^\d{1,39}$/, 'must be a decimal hash key')))
		}),
		v.object({
			action: v.literal('update-shard-count'),
			atMs: AT_MS,
			TargetShardCount: intIn(1, KIN.MAX_SHARDS, 'shards')
		}),
		/** KIN-11/-16: two open shards with adjacent hash-key ranges, the lower one first. */
		v.object({
			action: v.literal('merge'),
			atMs: AT_MS,
			ShardToMerge: ShardIdSchema,
			AdjacentShardToMerge: ShardIdSchema
		})
	],
	'must be split, update-shard-count or merge'
);

export const KinesisStreamSchema = v.object({
	...common,
	type: v.literal('kinesis-stream'),
	StreamName: v.optional(
		v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{1,128}$/, 'must be 1–128 letters, digits, _ . -'))
	),
	/**
	 * KIN-2: shards at creation (PROVISIONED). KIN-12: an ON_DEMAND stream starts with 4 and scales itself
	 * ([sim] rule in services/kinesis/capacity.ts). KIN-15: a scenario's streams are the deployed topology,
	 * ACTIVE at t=0.
	 */
	ShardCount: v.optional(intIn(1, KIN.MAX_SHARDS, 'shards'), 1),
	StreamMode: v.optional(
		v.picklist(['PROVISIONED', 'ON_DEMAND'], 'must be PROVISIONED or ON_DEMAND'),
		'PROVISIONED'
	),
	/** KIN-10: 24–8,760 hours. */
	RetentionPeriodHours: v.optional(
		intIn(KIN.MIN_RETENTION_HOURS, KIN.MAX_RETENTION_HOURS, 'hours'),
		KIN.DEFAULT_RETENTION_HOURS
	),
	/**
	 * KIN-6: the stream's largest record, data plus partition key, 1,024–10,240 KiB. (The scenario builder,
	 * services/create-node.ts, must pass it to the stream's config.)
	 */
	MaxRecordSizeInKiB: v.optional(
		intIn(KIN.DEFAULT_MAX_RECORD_SIZE_KIB, KIN.MAX_RECORD_SIZE_KIB, 'KiB'),
		KIN.DEFAULT_MAX_RECORD_SIZE_KIB
	),
	/** Resharding during the run (KIN-11): split, update-shard-count, merge. */
	Actions: v.optional(v.array(StreamActionSchema), [])
});

export const KinesisConsumerSchema = v.object({
	...common,
	type: v.literal('kinesis-consumer'),
	source: Ref,
	/** KIN-9: where a shard without a checkpoint starts. */
	StartingPosition: v.optional(
		v.picklist(['TRIM_HORIZON', 'LATEST'], 'must be TRIM_HORIZON or LATEST'),
		'TRIM_HORIZON'
	),
	/** [sim] Pause between GetRecords calls on one shard when the last one came back empty (KCL's idle time). */
	PollIntervalMs: v.optional(intIn(200, 60_000, 'ms'), 1000),
	/** GetRecords Limit (KIN-7). */
	Limit: v.optional(intIn(1, KIN.MAX_GET_RECORDS, 'records'), 1000),
	/** Time to process one record. */
	ProcessingTime: v.optional(DurationDistributionSchema, { type: 'fixed', ms: 2 }),
	/** KIN-13: read through enhanced fan-out (a dedicated 2 MiB/s pipe per shard, outside the shared limit). */
	EnhancedFanOut: v.optional(v.boolean(), false),
	/** KIN-14: workers sharing the shard leases. */
	Workers: v.optional(intIn(1, 100, 'workers'), 1),
	/** KIN-14: workers that die during the run; their leases are taken over after FailoverTimeMillis. */
	WorkerFailures: v.optional(
		v.array(v.object({ worker: intIn(0, 99), atMs: intIn(0, 1_000_000_000, 'ms') })),
		[]
	),
	/** KIN-14: a lease not renewed for this long is taken over (10 s default, unverified). */
	FailoverTimeMillis: v.optional(intIn(1000, 600_000, 'ms'), 10_000)
});
