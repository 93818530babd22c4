// Capacity of a Kinesis stream (KIN-12, KIN-6): the on-demand scaling rule, UpdateStreamMode and
// UpdateMaxRecordSize. Each change goes through the stream lifecycle machine like a reshard: the stream is
// UPDATING (still writable) for RESHARD_MS, then the change applies (reshard.ts, applyReshard).

import { awsError } from '../shared/errors';
import { ACCOUNT_ID } from '../shared/aws';
import { DEFAULT_MAX_RECORD_SIZE_KIB, HOUR_MS, MAX_RECORD_SIZE_KIB, MAX_SHARDS, MiB } from './limits';
import { openShardsByStart } from './shard';
import { beginReshard } from './reshard';
import type { StreamCore } from './stream-types';

/** KIN-12: how many times the capacity mode may be switched in 24 hours. */
export const MODE_SWITCHES_PER_DAY = 2;

/**
 * KIN-12 [sim] On-demand scaling, a simple deterministic step rule (AWS publishes none: "adapts to up to
 * twice the previous peak", unverified). An on-demand stream counts the bytes offered to it (accepted or
 * throttled) in each simulated second. When a second ends, its load joins the peak, and if twice the peak
 * needs more open shards than the stream has (1 MiB/s each, rounded up), the stream scales up through
 * UpdateShardCount's uniform scaling: at most doubling per step (KIN-11), within the shard quota, and only
 * while ACTIVE (one step at a time; the next second may take the next step). It never scales down. The
 * hash space is split evenly, so one hot key still lands on one shard and is held to ~1 MiB/s (KIN-4).
 * Provisioned streams are not affected.
 */
export function noteDemand(core: StreamCore, bytes: number): void {
	const s = core.s;
	if (s.config.StreamMode !== 'ON_DEMAND') return;
	const second = Math.floor(core.ctx.now() / 1000);
	const d = s.demand ?? { second, bytes: 0, peak: 0 };
	if (d.second !== second) {
		d.peak = Math.max(d.peak, d.bytes);
		d.second = second;
		d.bytes = 0;
		s.demand = d;
		scaleForPeak(core, d.peak);
	}
	d.bytes += bytes;
	s.demand = d;
}

function scaleForPeak(core: StreamCore, peak: number): void {
	const s = core.s;
	if (s.status !== 'ACTIVE') return;
	const open = openShardsByStart(s).length;
	const wanted = Math.min(MAX_SHARDS, Math.ceil((2 * peak) / MiB));
	if (wanted <= open) return;
	const target = Math.min(wanted, open * 2);
	beginReshard(core, 'update', { target, cause: 'on-demand-scaling' });
}

/**
 * KIN-12: UpdateStreamMode. At most two switches per 24 h (LimitExceededException, wording unverified);
 * switching to the mode the stream already has is an InvalidArgumentException (wording unverified). The
 * stream is UPDATING until the switch applies; the shards stay as they are.
 */
export function updateStreamMode(core: StreamCore, mode: 'PROVISIONED' | 'ON_DEMAND'): void {
	const s = core.s;
	const name = s.config.StreamName;
	if (s.config.StreamMode === mode && s.status === 'ACTIVE') {
		throw awsError(
			'InvalidArgumentException',
			`Stream ${name} under account ${ACCOUNT_ID} is already in ${mode} mode.`
		);
	}
	const now = core.ctx.now();
	const recent = (s.modeSwitches ?? []).filter((t) => now - t < 24 * HOUR_MS);
	if (s.status === 'ACTIVE' && recent.length >= MODE_SWITCHES_PER_DAY) {
		throw awsError(
			'LimitExceededException',
			`Stream ${name} under account ${ACCOUNT_ID} has already switched its capacity mode ${MODE_SWITCHES_PER_DAY} times in the last 24 hours.`
		);
	}
	beginReshard(core, 'mode', { mode });
	s.modeSwitches = [...recent, now];
}

/** KIN-6: UpdateMaxRecordSize, 1,024–10,240 KiB; the stream is UPDATING until it applies. */
export function updateMaxRecordSize(core: StreamCore, kib: number): void {
	if (!Number.isInteger(kib) || kib < DEFAULT_MAX_RECORD_SIZE_KIB || kib > MAX_RECORD_SIZE_KIB) {
		throw awsError(
			'ValidationException',
			`1 validation error detected: Value '${kib}' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value ${
				kib < DEFAULT_MAX_RECORD_SIZE_KIB
					? `greater than or equal to ${DEFAULT_MAX_RECORD_SIZE_KIB}`
					: `less than or equal to ${MAX_RECORD_SIZE_KIB}`
			}`
		);
	}
	beginReshard(core, 'max-record-size', { kib });
}
