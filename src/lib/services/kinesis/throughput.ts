// Per-shard throughput windows of a Kinesis stream: the write limit (KIN-4) and the read limit shared by
// polling readers (KIN-7), as per-second allowances kept on the shard, and the throttling errors AWS returns.

import { awsError } from '../shared/errors';
import { ACCOUNT_ID } from '../shared/aws';
import { READ_BYTES_PER_S, READ_CALLS_PER_S, WRITE_BYTES_PER_S, WRITE_RECORDS_PER_S } from './limits';
import type { Shard } from './stream-types';

/** What a bucket still owes at `second`: its bytes less the allowance of every second since (none before use). */
function owedAt(bucket: { second: number; bytes: number }, second: number, perSecond: number): number {
	return bucket.second < 0 ? 0 : Math.max(0, bucket.bytes - (second - bucket.second) * perSecond);
}

/**
 * KIN-4 [sim]: per-shard buckets of 1 MiB and 1,000 records that refill at each simulated second
 * (SEMANTICS §7: per-second token buckets), partition key bytes counted. Takes the record when it fits.
 * KIN-6 [sim]: the per-shard rates do not change for large records, which use up burst capacity: a record
 * larger than 1 MiB is taken when the shard has written nothing in the current second and owes nothing,
 * and what it takes beyond the second's allowance is owed: each new second forgives 1 MiB of it, and what is
 * still owed counts against that second's allowance. (Records of at most 1 MiB never leave a debt, so they
 * see plain per-second buckets.)
 */
export function admitWrite(shard: Shard, now: number, bytes: number): boolean {
	const second = Math.floor(now / 1000);
	if (shard.write.second !== second) {
		shard.write = { second, bytes: owedAt(shard.write, second, WRITE_BYTES_PER_S), records: 0 };
	}
	if (shard.write.records + 1 > WRITE_RECORDS_PER_S) return false;
	const burst = bytes > WRITE_BYTES_PER_S && shard.write.bytes === 0;
	if (!burst && shard.write.bytes + bytes > WRITE_BYTES_PER_S) return false;
	shard.write.records++;
	shard.write.bytes += bytes;
	return true;
}

/**
 * KIN-7 [sim]: 5 calls per simulated second, and a byte allowance that carries over: every new second
 * forgives 2 MiB of what was read, and a call is throttled while 2 MiB or more is still owed. A 10 MiB
 * response therefore throttles the next four seconds (AWS: about five, unverified), and the average
 * never exceeds 2 MiB/s. Shared by every polling reader of the shard. Counts nothing: the caller adds the
 * call and its bytes once it reads.
 */
export function admitRead(shard: Shard, now: number): boolean {
	const second = Math.floor(now / 1000);
	if (shard.read.second !== second) {
		shard.read = { second, bytes: owedAt(shard.read, second, READ_BYTES_PER_S), calls: 0 };
	}
	return shard.read.calls < READ_CALLS_PER_S && shard.read.bytes < READ_BYTES_PER_S;
}

/** KIN-4: a write over the shard's limit. */
export function writeThrottled(shard: Shard, streamName: string): Error {
	return awsError(
		'ProvisionedThroughputExceededException',
		`Rate exceeded for shard ${shard.ShardId} in stream ${streamName} under account ${ACCOUNT_ID}.`
	);
}

/** KIN-7: a GetRecords over the shard's shared read limit (an error, never partial data). */
export function readThrottled(shard: Shard, streamName: string): Error {
	return awsError(
		'ProvisionedThroughputExceededException',
		`Rate exceeded for Shard - ${ACCOUNT_ID}:${streamName}:${shard.ShardId}`
	);
}
