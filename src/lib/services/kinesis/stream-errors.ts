// The errors a Kinesis stream answers with, worded as AWS words them: validation failures, a shard that does
// not exist or is no longer open (KIN-11), and a stream that is not ACTIVE.

import { awsError } from '../shared/errors';
import { ACCOUNT_ID } from '../shared/aws';
import { type StreamEvent, streamLifecycle } from './stream-lifecycle';
import type { Shard, StreamState } from './stream-types';

export function validation(message: string): Error {
	return awsError('ValidationException', `1 validation error detected: ${message}`);
}

/** The message AWS gives for a malformed sequence number field (`field` as AWS spells it). */
export function badSequenceNumber(value: string, field: string): Error {
	return validation(
		`Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})`
	);
}

export function shardNotFound(s: StreamState, shardId: string): Error {
	return awsError(
		'ResourceNotFoundException',
		`Shard ${String(shardId)} in stream ${s.config.StreamName} under account ${ACCOUNT_ID} does not exist`
	);
}

/**
 * KIN-16: how SplitShard and MergeShards word a shard they cannot find (kinesalite test/splitShard.js and
 * test/mergeShards.js, "should return ResourceNotFoundException if known stream and raw shard ID does not
 * exist"): the normalised id, or the raw one when it does not name a shard index at all.
 */
export function couldNotFindShard(streamName: string, shardId: string): Error {
	return awsError(
		'ResourceNotFoundException',
		`Could not find shard ${shardId} in stream ${streamName} under account ${ACCOUNT_ID}.`
	);
}

/** KIN-15/-16: a stream that does not exist, or is CREATING or DELETING, for puts and reads. */
export function streamNotFound(streamName: string): Error {
	return awsError('ResourceNotFoundException', `Stream ${streamName} under account ${ACCOUNT_ID} not found.`);
}

/**
 * KIN-15: puts and reads need the stream ACTIVE or UPDATING; while it is CREATING or DELETING it does not
 * exist for them (kinesalite test/createStream.js, "should create a basic 3-shard stream").
 */
export function assertReadable(s: StreamState): void {
	if (s.deleted || s.status === 'CREATING' || s.status === 'DELETING')
		throw streamNotFound(s.config.StreamName);
}

/** KIN-11: a shard already closed by a split or merge cannot be split or merged again. */
export function notOpen(s: StreamState, shard: Shard): Error {
	return awsError(
		'InvalidArgumentException',
		`Shard ${shard.ShardId} in stream ${s.config.StreamName} under account ${ACCOUNT_ID} has already been merged or split, and thus is not eligible for merging or splitting.`
	);
}

/**
 * KIN-11: the stream lifecycle machine decides which calls the stream accepts in its status: while a reshard
 * is under way (UPDATING) it refuses another one and retention changes, as AWS does (not ACTIVE).
 */
export function assertAccepts(s: StreamState, event: StreamEvent): void {
	if (streamLifecycle.next(s.status, event) === undefined) {
		throw awsError(
			'ResourceInUseException',
			`Stream ${s.config.StreamName} under account ${ACCOUNT_ID} not ACTIVE, instead in state ${s.status}`
		);
	}
}
