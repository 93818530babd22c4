// The Kinesis shard machine (KIN-10, KIN-11), driven through its compiled table: OPEN → CLOSED by a split,
// a merge or uniform scaling → EXPIRED once retention has passed, with the guards the stream evaluates and the
// named effects its executor runs.
import { describe, expect, it } from 'vitest';
import { shardLifecycle, shardStatus } from '$lib/services/kinesis';
import { retentionPassed } from '$lib/services/kinesis/retention';
import type { KinesisRecord, Shard } from '$lib/services/kinesis/stream-types';

describe('the shard machine', () => {
	it('KIN-11: a reshard closes an OPEN shard: sealed (EndingSequenceNumber) and its trim armed', () => {
		expect(shardLifecycle.initial).toBe('OPEN');
		expect(shardLifecycle.step('OPEN', 'CLOSE')).toEqual(['CLOSED', ['seal', 'scheduleTrim']]);
		expect(shardLifecycle.step('OPEN', 'CLOSE', { trimScheduled: false })).toEqual([
			'CLOSED',
			['seal', 'scheduleTrim']
		]);
	});

	it('KIN-11: closing a shard whose trim is already due arms no second timer (trimScheduled)', () => {
		expect(shardLifecycle.step('OPEN', 'CLOSE', { trimScheduled: true })).toEqual(['CLOSED', ['seal']]);
		expect(shardLifecycle.step('OPEN', 'CLOSE', { trimScheduled: () => true })?.[1]).toEqual(['seal']);
	});

	it('KIN-11: a CLOSED shard is not closed again, and nothing leaves EXPIRED', () => {
		expect(shardLifecycle.step('CLOSED', 'CLOSE')).toBeUndefined();
		expect(() => shardLifecycle.must('CLOSED', 'CLOSE')).toThrow(/no transition for CLOSE in state CLOSED/);
		expect(shardLifecycle.step('EXPIRED', 'TRIM')).toBeUndefined();
		expect(shardLifecycle.step('EXPIRED', 'CLOSE')).toBeUndefined();
		expect(shardLifecycle.isFinal('EXPIRED')).toBe(true);
		expect(shardLifecycle.isFinal('CLOSED')).toBe(false);
		expect(shardLifecycle.isFinal('OPEN')).toBe(false);
	});

	it('KIN-10: a trim of an OPEN shard expires the records past retention and times the next trim', () => {
		expect(shardLifecycle.step('OPEN', 'TRIM')).toEqual(['OPEN', ['expireRecords', 'scheduleTrim']]);
		// The retention guard is not asked of an open shard: it never expires.
		expect(shardLifecycle.step('OPEN', 'TRIM', { retentionPassed: true })?.[0]).toBe('OPEN');
		expect(shardLifecycle.transitions('OPEN', 'TRIM').map((t) => t.guard)).toEqual([undefined]);
	});

	it("KIN-10/KIN-11: a CLOSED shard's trim EXPIRES it once retention has passed (retentionPassed), else keeps it", () => {
		expect(shardLifecycle.step('CLOSED', 'TRIM', { retentionPassed: true })).toEqual([
			'EXPIRED',
			['expireRecords', 'leaveStream']
		]);
		expect(shardLifecycle.step('CLOSED', 'TRIM', { retentionPassed: () => false })).toEqual([
			'CLOSED',
			['expireRecords', 'scheduleTrim']
		]);
		expect(shardLifecycle.step('CLOSED', 'TRIM')?.[0]).toBe('CLOSED');
		expect(shardLifecycle.transitions('CLOSED', 'TRIM').map((t) => t.guard)).toEqual([
			'retentionPassed',
			undefined
		]);
	});

	it('KIN-11: the machine names exactly its guards and effects, and no way back to OPEN', () => {
		expect([...shardLifecycle.states].sort()).toEqual(['CLOSED', 'EXPIRED', 'OPEN']);
		expect([...shardLifecycle.events].sort()).toEqual(['CLOSE', 'TRIM']);
		expect([...shardLifecycle.guards].sort()).toEqual(['retentionPassed', 'trimScheduled']);
		expect([...shardLifecycle.effects].sort()).toEqual([
			'expireRecords',
			'leaveStream',
			'scheduleTrim',
			'seal'
		]);
		for (const s of ['CLOSED', 'EXPIRED'] as const)
			for (const e of shardLifecycle.events)
				for (const t of shardLifecycle.transitions(s, e)) expect(t.target).not.toBe('OPEN');
	});

	it('KIN-11: a shard is OPEN or CLOSED while listed, EXPIRED once it left the stream', () => {
		expect(shardStatus({ open: true })).toBe('OPEN');
		expect(shardStatus({ open: false })).toBe('CLOSED');
		expect(shardStatus({ open: false }, false)).toBe('EXPIRED');
	});
});

describe('the retentionPassed guard', () => {
	const record = (arrivedAt: number): KinesisRecord => ({
		SequenceNumber: String(arrivedAt),
		PartitionKey: 'k',
		Data: new Uint8Array(0),
		arrivedAt,
		bytes: 1,
		origin: String(arrivedAt)
	});
	const shard = (closedAt: number | undefined, arrivals: number[]): Shard => ({
		ShardId: 'shardId-000000000000',
		start: 0n,
		end: 1n,
		StartingSequenceNumber: '0',
		open: closedAt === undefined,
		...(closedAt !== undefined ? { closedAt } : {}),
		records: arrivals.map(record),
		lastSeq: 0n,
		write: { second: -1, bytes: 0, records: 0 },
		read: { second: -1, bytes: 0, calls: 0 }
	});

	it("KIN-11: holds once the closed shard's records are all past retention and so is its closing time", () => {
		expect(retentionPassed(shard(50, [10, 20]), 50)).toBe(true);
		expect(retentionPassed(shard(50, []), 50)).toBe(true);
		// A record still within retention keeps the shard CLOSED (readable).
		expect(retentionPassed(shard(50, [10, 60]), 50)).toBe(false);
		// Closed too recently.
		expect(retentionPassed(shard(51, []), 50)).toBe(false);
		// An open shard never expires.
		expect(retentionPassed(shard(undefined, []), 50)).toBe(false);
	});
});
