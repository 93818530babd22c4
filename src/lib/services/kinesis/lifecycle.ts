// Every status change of a Kinesis stream and of its shards goes through their lifecycle machines
// (stream-lifecycle.ts, shard-lifecycle.ts): the machine picks the transition (its guards evaluated by the
// caller), the status follows, then the stream node's one executor performs the transition's named effects
// in order. An event the machine does not accept in the current status is a bug in the stream's
// bookkeeping and throws; the calls AWS refuses are checked before, with the same machine (assertAccepts).

import type { Guards } from '../shared/compile-machine';
import {
	type ShardEvent,
	type ShardGuard,
	type ShardStatus,
	shardLifecycle,
	shardStatus
} from './shard-lifecycle';
import { type StreamEvent, type StreamStatus, streamLifecycle } from './stream-lifecycle';
import type { Shard, StreamCore } from './stream-types';

/** Advance the stream's status through its machine, then perform the transition's effects. */
export function streamTransition(core: StreamCore, event: StreamEvent): StreamStatus {
	const from = core.s.status;
	const stepped = streamLifecycle.step(from, event);
	if (stepped === undefined) throw new Error(`kinesis-stream: no transition for ${event} in state ${from}`);
	const [to, effects] = stepped;
	core.s.status = to;
	for (const effect of effects) core.perform(effect);
	return to;
}

/**
 * Advance a listed shard through its machine (guards evaluated here, e.g. KIN-11's retentionPassed at a
 * trim), then perform the transition's effects on it. Returns the new status.
 */
export function shardTransition(
	core: StreamCore,
	shard: Shard,
	event: ShardEvent,
	guards?: Guards<ShardGuard>
): ShardStatus {
	const from = shardStatus(shard);
	const stepped = shardLifecycle.step(from, event, guards);
	if (stepped === undefined) throw new Error(`kinesis-shard: no transition for ${event} in state ${from}`);
	const [to, effects] = stepped;
	if (to !== from) shard.open = to === 'OPEN';
	for (const effect of effects) core.perform(effect, shard);
	return to;
}
