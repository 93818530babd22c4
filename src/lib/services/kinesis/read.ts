// Reads from a Kinesis stream: where an iterator starts (KIN-9), iterator tokens and their expiry, polling
// GetRecords under the shared read limit (KIN-7, KIN-8), and the enhanced fan-out reads a subscription
// pushes (KIN-13), which share the record walk but not the limit.

import { awsError } from '../shared/errors';
import { ACCOUNT_ID, epochMs } from '../shared/aws';
import { decodeIterator, encodeIterator, type IteratorToken } from './iterator';
import { ITERATOR_TTL_MS, MAX_GET_BYTES, MAX_GET_RECORDS } from './limits';
import { encodedShardIndex, SEQUENCE_NUMBER } from './sequence';
import { normaliseShardId } from './shard-id';
import { shardIdFor } from './hash';
import { childShards, shardOrThrow } from './shard';
import { badSequenceNumber, couldNotFindShard, validation } from './stream-errors';
import { admitRead, readThrottled } from './throughput';
import type {
	ChildShard,
	GetRecordsOutput,
	GetShardIteratorInput,
	KinesisRecord,
	Shard,
	StreamCore,
	StreamState
} from './stream-types';

/** What one walk over a shard's records found (KIN-7/-8/-13). */
export interface RecordBatch {
	records: KinesisRecord[];
	bytes: number;
	/** Index of the first record not taken (the shard's length when every record was taken). */
	next: number;
	/** KIN-8: how far behind the tip the reader is: the age of the oldest record it has not read yet. */
	millisBehindLatest: number;
}

/** Index of the first record after `after` (records are sorted by sequence number). */
export function firstAfter(shard: Readonly<Shard>, after: bigint): number {
	const k = shard.records.findIndex((r) => BigInt(r.SequenceNumber) > after);
	return k < 0 ? shard.records.length : k;
}

/**
 * The records after `after`, oldest first: at most `maxRecords` of them and `maxBytes` in all, but at least
 * one when any is there (a record larger than `maxBytes` is returned alone).
 */
export function takeRecords(
	shard: Readonly<Shard>,
	after: bigint,
	maxRecords: number,
	maxBytes: number,
	now: number
): RecordBatch {
	const out: KinesisRecord[] = [];
	let bytes = 0;
	let k = firstAfter(shard, after);
	for (; k < shard.records.length && out.length < maxRecords; k++) {
		const r = shard.records[k] as KinesisRecord;
		if (bytes + r.bytes > maxBytes && out.length > 0) break;
		out.push(r);
		bytes += r.bytes;
	}
	const remaining = shard.records[k];
	return {
		records: out,
		bytes,
		next: k,
		millisBehindLatest: remaining ? Math.max(0, now - remaining.arrivedAt) : 0
	};
}

/** KIN-8: a closed shard read to its end has no next iterator, only children. */
function readToEnd(shard: Readonly<Shard>, next: number): boolean {
	return !shard.open && next >= shard.records.length;
}

/**
 * KIN-9: where an iterator of the given type starts, as "the records after this sequence number" (-1n:
 * from the oldest record kept). Used by GetShardIterator and by SubscribeToShard's StartingPosition.
 */
