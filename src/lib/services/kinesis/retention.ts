// Retention of a Kinesis stream (KIN-10, KIN-11): each shard keeps one TRIM timer on the scheduler, due
// when its oldest record passes the retention period (or, for a closed and emptied shard, when the period
// has passed since it closed); the trim expires those records and removes expired closed shards.

import { awsError } from '../shared/errors';
import { assertActive } from './stream-errors';
import { findShard } from './shard';
import { HOUR_MS, MAX_RETENTION_HOURS, MIN_RETENTION_HOURS } from './limits';
import type { KinesisRecord, Shard, StreamConfig, StreamCore } from './stream-types';

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
	shard.trimTimer = core.ctx.at(due, core.id, { type: 'TRIM', shard: shard.ShardId });
}

/** The TRIM event: expire the records past retention, and the shard itself once closed and expired. */
export function trim(core: StreamCore, shardId: string): void {
	const shard = findShard(core.s, shardId);
	if (!shard) return;
	delete shard.trimTimer;
	const cutoff = core.ctx.now() - retentionMs(core.s.config);
	const n = expiredCount(shard, cutoff);
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
	// KIN-11: a closed shard is EXPIRED, gone from ListShards, once retention has passed since it closed.
	if (shard.closedAt !== undefined && shard.records.length === 0 && shard.closedAt <= cutoff) {
		core.s.shards = core.s.shards.filter((sh) => sh !== shard);
		return;
	}
	scheduleTrim(core, shard);
}

/** KIN-10: 24 to 8,760 hours; the trims are rescheduled for the new period. */
export function setRetentionHours(core: StreamCore, hours: number): void {
	if (!Number.isInteger(hours) || hours < MIN_RETENTION_HOURS || hours > MAX_RETENTION_HOURS) {
		throw awsError(
			'InvalidArgumentException',
			`Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours and maximum is ${MAX_RETENTION_HOURS} hours. Requested ${hours}.`
		);
	}
	assertActive(core.s);
	core.s.config = { ...core.s.config, RetentionPeriodHours: hours };
	for (const sh of core.s.shards) {
		if (sh.trimTimer !== undefined) core.ctx.cancel(sh.trimTimer);
		scheduleTrim(core, sh);
	}
}
