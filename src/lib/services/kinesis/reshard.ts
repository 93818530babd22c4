// Resharding a Kinesis stream (KIN-11, KIN-16): SplitShard, MergeShards and UpdateShardCount are checked
// at once, keep the stream UPDATING for RESHARD_MS of simulated time, then close their parents and open the
// children. The stream's status and each shard's go through their lifecycle machines (lifecycle.ts); the
// work done on those transitions is here (beginReshard's timer, applyReshard, sealShard). A scenario's stream Actions run the same calls as operator actions (docs/ARCHITECTURE.md
// "Operator actions"); one AWS would reject is traced, not fatal.

import { awsError } from '../shared/errors';
import { ACCOUNT_ID, REGION } from '../shared/aws';
import { traceOperatorAction } from '../shared/operator';
import { MAX_SHARDS, RESHARD_MS } from './limits';
import { findShard, openShard, openShardsByStart, shardOrThrow } from './shard';
import { normaliseShardId } from './shard-id';
import { shardTransition, streamTransition } from './lifecycle';
import { assertAccepts, couldNotFindShard, notOpen, validation } from './stream-errors';
import type { KinesisStreamEvent, PendingReshard, Shard, StreamAction, StreamCore } from './stream-types';

/** AWS's pattern for hash keys (no leading zeros). */
const HASH_KEY = /^(0|[1-9]\d{0,38})$/;

/** KIN-11: where a scenario split without NewStartingHashKey cuts: the middle of the shard's range. */
export function midpoint(shard: Readonly<Shard>): string {
	return ((shard.start + shard.end + 1n) / 2n).toString();
}

/** A scenario's stream action `k` (KIN-11): traced as an operator action, then run like the API call. */
export function runAction(core: StreamCore, actions: readonly StreamAction[], k: number): void {
	const a = actions[k];
	if (!a) return;
	traceOperatorAction(core.ctx, core.id, k, a);
	try {
		if (a.action === 'split') {
			const shard = shardOrThrow(core.s, a.ShardToSplit);
			const mid = a.NewStartingHashKey ?? midpoint(shard);
			splitShard(core, a.ShardToSplit, mid);
		} else if (a.action === 'merge') mergeShards(core, a.ShardToMerge, a.AdjacentShardToMerge);
		else updateShardCount(core, a.TargetShardCount);
	} catch (err) {
		// A scenario action that AWS would reject is shown, not fatal.
		core.ctx.trace({
			type: 'produce-failed',
			node: core.id,
			target: core.id,
			error: (err as Error).name,
			message: (err as Error).message,
			cause: 'reshard-rejected'
		});
	}
}

/** KIN-11 [sim]: the stream is UPDATING for RESHARD_MS, stays writable, and refuses other reshards. */
export function beginReshard(
	core: StreamCore,
	kind: PendingReshard['kind'],
	detail: PendingReshard['detail']
): void {
	assertAccepts(core.s, 'RESHARD');
	core.s.pending = { kind, detail };
	streamTransition(core, 'RESHARD');
}

/** The scheduleReshardDone effect (ACTIVE → UPDATING): RESHARD_DONE is due after RESHARD_MS. */
export function scheduleReshardDone(core: StreamCore): void {
	core.ctx.after(RESHARD_MS, core.id, { type: 'RESHARD_DONE' } satisfies KinesisStreamEvent);
}

/**
 * KIN-16: the shard a SplitShard or MergeShards names: its id normalised (`shard-0` is shardId-000000000000),
 * "Could not find shard …" with the id as given when it names no index, with the normalised id when the
 * stream has no such shard (kinesalite test/splitShard.js, test/mergeShards.js).
 */
function reshardTarget(core: StreamCore, raw: string): Shard {
	const id = normaliseShardId(raw);
	const shard = id === undefined ? undefined : findShard(core.s, id);
	if (!shard) throw couldNotFindShard(core.s.config.StreamName, id ?? raw);
	return shard;
}

/**
 * KIN-12: resharding is for provisioned streams; the API reference of UpdateShardCount, SplitShard and
 * MergeShards: "ValidationException … you tried to invoke this API for a data stream with the on-demand
 * capacity mode. This API is only supported for data streams with the provisioned capacity mode." (the
 * message's wording is unverified).
 */
function assertProvisioned(core: StreamCore, api: string): void {
	if (core.s.config.StreamMode === 'ON_DEMAND') {
		throw awsError(
			'ValidationException',
			`${api} is not supported for stream ${core.s.config.StreamName} under account ${ACCOUNT_ID} because it is in On-Demand mode. This API is only supported for data streams with the provisioned capacity mode.`
		);
	}
}

