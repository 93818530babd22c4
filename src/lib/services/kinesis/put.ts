// Writes to a Kinesis stream: PutRecord and PutRecords. Each record is validated and routed to its shard
// first (KIN-1, KIN-3, KIN-5, KIN-6), then appended under the shard's write limit (KIN-4) with the next
// sequence number (KIN-3), its first record arming the shard's retention trim (KIN-10).

import { awsError } from '../shared/errors';
import { utf8Length } from '../sqs/message';
import { explicitHashKey, hashKeyForPartitionKey } from './hash';
import {
	MAX_PARTITION_KEY_CHARS,
	MAX_PUT_RECORDS,
	MAX_PUT_RECORDS_BYTES,
	MIN_PARTITION_KEY_CHARS
} from './limits';
import { nextSequence, orderingFloor, readableOrdering, SEQUENCE_NUMBER } from './sequence';
import { ACCOUNT_ID } from '../shared/aws';
import { openShardFor } from './shard';
import { badSequenceNumber, validation } from './stream-errors';
import { admitWrite, writeThrottled } from './throughput';
import { scheduleTrim } from './retention';
import { noteDemand } from './capacity';
import type { KinesisRecord, PutFrom, PutRecordInput, Shard, StreamCore, StreamState } from './stream-types';

/** A put that passed validation: its target shard and its size. */
export interface CheckedPut {
	input: PutRecordInput;
	shard: Shard;
	data: Uint8Array;
	bytes: number;
	floor?: bigint;
}

export type AppendResult =
	{ ok: true; ShardId: string; SequenceNumber: string } | { ok: false; ShardId: string; error: Error };

export interface PutRecordsOutput {
	FailedRecordCount: number;
	Records: ({ ShardId: string; SequenceNumber: string } | { ErrorCode: string; ErrorMessage: string })[];
	EncryptionType: 'NONE';
}

/** Data as bytes, copied so a caller reusing its buffer cannot change a stored record. */
export function toBytes(data: Uint8Array | string): Uint8Array {
	return typeof data === 'string' ? new TextEncoder().encode(data) : data.slice();
}

/**
 * Validate one record and find its shard (KIN-1, KIN-6), without writing anything. `ordering`: the call
 * honours SequenceNumberForOrdering (PutRecord, KIN-3).
 */
export function checkPut(s: StreamState, input: PutRecordInput, ordering: boolean): CheckedPut {
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
	if (chars < MIN_PARTITION_KEY_CHARS || chars > MAX_PARTITION_KEY_CHARS) {
		throw validation(
			`Value '${key}' at 'partitionKey' failed to satisfy constraint: Member must have length ${
				chars > MAX_PARTITION_KEY_CHARS
					? `less than or equal to ${MAX_PARTITION_KEY_CHARS}`
					: `greater than or equal to ${MIN_PARTITION_KEY_CHARS}`
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
	if (size > s.config.MaxRecordSizeInKiB * 1024) {
		throw validation(
			`Value at 'data' failed to satisfy constraint: Member must have length less than or equal to ${s.config.MaxRecordSizeInKiB * 1024}`
		);
	}
	let floor: bigint | undefined;
	const ord = input.SequenceNumberForOrdering as unknown;
	if (ordering && ord !== undefined) {
		if (typeof ord !== 'string' || !SEQUENCE_NUMBER.test(ord)) {
			throw badSequenceNumber(
				typeof ord === 'number' || typeof ord === 'boolean' ? String(ord) : JSON.stringify(ord),
				'sequenceNumberForOrdering'
			);
		}
		if (!readableOrdering(BigInt(ord))) {
			throw awsError(
				'InvalidArgumentException',
				`ExclusiveMinimumSequenceNumber ${ord} used in PutRecord on stream ${s.config.StreamName} under account ${ACCOUNT_ID} is invalid.`
			);
		}
		// KIN-3 [sim]: a number above anything this stream has issued is clamped, so numbers stay 56 digits.
		floor = orderingFloor(s, ord);
	}
	// KIN-1: the one open shard whose inclusive range holds the hash key (open ranges never overlap).
	const shard = openShardFor(s, hash);
	if (!shard) throw awsError('InternalFailure', 'No open shard holds the hash key.', 'server');
	return { input, shard, data: bytes, bytes: size, ...(floor !== undefined ? { floor } : {}) };
}

/** Append a checked record under the shard's write limit (KIN-4), tracing the put or the throttle. */
export function appendRecord(core: StreamCore, p: CheckedPut, from: PutFrom): AppendResult {
	const { shard, input } = p;
	const { ctx } = core;
	noteDemand(core, p.bytes); // KIN-12 [sim]: an on-demand stream follows its offered load.
	if (!admitWrite(shard, ctx.now(), p.bytes)) {
		const error = writeThrottled(shard, core.s.config.StreamName);
		ctx.trace({
			type: 'put-throttled',
			node: core.id,
			...(from.origin !== undefined ? { origin: from.origin } : {}),
			shard: shard.ShardId,
			partitionKey: input.PartitionKey,
			from: from.from,
			cause: 'shard-write-limit'
		});
		return { ok: false, ShardId: shard.ShardId, error };
	}
	const seq = nextSequence(shard, ctx.now(), core.rng, p.floor);
	const record: KinesisRecord = {
		SequenceNumber: seq.toString(),
		PartitionKey: input.PartitionKey,
		Data: p.data,
		arrivedAt: ctx.now(),
		bytes: p.bytes,
		origin: from.origin ?? seq.toString()
	};
	shard.records.push(record);
	ctx.trace({
		type: 'record-put',
		node: core.id,
		msg: record.SequenceNumber,
		origin: record.origin,
		shard: shard.ShardId,
		partitionKey: input.PartitionKey,
		...(input.ExplicitHashKey !== undefined ? { explicitHashKey: input.ExplicitHashKey } : {}),
		bytes: p.bytes,
		from: from.from
	});
	if (shard.trimTimer === undefined) scheduleTrim(core, shard);
	return { ok: true, ShardId: shard.ShardId, SequenceNumber: record.SequenceNumber };
}

/**
 * KIN-5: up to 500 records and 5 MiB; throttled records fail one by one, reported in request order.
 * [sim] Records that do land keep request order within their shard (AWS does not promise it).
 */
export function putRecords(core: StreamCore, records: PutRecordInput[], from: PutFrom): PutRecordsOutput {
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
	const checked = records.map((r) => checkPut(core.s, r, false));
	const total = checked.reduce((n, c) => n + c.bytes, 0);
	if (total > MAX_PUT_RECORDS_BYTES) {
		throw awsError('InvalidArgumentException', `Records size exceeds 5 MB limit: ${total} bytes.`);
	}
	let failed = 0;
	const out = checked.map((c, i) => {
		const res = appendRecord(core, c, {
			from: from.from,
			...(from.origin !== undefined ? { origin: `${from.origin}#${i}` } : {})
		});
		if (res.ok) return { ShardId: res.ShardId, SequenceNumber: res.SequenceNumber };
		failed++;
		return { ErrorCode: res.error.name, ErrorMessage: res.error.message };
	});
	return { FailedRecordCount: failed, Records: out, EncryptionType: 'NONE' };
}
