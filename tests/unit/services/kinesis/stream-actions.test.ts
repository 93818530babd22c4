// Operator actions on a Kinesis stream: merge (KIN-11/-16), and split and update-shard-count, which now trace
// their operator action too (docs/ARCHITECTURE.md "Operator actions").
import { describe, expect, it } from 'vitest';
import { KinesisStream } from '$lib/services';
import { MAX_HASH_KEY } from '$lib/services/kinesis/hash';
import { run, type Json } from '../shared/action-helpers';

const shard = (n: number) => `shardId-${String(n).padStart(12, '0')}`;

const readers: Json[] = [
	{ id: 'p', type: 'producer', target: 's', Rate: { type: 'fixed', perSecond: 20 }, PartitionKey: 'k{n%7}' },
	{ id: 'kcl', type: 'kinesis-consumer', source: 's', PollIntervalMs: 200 },
	{ id: 'fn', type: 'lambda', source: 's', ProcessingTime: { type: 'fixed', ms: 1 } }
];

describe('merge', () => {
	it('KIN-11: one child with both parents, covering both ranges; parents are read before it', () => {
		const r = run(
			[
				{
					id: 's',
					type: 'kinesis-stream',
					ShardCount: 2,
					Actions: [{ action: 'merge', atMs: 1000, ShardToMerge: shard(0), AdjacentShardToMerge: shard(1) }]
				},
				...readers
			],
			{ durationMs: 8000 }
		);
		expect(r.of('operator-action')).toMatchObject([
			{
				t: 1000,
				node: 's',
				action: 'merge',
				index: 0,
				params: { ShardToMerge: shard(0), AdjacentShardToMerge: shard(1) },
				cause: 'operator'
			}
		]);
		// The stream is UPDATING for 2 s [sim], then the merged child opens.
		expect(r.of('shards-merged').map((e) => [e.t, e.shard, e.children])).toEqual([
			[3000, shard(2), [shard(0), shard(1)]]
		]);
		const s = r.sim.nodes.get('s') as KinesisStream;
		expect(s.shard(shard(2))).toMatchObject({
			ParentShardId: shard(0),
			AdjacentParentShardId: shard(1),
			start: 0n,
			end: MAX_HASH_KEY,
			open: true
		});
		expect([s.shard(shard(0))?.open, s.shard(shard(1))?.open]).toEqual([false, false]);
		// Every record after the merge lands in the child, and both readers processed it (checkers: key order).
		const after = r.of('record-put', (e) => e.t > 3000);
		expect(after.length).toBeGreaterThan(50);
		expect(after.every((e) => e.shard === shard(2))).toBe(true);
		expect(r.of('record-processed', (e) => e.shard === shard(2) && e.by === 'kcl').length).toBeGreaterThan(0);
		expect(r.of('record-processed', (e) => e.shard === shard(2) && e.by === 'fn').length).toBeGreaterThan(0);
		expect(r.of('produce-failed')).toEqual([]);
	});

	it("an impossible merge is traced as rejected (with AWS's error), not thrown, and changes nothing", () => {
		const r = run(
			[
				{
					id: 's',
					type: 'kinesis-stream',
					ShardCount: 3,
					Actions: [
						// KIN-16: the lower shard first; the other way round is refused like a non-adjacent pair.
						{ action: 'merge', atMs: 100, ShardToMerge: shard(1), AdjacentShardToMerge: shard(0) },
						{ action: 'merge', atMs: 200, ShardToMerge: shard(0), AdjacentShardToMerge: shard(2) },
						{ action: 'merge', atMs: 300, ShardToMerge: shard(0), AdjacentShardToMerge: shard(7) },
						{ action: 'merge', atMs: 400, ShardToMerge: shard(0), AdjacentShardToMerge: shard(1) },
						// KIN-15: while UPDATING, another reshard is refused.
						{ action: 'merge', atMs: 500, ShardToMerge: shard(1), AdjacentShardToMerge: shard(2) },
						// KIN-11: a closed parent merges no more.
						{ action: 'merge', atMs: 3000, ShardToMerge: shard(0), AdjacentShardToMerge: shard(1) }
					]
				},
				...readers
			],
			{ durationMs: 5000 }
		);
		const rejected = r.of('produce-failed').map((e) => [e.t, e.node, e.error, e.cause]);
		expect(rejected).toEqual([
			[100, 's', 'InvalidArgumentException', 'reshard-rejected'],
			[200, 's', 'InvalidArgumentException', 'reshard-rejected'],
			[300, 's', 'ResourceNotFoundException', 'reshard-rejected'],
			[500, 's', 'ResourceInUseException', 'reshard-rejected'],
			[3000, 's', 'InvalidArgumentException', 'reshard-rejected']
		]);
		const messages = r.of('produce-failed').map((e) => e.message);
		expect(messages[0]).toContain('are not an adjacent pair of shards eligible for merging');
		expect(messages[4]).toContain('has already been merged or split');
		expect(r.of('shards-merged').map((e) => [e.t, e.children])).toEqual([[2400, [shard(0), shard(1)]]]);
		expect(r.of('operator-action').map((e) => e.t)).toEqual([100, 200, 300, 400, 500, 3000]);
	});
});

describe('split and update-shard-count', () => {
	it('trace their operator action with their parameters', () => {
		const r = run(
			[
				{
					id: 's',
					type: 'kinesis-stream',
					ShardCount: 1,
					Actions: [
						{ action: 'split', atMs: 1000, ShardToSplit: shard(0) },
						{ action: 'update-shard-count', atMs: 4000, TargetShardCount: 4 }
					]
				},
				...readers
			],
			{ durationMs: 8000 }
		);
		expect(r.of('operator-action').map((e) => [e.t, e.action, e.params])).toEqual([
			[1000, 'split', { ShardToSplit: shard(0) }],
			[4000, 'update-shard-count', { TargetShardCount: 4 }]
		]);
		expect(r.of('shard-split').map((e) => e.t)).toEqual([3000, 6000]);
	});
});