/**
 * KIN-11: two children, [start, key−1] and [key, end]; the parent closes when the reshard completes.
 * KIN-15/-16: a stream that is not ACTIVE is refused before its shards are looked at (kinesalite
 * test/createStream.js: SplitShard on a CREATING stream is ResourceInUseException).
 */
export function splitShard(core: StreamCore, shardId: string, newStartingHashKey: string): void {
	const s = core.s;
	if (typeof newStartingHashKey !== 'string' || !HASH_KEY.test(newStartingHashKey)) {
		throw validation(
			`Value '${String(newStartingHashKey)}' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})`
		);
	}
	const id = normaliseShardId(shardId);
	if (id === undefined) throw couldNotFindShard(s.config.StreamName, shardId);
	assertAccepts(s, 'RESHARD');
	assertProvisioned(core, 'SplitShard');
	const shard = reshardTarget(core, id);
	if (!shard.open) throw notOpen(s, shard);
	const k = BigInt(newStartingHashKey);
	if (k <= shard.start + 1n || k >= shard.end) {
		throw awsError(
			'InvalidArgumentException',
			`NewStartingHashKey ${newStartingHashKey} used in SplitShard() on shard ${shard.ShardId} in stream ${s.config.StreamName} under account ${ACCOUNT_ID} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`
		);
	}
	beginReshard(core, 'split', { shard: shard.ShardId, key: newStartingHashKey });
}

/**
 * KIN-11: only two open shards with adjacent ranges merge, into one child with both as parents. KIN-16: the
 * lower shard comes first and its higher neighbour second (kinesalite, tested against Kinesis, rejects the
 * pair the other way round with the same message as a pair that is not adjacent).
 */
export function mergeShards(core: StreamCore, shardId: string, adjacentId: string): void {
	const s = core.s;
	for (const raw of [shardId, adjacentId]) {
		if (normaliseShardId(raw) === undefined) throw couldNotFindShard(s.config.StreamName, raw);
	}
	assertAccepts(s, 'RESHARD');
	assertProvisioned(core, 'MergeShards');
	const a = reshardTarget(core, shardId);
	const b = reshardTarget(core, adjacentId);
	if (!a.open) throw notOpen(s, a);
	if (!b.open) throw notOpen(s, b);
	if (a.end + 1n !== b.start) {
		throw awsError(
			'InvalidArgumentException',
			`Shards ${a.ShardId} and ${b.ShardId} in stream ${s.config.StreamName} under account ${ACCOUNT_ID} are not an adjacent pair of shards eligible for merging`
		);
	}
	beginReshard(core, 'merge', { a: a.ShardId, b: b.ShardId });
}

/**
 * KIN-11: why UpdateShardCount refuses to go from `current` open shards to `target` (at most doubling or
 * halving, within the account's shard quota), or undefined when it may.
 */
export function shardCountError(current: number, target: number): Error | undefined {
	if (!Number.isInteger(target) || target < 1) {
		return awsError(
			'InvalidArgumentException',
			`TargetShardCount must be a positive integer (got ${target}).`
		);
	}
	if (target > current * 2) {
		return awsError(
			'LimitExceededException',
			`UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: ${current} Target shard count: ${target}`
		);
	}
	if (target * 2 < current) {
		return awsError(
			'LimitExceededException',
			`UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: ${current} Target shard count: ${target}`
		);
	}
	if (target > MAX_SHARDS) {
		return awsError(
			'LimitExceededException',
			`This request would exceed the shard limit for the account ${ACCOUNT_ID} in ${REGION}. Current limit of shards is ${MAX_SHARDS}.`
		);
	}
	return undefined;
}

/** KIN-11: uniform scaling to an even layout, at most doubling or halving the open shard count. */
export function updateShardCount(
	core: StreamCore,
	target: number
): { CurrentShardCount: number; TargetShardCount: number } {
	assertAccepts(core.s, 'RESHARD');
	assertProvisioned(core, 'UpdateShardCount');
	const current = openShardsByStart(core.s).length;
	const error = shardCountError(current, target);
	if (error) throw error;
	beginReshard(core, 'update', { target });
	return { CurrentShardCount: current, TargetShardCount: target };
}

/**
 * KIN-11: a shard closes (OPEN → CLOSED); it is still readable until retention passes, then EXPIRED. Its trim
 * timer, when one is already due, will find it closed; otherwise closing arms one.
 */
function closeShard(core: StreamCore, shard: Shard): void {
	shardTransition(core, shard, 'CLOSE', { trimScheduled: shard.trimTimer !== undefined });
}

