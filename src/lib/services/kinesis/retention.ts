// Retention of a Kinesis stream (KIN-10, KIN-11): each shard keeps one TRIM timer on the scheduler, due
// when its oldest record passes the retention period (or, for a closed and emptied shard, when the period
// has passed since it closed); the trim expires those records and removes expired closed shards. What a
// trim does is the shard lifecycle machine's decision (shard-lifecycle.ts, through lifecycle.ts); the
// effects it names are here.

import { awsError } from '../shared/errors';
import { assertAccepts } from './stream-errors';
import { shardTransition, streamTransition } from './lifecycle';
import { findShard } from './shard';
import { HOUR_MS, MAX_RETENTION_HOURS, MIN_RETENTION_HOURS } from './limits';
import type { KinesisRecord, KinesisStreamEvent, Shard, StreamConfig, StreamCore } from './stream-types';

/** KIN-10: the retention period in milliseconds. */
export function retentionMs(config: Readonly<StreamConfig>): number {
	return config.RetentionPeriodHours * HOUR_MS;
}

/**
 * KIN-10/-11: when the shard's next trim is due: when its oldest record passes retention, or when a closed,
 * emptied shard expires; undefined when there is nothing to trim.
 */
export function trimDueAt(shard: Readonly<Shard>, retention: number): number | undefined {
	const oldest = shard.records[0];
	return oldest
		? oldest.arrivedAt + retention
		: shard.closedAt !== undefined
			? shard.closedAt + retention
			: undefined;
}

/** How many of the shard's oldest records arrived at or before `cutoff` (records are in arrival order). */
export function expiredCount(shard: Readonly<Shard>, cutoff: number): number {
	let n = 0;
	while (n < shard.records.length && (shard.records[n] as KinesisRecord).arrivedAt <= cutoff) n++;
	return n;
}

/** Schedule the shard's next trim, or forget its timer when there is nothing left to trim. */
export function scheduleTrim(core: StreamCore, shard: Shard): void {
	const due = trimDueAt(shard, retentionMs(core.s.config));
	if (due === undefined) {
		delete shard.trimTimer;
		return;
	}
	shard.trimTimer = core.ctx.at(due, core.id, {
		type: 'TRIM',
		shard: shard.ShardId
	} satisfies KinesisStreamEvent);
}

/** Records that arrived at or before this time are past retention now. */
function trimCutoff(core: StreamCore): number {
	return core.ctx.now() - retentionMs(core.s.config);
}

/**
 * KIN-11: the retentionPassed guard: a closed shard is EXPIRED, gone from ListShards, once retention has
 * passed since it closed and all its records are past retention too.
 */
export function retentionPassed(shard: Readonly<Shard>, cutoff: number): boolean {
	return (
		shard.closedAt !== undefined &&
		shard.closedAt <= cutoff &&
		expiredCount(shard, cutoff) === shard.records.length
	);
}

/** The TRIM event: the shard machine expires the records past retention, and the shard itself once due. */
export function trim(core: StreamCore, shardId: string): void {
	const shard = findShard(core.s, shardId);
	if (!shard) return;
	delete shard.trimTimer;
	const cutoff = trimCutoff(core);
	shardTransition(core, shard, 'TRIM', { retentionPassed: () => retentionPassed(shard, cutoff) });
}

/** The expireRecords effect: the records past retention are traced and dropped. */
export function expireRecords(core: StreamCore, shard: Shard): void {
	const n = expiredCount(shard, trimCutoff(core));
	for (const r of shard.records.slice(0, n)) {
		core.ctx.trace({
			type: 'record-expired',
			node: core.id,
			msg: r.SequenceNumber,
			origin: r.origin,
			shard: shard.ShardId,
			cause: 'retention-period'
		});
	}
	// Reading deletes nothing (KIN-10); only retention moves TRIM_HORIZON forward.
	shard.records.splice(0, n);
}

/** The leaveStream effect (CLOSED → EXPIRED): the shard is gone from the stream (and ListShards). */
export function leaveStream(core: StreamCore, shard: Shard): void {
	core.s.shards = core.s.shards.filter((sh) => sh !== shard);
}

/** KIN-10: 24 to 8,760 hours; the trims are rescheduled for the new period. */
export function setRetentionHours(core: StreamCore, hours: number): void {
	if (!Number.isInteger(hours) || hours < MIN_RETENTION_HOURS || hours > MAX_RETENTION_HOURS) {
		throw awsError(
			'InvalidArgumentException',
			`Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours and maximum is ${MAX_RETENTION_HOURS} hours. Requested ${hours}.`
		);
	}
	assertAccepts(core.s, 'SET_RETENTION');
	core.s.config = { ...core.s.config, RetentionPeriodHours: hours };
	streamTransition(core, 'SET_RETENTION');
}

/** The rescheduleTrims effect: every shard's trim is timed again for the new retention period. */
export function rescheduleTrims(core: StreamCore): void {
	for (const sh of core.s.shards) {
		if (sh.trimTimer !== undefined) core.ctx.cancel(sh.trimTimer);
		scheduleTrim(core, sh);
	}
}
