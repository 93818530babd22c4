// The shapes of the sandbox's Kinesis API: the input shapes every call is read with (Kinesis API Reference;
// see shape.ts for what AWS returns when a request does not fit), and the output shapes built from a
// stream node (DescribeStream, DescribeStreamSummary, ListStreams, ListShards, the consumer calls).

import { epochMs } from '../services/shared';
import type { KinesisStream } from '../services/kinesis';
import { blob, bool, int, list, map, oneOf, req, str, struct, timestamp, type Shape } from './shape';

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
		Tags: map(str)
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
	decreaseStreamRetentionPeriod: RETENTION
} satisfies Record<string, Shape>;
