// The shard reading shared by the KCL-style consumer and Lambda's Kinesis event source mapping
// (shard-reader.ts), driven directly over a real stream node on the simulated clock.
import { describe, expect, it } from 'vitest';
import { createSimulation, loadScenario, type KinesisStream } from '$lib/services';
import { readShard, refusalOf, shardIterator, shardsToStart } from '$lib/services/consumers/shard-reader';

const SHARD0 = 'shardId-000000000000';
const HALF = (2n ** 127n).toString();

function setup() {
	const sim = createSimulation(
		loadScenario({
			version: 1,
			name: 'reader',
			seed: 1,
			durationMs: 3_600_000,
			nodes: [{ id: 's', type: 'kinesis-stream', ShardCount: 1 }]
		}),
		{ sinks: [] }
	);
	sim.start();
	const stream = sim.nodes.get('s') as KinesisStream;
	const put = (body: string) =>
		stream.acceptFromProducer({ MessageBody: body, PartitionKey: 'k' }, { from: 'test', origin: body });
	const runTo = (t: number) => sim.scheduler.runUntil(t);
	const read = (iterator: string) =>
		readShard(() => stream.getRecords({ ShardIterator: iterator }, 'reader'));
	const text = (r: { Data: Uint8Array }) => new TextDecoder().decode(r.Data);
	return { sim, stream, put, runTo, read, text };
}

interface L {
	shard: string;
	done: boolean;
}
const finished = (l: L) => l.done;

describe('shard reader (KCL and Lambda-Kinesis)', () => {
	it('KIN-11: a shard without a lease starts at the starting position; a leased one is not started again', () => {
		const { stream } = setup();
		expect(shardsToStart<L>(stream, [], finished, 'LATEST')).toEqual([{ shard: SHARD0, position: 'LATEST' }]);
		expect(shardsToStart<L>(stream, [{ shard: SHARD0, done: false }], finished, 'LATEST')).toEqual([]);
	});

	it('KIN-11: children start only once their parent is finished, and then at TRIM_HORIZON', () => {
		const { stream, runTo } = setup();
		stream.splitShard(SHARD0, HALF);
		runTo(60_000);
		const children = stream.shards().filter((s) => s.ParentShardId === SHARD0);
		expect(children).toHaveLength(2);
		expect(shardsToStart<L>(stream, [{ shard: SHARD0, done: false }], finished, 'LATEST')).toEqual([]);
		expect(shardsToStart<L>(stream, [{ shard: SHARD0, done: true }], finished, 'LATEST')).toEqual(
			children.map((c) => ({ shard: c.ShardId, position: 'TRIM_HORIZON' }))
		);
	});

	it('KIN-9: iterators at TRIM_HORIZON, LATEST, and just after a checkpointed sequence number', () => {
		const { stream, put, read, text } = setup();
		put('a');
		put('b');
		const all = read(shardIterator(stream, SHARD0, 'TRIM_HORIZON'));
		expect(all.ok && all.result.Records.map(text)).toEqual(['a', 'b']);
		const first = all.ok ? (all.result.Records[0]?.SequenceNumber as string) : '';
		const rest = read(shardIterator(stream, SHARD0, first));
		expect(rest.ok && rest.result.Records.map(text)).toEqual(['b']);
		const latest = read(shardIterator(stream, SHARD0, 'LATEST'));
		expect(latest.ok && latest.result.Records).toEqual([]);
		expect(latest.ok && latest.result.NextShardIterator).toBeTypeOf('string');
	});

	it('KIN-8: a closed shard read to its end gives no next iterator', () => {
		const { stream, put, read, runTo } = setup();
		put('a');
		stream.splitShard(SHARD0, HALF);
		runTo(60_000);
		const r = read(shardIterator(stream, SHARD0, 'TRIM_HORIZON'));
		expect(r.ok && r.result.NextShardIterator).toBeUndefined();
	});

	it('KIN-9: an iterator older than five minutes is refused as expired-iterator', () => {
		const { stream, read, runTo } = setup();
		const it = shardIterator(stream, SHARD0, 'TRIM_HORIZON');
		runTo(5 * 60_000 + 1);
		expect(read(it)).toEqual({ ok: false, refusal: 'expired-iterator' });
	});

	it('KIN-7: more than five GetRecords calls a second on a shard are refused as throttled', () => {
		const { stream, read } = setup();
		const it = shardIterator(stream, SHARD0, 'TRIM_HORIZON');
		const results = Array.from({ length: 6 }, () => read(it).ok);
		expect(results).toEqual([true, true, true, true, true, false]);
		expect(read(it)).toEqual({ ok: false, refusal: 'throttled' });
	});

	it('KIN-10/-11: the AWS error names map to refusals; anything else is a plain error', () => {
		expect(refusalOf('ExpiredIteratorException')).toBe('expired-iterator');
		expect(refusalOf('ProvisionedThroughputExceededException')).toBe('throttled');
		expect(refusalOf('ResourceNotFoundException')).toBe('shard-gone');
		expect(refusalOf('InvalidArgumentException')).toBe('error');
		expect(readShard(() => 1)).toEqual({ ok: true, result: 1 });
		const { read } = setup();
		expect(read('not-an-iterator')).toEqual({ ok: false, refusal: 'error' });
	});
});