export function startingPosition(s: StreamState, input: GetShardIteratorInput, now?: number): bigint {
	const shard = iteratorShard(s, input.ShardId);
	const type = input.ShardIteratorType;
	const given = input.StartingSequenceNumber;
	const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
	// KIN-16: the iterator type and StartingSequenceNumber go together (kinesalite test/getShardIterator.js,
	// "should return InvalidArgumentException if AT_SEQUENCE_NUMBER and no StartingSequenceNumber" and kin).
	if ((type === 'TRIM_HORIZON' || type === 'LATEST') && given !== undefined && given !== '') {
		throw iteratorTypeMismatch(`${type} and also a StartingSequenceNumber`);
	}
	if (bySequence && (given === undefined || given === '')) {
		throw iteratorTypeMismatch(`${type} and no StartingSequenceNumber`);
	}
	const seqOf = (): bigint => {
		const v = given as string;
		if (typeof v !== 'string' || !SEQUENCE_NUMBER.test(v)) {
			throw badSequenceNumber(String(v), 'startingSequenceNumber');
		}
		const n = BigInt(v);
		const invalid = (why = '') =>
			awsError(
				'InvalidArgumentException',
				`StartingSequenceNumber ${v} used in GetShardIterator on shard ${shard.ShardId} in stream ${s.config.StreamName} under account ${ACCOUNT_ID} is invalid${why}.`
			);
		// KIN-3/-16: the number says which shard issued it; another shard's is rejected naming both.
		const encoded = encodedShardIndex(n);
		if (encoded === undefined) throw invalid();
		// Java's %012d: a negative index keeps its sign inside the 12 characters (kinesalite
		// test/getShardIterator.js, "8 near end of StartingSequenceNumber": shardId--02147483648).
		const encodedId = encoded < 0 ? `shardId--${String(-encoded).padStart(11, '0')}` : shardIdFor(encoded);
		if (encodedId !== shard.ShardId) {
			throw awsError(
				'InvalidArgumentException',
				`Invalid StartingSequenceNumber. It encodes ${encodedId}, while it was used in a call to a shard with ${shard.ShardId}`
			);
		}
		// Recorded: kinesalite test/getShardIterator.js, "should return InternalFailure if using small (old?)
		// sequence number": a number of the oldest layout (below 2^128) that names this very shard makes
		// Kinesis fail with a bare 500 InternalFailure.
		if (n < 1n << 128n) throw awsError('InternalFailure', '', 'server');
		if (n < BigInt(shard.StartingSequenceNumber)) throw invalid(' because it did not come from this stream');
		// A number this shard has not issued yet (one from the future) is rejected.
		if (n > shard.lastSeq) throw invalid();
		return n;
	};
	switch (type) {
		case 'TRIM_HORIZON':
			return -1n;
		case 'LATEST':
			return shard.lastSeq;
		case 'AT_SEQUENCE_NUMBER':
			return seqOf() - 1n;
		case 'AFTER_SEQUENCE_NUMBER':
			return seqOf();
		case 'AT_TIMESTAMP': {
			const ts = input.Timestamp;
			const t = typeof ts === 'number' ? ts : ts instanceof Date ? ts.getTime() : NaN;
			if (!Number.isFinite(t)) {
				// Recorded: kinesalite test/getShardIterator.js, "AT_TIMESTAMP and no Timestamp".
				throw awsError(
					'InvalidArgumentException',
					'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.'
				);
			}
			const current = epochMs(now ?? 0);
			if (now !== undefined && t > current) {
				// Recorded: kinesalite test/getShardIterator.js, "Timestamp in the future".
				throw awsError(
					'InvalidArgumentException',
					`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${t}, currentTimestampInMillis: ${current}`
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
				`Value '${String(type)}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [${ITERATOR_TYPES.join(', ')}]`
			);
	}
}

/** KIN-16: the iterator types, in the order Kinesis lists them (kinesalite test/getShardIterator.js). */
export const ITERATOR_TYPES = [
	'AFTER_SEQUENCE_NUMBER',
	'LATEST',
	'AT_TIMESTAMP',
	'AT_SEQUENCE_NUMBER',
	'TRIM_HORIZON'
] as const;

function iteratorTypeMismatch(what: string): Error {
	return awsError(
		'InvalidArgumentException',
		`Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${what}.`
	);
}

/**
 * KIN-16: the shard a GetShardIterator names, its id normalised: "Could not find shard …" with the id as
 * given when it names no index, "Shard shardId-… in stream … does not exist" when there is no such shard
 * (kinesalite test/getShardIterator.js).
 */
export function iteratorShard(s: StreamState, raw: string): Shard {
	const id = normaliseShardId(raw);
	if (id === undefined) throw couldNotFindShard(s.config.StreamName, raw);
	return shardOrThrow(s, id);
}

/** KIN-9: a new iterator for the records after `after`, numbered by the stream's iterator counter. */
export function issueIterator(core: StreamCore, shardId: string, after: bigint): string {
	const t: IteratorToken = {
		stream: core.s.config.StreamName,
		shard: shardId,
		after: after.toString(),
		issuedAt: core.ctx.now(),
		n: ++core.s.iterators
	};
	return encodeIterator(t);
}

/** KIN-9: the token inside an iterator of this stream, or an InvalidArgumentException. */
export function parseIterator(s: StreamState, iterator: string): IteratorToken {
	const t = decodeIterator(iterator);
	if (!t || t.stream !== s.config.StreamName) {
		throw awsError('InvalidArgumentException', 'Invalid ShardIterator.');
	}
	return t;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * KIN-9: a time as Java's Date.toString prints it in UTC, "Thu Jan 01 00:05:02 UTC 2026" (recorded: kinesalite
 * test/getRecords.js, "should return ExpiredIteratorException if ShardIterator has expired").
 */
function javaDate(ms: number): string {
	const d = new Date(ms);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** KIN-7/-8: shared read limits, at most 10,000 records or 10 MiB, MillisBehindLatest, ChildShards. */
export function getRecords(
	core: StreamCore,
	input: { ShardIterator: string; Limit?: number },
	by: string
): GetRecordsOutput {
	const { s, ctx } = core;
	const limit = input.Limit ?? MAX_GET_RECORDS;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GET_RECORDS) {
		throw awsError(
			'InvalidArgumentException',
			`Limit must be between 1 and ${MAX_GET_RECORDS} (got ${limit}).`
		);
	}
	const token = parseIterator(s, input.ShardIterator);
	const now = ctx.now();
	if (now - token.issuedAt > ITERATOR_TTL_MS) {
		throw awsError(
			'ExpiredIteratorException',
			`Iterator expired. The iterator was created at time ${javaDate(epochMs(token.issuedAt))} while right now it is ${javaDate(epochMs(now))} which is further in the future than the tolerated delay of ${ITERATOR_TTL_MS} milliseconds.`
		);
	}
	const shard = shardOrThrow(s, token.shard);
	if (!admitRead(shard, now)) {
		// KIN-7: throttling is an error, never partial data.
		ctx.trace({
			type: 'read-throttled',
			node: core.id,
			shard: shard.ShardId,
			by,
			cause: 'shard-read-limit'
		});
		throw readThrottled(shard, s.config.StreamName);
	}
	shard.read.calls++;
	const after = BigInt(token.after);
	const batch = takeRecords(shard, after, limit, MAX_GET_BYTES, now);
	shard.read.bytes += batch.bytes;
	const last = batch.records[batch.records.length - 1];
	const position = last ? BigInt(last.SequenceNumber) : after;
	const result: GetRecordsOutput = {
		Records: batch.records.map((r) => ({
			SequenceNumber: r.SequenceNumber,
			ApproximateArrivalTimestamp: new Date(epochMs(r.arrivedAt)),
			Data: r.Data.slice(),
			PartitionKey: r.PartitionKey
		})),
		MillisBehindLatest: batch.millisBehindLatest
	};
	// KIN-8: a closed shard read to its end: no next iterator, and its children.
	if (readToEnd(shard, batch.next)) result.ChildShards = childShards(s, shard);
	else result.NextShardIterator = issueIterator(core, shard.ShardId, position);
	ctx.trace({
		type: 'records-read',
		node: core.id,
		shard: shard.ShardId,
		by,
		count: batch.records.length,
		millisBehindLatest: result.MillisBehindLatest
	});
	return result;
}

/**
 * KIN-13: enhanced fan-out reads: a dedicated pipe per consumer, outside the shared read limits. Returns up
 * to `maxBytes` of records after `after` (at least one record when any is there), how far behind the tip
 * that leaves the reader, and the children once a closed shard is read to its end. The caller traces it.
 */
export function readForSubscriber(
	core: StreamCore,
	shardId: string,
	after: bigint,
	maxBytes: number
): { records: KinesisRecord[]; millisBehindLatest: number; childShards?: ChildShard[] } {
	const shard = shardOrThrow(core.s, shardId);
	const batch = takeRecords(shard, after, Infinity, maxBytes, core.ctx.now());
	return {
		records: batch.records,
		millisBehindLatest: batch.millisBehindLatest,
		...(readToEnd(shard, batch.next) ? { childShards: childShards(core.s, shard) } : {})
	};
}