/** The seal effect (OPEN → CLOSED): the EndingSequenceNumber and the time the shard closed. */
export function sealShard(core: StreamCore, shard: Shard): void {
	shard.EndingSequenceNumber = shard.lastSeq.toString();
	shard.closedAt = core.ctx.now();
}

/** The RESHARD_DONE event: the stream is ACTIVE again once it has applied its pending reshard. */
export function finishReshard(core: StreamCore): void {
	if (core.s.pending && core.s.status === 'UPDATING') streamTransition(core, 'RESHARD_DONE');
}

/** The applyReshard effect (UPDATING → ACTIVE): the pending reshard closes its parents and opens its children. */
export function applyReshard(core: StreamCore): void {
	const s = core.s;
	const p = s.pending;
	if (!p) return;
	delete s.pending;
	const now = core.ctx.now();
	if (p.kind === 'split') {
		const parent = shardOrThrow(s, String(p.detail.shard));
		const key = BigInt(String(p.detail.key));
		closeShard(core, parent);
		const left = openShard(s, now, parent.start, key - 1n, parent.ShardId);
		const right = openShard(s, now, key, parent.end, parent.ShardId);
		core.ctx.trace({
			type: 'shard-split',
			node: core.id,
			shard: parent.ShardId,
			children: [left.ShardId, right.ShardId]
		});
	} else if (p.kind === 'merge') {
		// KIN-16: a is the lower shard, b its higher neighbour (mergeShards checked it).
		const a = shardOrThrow(s, String(p.detail.a));
		const b = shardOrThrow(s, String(p.detail.b));
		closeShard(core, a);
		closeShard(core, b);
		const child = openShard(s, now, a.start, b.end, a.ShardId, b.ShardId);
		// `shard` is the merged child, `children` lists the two parents it came from.
		core.ctx.trace({
			type: 'shards-merged',
			node: core.id,
			shard: child.ShardId,
			children: [a.ShardId, b.ShardId]
		});
	} else if (p.kind === 'mode') {
		// KIN-12: the new capacity mode; the shards stay as they are.
		const mode = p.detail.mode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED';
		s.config = { ...s.config, StreamMode: mode };
		delete s.demand;
	} else if (p.kind === 'max-record-size') {
		s.config = { ...s.config, MaxRecordSizeInKiB: Number(p.detail.kib) }; // KIN-6
	} else {
		const cause = typeof p.detail.cause === 'string' ? p.detail.cause : 'update-shard-count';
		finishUniformScaling(core, Number(p.detail.target), cause);
	}
}

/** KIN-11: split a shard at `key` now: the parent closes and its two children open. */
function splitNow(core: StreamCore, parent: Shard, key: bigint, now: number): [Shard, Shard] {
	closeShard(core, parent);
	const left = openShard(core.s, now, parent.start, key - 1n, parent.ShardId);
	const right = openShard(core.s, now, key, parent.end, parent.ShardId);
	return [left, right];
}

/**
 * KIN-11/-15: uniform scaling as AWS does it, through splits and merges, so closed parents add to the
 * shard total: scaling up splits every open shard in half, then merges adjacent pairs (lowest first) until
 * the target is reached; scaling down only merges. 4 → 5 leaves 15 shards in all, 5 of them open (moto's
 * update_shard_count, "verified against AWS"; SEMANTICS KIN-15). Every child has at most two parents, so
 * reading parents before children keeps every key in order.
 */
function finishUniformScaling(core: StreamCore, target: number, cause: string): void {
	const s = core.s;
	const now = core.ctx.now();
	const old = openShardsByStart(s);
	const created: string[] = [];
	if (old.length < target) {
		for (const o of old) {
			const mid = (o.start + o.end + 1n) / 2n;
			if (mid <= o.start || mid > o.end) continue; // a one-key shard cannot be halved
			for (const c of splitNow(core, o, mid, now)) created.push(c.ShardId);
		}
	}
	let open = openShardsByStart(s);
	while (open.length > target) {
		let merges = open.length - target;
		for (let i = 0; i + 1 < open.length && merges > 0; i += 2, merges--) {
			const a = open[i] as Shard;
			const b = open[i + 1] as Shard;
			closeShard(core, a);
			closeShard(core, b);
			created.push(openShard(s, now, a.start, b.end, a.ShardId, b.ShardId).ShardId);
		}
		open = openShardsByStart(s);
	}
	core.ctx.trace({
		type: 'shard-split',
		node: core.id,
		shard: old.map((o) => o.ShardId).join(','),
		children: open.map((o) => o.ShardId).filter((id) => created.includes(id)),
		cause
	});
}
