// The shapes of the sandbox's Kinesis API: the input shapes every call is read with (Kinesis API Reference;
// see shape.ts for what AWS returns when a request does not fit), and the output shapes built from a
// stream node (DescribeStream, DescribeStreamSummary, ListStreams, ListShards, the consumer calls).

import { epochMs } from '../services/shared';
import type { KinesisStream } from '../services/kinesis';
import { blob, bool, int, list, map, oneOf, req, str, struct, timestamp, type Shape } from './shape';
import { HASH_KEY_PATTERN, nameRule, SEQUENCE_PATTERN, type MemberRule } from './kinesis-validation';
import { ITERATOR_TYPES } from '../services/kinesis';
import {
	MAX_GET_RECORDS,
	MAX_PUT_RECORDS,
	MAX_RECORD_SIZE_KIB,
	DEFAULT_MAX_RECORD_SIZE_KIB,
	MAX_RETENTION_HOURS
} from '../services/kinesis';

/** A stream's or a consumer's name. */
export const RESOURCE_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

export interface ShardShape {
	ShardId: string;
	ParentShardId?: string;
	AdjacentParentShardId?: string;
	HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
	SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export interface StreamRef {
	StreamName?: string;
	StreamARN?: string;
}

/** ListShards' ShardFilter (the types the simulator understands). */
export interface ShardFilter {
	Type: 'AT_LATEST' | 'AT_TRIM_HORIZON' | 'FROM_TRIM_HORIZON' | 'AFTER_SHARD_ID';
	ShardId?: string;
}

/** KIN-13: a registered enhanced fan-out consumer, as DescribeStreamConsumer and its kin return it. */
export interface ConsumerShape {
	ConsumerName: string;
	ConsumerARN: string;
	ConsumerStatus: 'ACTIVE';
	ConsumerCreationTimestamp: Date;
}

/** What ListStreams' StreamSummaries, DescribeStreamSummary and DescribeStream all say of a stream. */
export interface StreamSummaryShape {
	StreamName: string;
	StreamARN: string;
	StreamStatus: string;
	StreamModeDetails: { StreamMode: string };
	StreamCreationTimestamp: Date;
}

/** The fields DescribeStream and DescribeStreamSummary share. */
export interface StreamDescriptionShape extends StreamSummaryShape {
	RetentionPeriodHours: number;
	EnhancedMonitoring: { ShardLevelMetrics: string[] }[];
	EncryptionType: 'NONE';
}

export function streamSummary(s: KinesisStream): StreamSummaryShape {
	return {
		StreamName: s.config.StreamName,
		StreamARN: s.arn,
		StreamStatus: s.status,
		StreamModeDetails: { StreamMode: s.config.StreamMode },
		StreamCreationTimestamp: new Date(epochMs(s.createdAt))
	};
}

export function streamDescription(s: KinesisStream): StreamDescriptionShape {
	const { StreamCreationTimestamp, ...head } = streamSummary(s);
	return {
		...head,
		RetentionPeriodHours: s.config.RetentionPeriodHours,
		StreamCreationTimestamp, // AWS's order: after the retention period
		EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
		EncryptionType: 'NONE'
	};
}

/** Every shard not yet expired, closed ones included. */
export function shardShapes(s: KinesisStream): ShardShape[] {
	return s.shards().map((sh) => ({
		ShardId: sh.ShardId,
		...(sh.ParentShardId !== undefined ? { ParentShardId: sh.ParentShardId } : {}),
		...(sh.AdjacentParentShardId !== undefined ? { AdjacentParentShardId: sh.AdjacentParentShardId } : {}),
		HashKeyRange: { StartingHashKey: sh.start.toString(), EndingHashKey: sh.end.toString() },
		SequenceNumberRange: {
			StartingSequenceNumber: sh.StartingSequenceNumber,
			...(sh.EndingSequenceNumber !== undefined ? { EndingSequenceNumber: sh.EndingSequenceNumber } : {})
		}
	}));
}

// Input shapes, checked before anything else ---------------------------------------------------------------

const STREAM = { StreamName: str, StreamARN: str };
const CONSUMER = struct({ StreamARN: str, ConsumerName: str, ConsumerARN: str });
const RETENTION = struct({ ...STREAM, RetentionPeriodHours: req(int) });

export const SHAPES = {
	createStream: struct({
		StreamName: req(str),
		ShardCount: int,
		StreamModeDetails: struct({ StreamMode: req(oneOf('PROVISIONED', 'ON_DEMAND')) }),
		Tags: map(str),
		MaxRecordSizeInKiB: int
	}),
	deleteStream: struct({ ...STREAM, EnforceConsumerDeletion: bool }),
	listStreams: struct({ Limit: int, ExclusiveStartStreamName: str, NextToken: str }),
	describeStreamSummary: struct(STREAM),
	listShards: struct({
		...STREAM,
		NextToken: str,
		ExclusiveStartShardId: str,
		MaxResults: int,
		StreamCreationTimestamp: timestamp,
		ShardFilter: struct({ Type: req(str), ShardId: str, Timestamp: timestamp })
	}),
	describeStream: struct({ ...STREAM, Limit: int, ExclusiveStartShardId: str }),
	putRecord: struct({
		...STREAM,
		PartitionKey: req(str),
		Data: req(blob),
		ExplicitHashKey: str,
		SequenceNumberForOrdering: str
	}),
	putRecords: struct({
		...STREAM,
		Records: req(list(struct({ Data: req(blob), PartitionKey: req(str), ExplicitHashKey: str })))
	}),
	getShardIterator: struct({
		...STREAM,
		ShardId: req(str),
		ShardIteratorType: req(str),
		StartingSequenceNumber: str,
		Timestamp: timestamp
	}),
	getRecords: struct({ ShardIterator: req(str), Limit: int, StreamARN: str }),
	splitShard: struct({ ...STREAM, ShardToSplit: req(str), NewStartingHashKey: req(str) }),
	mergeShards: struct({ ...STREAM, ShardToMerge: req(str), AdjacentShardToMerge: req(str) }),
	updateShardCount: struct({ ...STREAM, TargetShardCount: req(int), ScalingType: req(str) }),
	registerStreamConsumer: struct({ StreamARN: req(str), ConsumerName: req(str), Tags: map(str) }),
	describeStreamConsumer: CONSUMER,
	listStreamConsumers: struct({
		StreamARN: req(str),
		NextToken: str,
		MaxResults: int,
		StreamCreationTimestamp: timestamp
	}),
	deregisterStreamConsumer: CONSUMER,
	subscribeToShard: struct({
		ConsumerARN: req(str),
		ShardId: req(str),
		StartingPosition: req(struct({ Type: req(str), SequenceNumber: str, Timestamp: timestamp }))
	}),
	increaseStreamRetentionPeriod: RETENTION,
	decreaseStreamRetentionPeriod: RETENTION,
	updateStreamMode: struct({
		StreamARN: req(str),
		StreamModeDetails: req(struct({ StreamMode: req(oneOf('PROVISIONED', 'ON_DEMAND')) }))
	}),
	updateMaxRecordSize: struct({ ...STREAM, MaxRecordSizeInKiB: req(int) }),
	addTagsToStream: struct({ ...STREAM, Tags: req(map(str)) }),
	listTagsForStream: struct({ ...STREAM, ExclusiveStartTagKey: str, Limit: int }),
	removeTagsFromStream: struct({ ...STREAM, TagKeys: req(list(str)) })
} satisfies Record<string, Shape>;

// KIN-16: each API's constraints, member by member in the order kinesalite's tests (run against Kinesis)
// list their failures. StreamName is optional since StreamARN can name the stream instead.

const STREAM_NAME = nameRule('StreamName');
const RETENTION_RULES: MemberRule[] = [
	{ member: 'RetentionPeriodHours', kind: 'integer', required: true, min: 1, max: MAX_RETENTION_HOURS },
	STREAM_NAME
];
/** KIN-6: the model's bound on Data (the stream's own MaxRecordSizeInKiB is checked after the lookup). */
const DATA_MAX = MAX_RECORD_SIZE_KIB * 1024;

/**
 * KIN-16: a tag map: 1–10 tags a request, keys 1–128 and values 0–256 characters (recorded: kinesalite
 * test/addTagsToStream.js, "too many tags", "long tag key", "long tag value").
 */
const TAGS_RULE: MemberRule = {
	member: 'Tags',
	kind: 'map',
	min: 1,
	max: 10,
	itemMin: 1,
	itemMax: 128,
	valueMin: 0,
	valueMax: 256
};

export const RULES: Record<keyof typeof SHAPES, readonly MemberRule[]> = {
	addTagsToStream: [{ ...TAGS_RULE, required: true }, STREAM_NAME],
	// Recorded: kinesalite test/listTagsForStream.js, "empty StreamName", "long StreamName".
	listTagsForStream: [
		{ member: 'Limit', kind: 'integer', min: 1, max: 10 },
		{ member: 'ExclusiveStartTagKey', kind: 'string', min: 1, max: 128 },
		STREAM_NAME
	],
	// Recorded: kinesalite test/removeTagsFromStream.js, "empty StreamName", "long TagKey", "too many TagKeys".
	removeTagsFromStream: [
		{ member: 'TagKeys', kind: 'list', required: true, min: 1, max: 10, itemMin: 1, itemMax: 128 },
		STREAM_NAME
	],
	createStream: [
		{ member: 'ShardCount', kind: 'integer', min: 1, max: 100_000 },
		nameRule('StreamName', true),
		{
			member: 'MaxRecordSizeInKiB',
			kind: 'integer',
			min: DEFAULT_MAX_RECORD_SIZE_KIB,
			max: MAX_RECORD_SIZE_KIB
		}
	],
	deleteStream: [STREAM_NAME],
	listStreams: [
		{ member: 'Limit', kind: 'integer', min: 1, max: 10_000 },
		nameRule('ExclusiveStartStreamName')
	],
	describeStreamSummary: [STREAM_NAME],
	listShards: [
		{ member: 'MaxResults', kind: 'integer', min: 1, max: 10_000 },
		nameRule('ExclusiveStartShardId'),
		STREAM_NAME,
		{ member: 'NextToken', kind: 'string', min: 1, max: 1_048_576 }
	],
	describeStream: [
		{ member: 'Limit', kind: 'integer', min: 1, max: 10_000 },
		nameRule('ExclusiveStartShardId'),
		STREAM_NAME
	],
	putRecord: [
		{ member: 'SequenceNumberForOrdering', kind: 'string', pattern: SEQUENCE_PATTERN },
		{ member: 'PartitionKey', kind: 'string', required: true, min: 1, max: 256 },
		{ member: 'ExplicitHashKey', kind: 'string', pattern: HASH_KEY_PATTERN },
		{ member: 'Data', kind: 'blob', required: true, max: DATA_MAX },
		STREAM_NAME
	],
	putRecords: [
		{ member: 'Records', kind: 'list', required: true, min: 1, max: MAX_PUT_RECORDS },
		{ member: 'Records.*.PartitionKey', kind: 'string', required: true, min: 1, max: 256 },
		{ member: 'Records.*.ExplicitHashKey', kind: 'string', pattern: HASH_KEY_PATTERN },
		{ member: 'Records.*.Data', kind: 'blob', required: true, max: DATA_MAX },
		STREAM_NAME
	],
	getShardIterator: [
		nameRule('ShardId', true),
		{ member: 'ShardIteratorType', kind: 'enum', required: true, values: ITERATOR_TYPES },
		{ member: 'StartingSequenceNumber', kind: 'string', pattern: SEQUENCE_PATTERN },
		STREAM_NAME
	],
	getRecords: [
		{ member: 'Limit', kind: 'integer', min: 1, max: MAX_GET_RECORDS },
		{ member: 'ShardIterator', kind: 'string', required: true, min: 1, max: 512 }
	],
	splitShard: [
		{ member: 'NewStartingHashKey', kind: 'string', required: true, pattern: HASH_KEY_PATTERN },
		STREAM_NAME,
		nameRule('ShardToSplit', true)
	],
	mergeShards: [nameRule('ShardToMerge', true), nameRule('AdjacentShardToMerge', true), STREAM_NAME],
	updateShardCount: [
		{ member: 'TargetShardCount', kind: 'integer', required: true, min: 1, max: 100_000 },
		{ member: 'ScalingType', kind: 'enum', required: true, values: ['UNIFORM_SCALING'] },
		STREAM_NAME
	],
	registerStreamConsumer: [
		{ member: 'StreamARN', kind: 'string', required: true, min: 1, max: 2048 },
		nameRule('ConsumerName', true)
	],
	describeStreamConsumer: [],
	listStreamConsumers: [{ member: 'StreamARN', kind: 'string', required: true, min: 1, max: 2048 }],
	deregisterStreamConsumer: [],
	subscribeToShard: [
		{ member: 'ConsumerARN', kind: 'string', required: true, min: 1, max: 2048 },
		nameRule('ShardId', true)
	],
	increaseStreamRetentionPeriod: RETENTION_RULES,
	decreaseStreamRetentionPeriod: RETENTION_RULES,
	updateStreamMode: [{ member: 'StreamARN', kind: 'string', required: true, min: 1, max: 2048 }],
	updateMaxRecordSize: [
		{
			member: 'MaxRecordSizeInKiB',
			kind: 'integer',
			required: true,
			min: DEFAULT_MAX_RECORD_SIZE_KIB,
			max: MAX_RECORD_SIZE_KIB
		},
		STREAM_NAME
	]
};
