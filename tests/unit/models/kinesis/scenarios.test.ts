// The sample Kinesis scenarios run clean under every checker and show what they teach.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario, MemorySink, type TraceEvent } from '$lib/engine';
import { checkKeyOrder, checkShardSequences, kinesisAnomalies } from '$lib/engine/checks';
import { checkSimulation, createSimulation } from '$lib/models';

function run(file: string) {
	const scenario = loadScenario(JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')));
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { sinks: [mem] });
	sim.run();
	return { sim, events: mem.events as TraceEvent[] };
}

describe('Kinesis sample scenarios', () => {
	it('KIN-1/KIN-4: hot-key throttles only the shard that holds the hot key', () => {
		const { sim, events } = run('kinesis-hot-key.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const throttled = new Set(
			events.filter((e) => e.type === 'put-throttled').map((e) => (e.type === 'put-throttled' ? e.shard : ''))
		);
		expect(throttled.size).toBe(1);
		const hotKeys = new Set(
			events
				.filter((e) => e.type === 'put-throttled')
				.map((e) => (e.type === 'put-throttled' ? e.partitionKey : ''))
		);
		expect([...hotKeys]).toContain('home-page');
		expect(kinesisAnomalies(events).throttledPuts).toBeGreaterThan(100);
	});

	it('KIN-11: split-under-load stops throttling after the split and keeps per-key order', () => {
		const { sim, events } = run('kinesis-split-under-load.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const split = events.find((e) => e.type === 'shard-split');
		expect(split?.t).toBe(22_000); // requested at 20 s; the stream is UPDATING for 2 s
		const lateThrottles = events.filter((e) => e.type === 'put-throttled' && e.t > (split?.t ?? 0) + 1000);
		expect(lateThrottles).toHaveLength(0);
		// The consumer finished the parent before reading either child.
		const firstChildRead = events.find(
			(e) => e.type === 'record-processed' && e.shard !== 'shardId-000000000000'
		);
		const lastParentRead = [...events]
			.reverse()
			.find((e) => e.type === 'record-processed' && e.shard === 'shardId-000000000000');
		expect((lastParentRead?.t ?? 0) <= (firstChildRead?.t ?? 0)).toBe(true);
	});

	it('the Kinesis checkers can fail: a decreasing sequence number and an out-of-order key', () => {
		const put = (i: number, seq: string, shard = 's0') =>
			({
				i,
				t: i,
				type: 'record-put',
				node: 'k',
				msg: seq,
				shard,
				partitionKey: 'a',
				bytes: 1,
				from: 'p'
			}) as TraceEvent;
		const proc = (i: number, seq: string) =>
			({
				i,
				t: i,
				type: 'record-processed',
				node: 'c',
				msg: seq,
				shard: 's0',
				partitionKey: 'a',
				by: 'c',
				ok: true
			}) as TraceEvent;
		expect(checkShardSequences([put(0, '10'), put(1, '9')])[0]?.rule).toBe('KIN-3');
		expect(checkShardSequences([put(0, '9'), put(1, '10')])).toEqual([]);
		expect(checkKeyOrder([put(0, '1'), put(1, '2'), proc(2, '2'), proc(3, '1')])[0]?.rule).toBe('KIN-11');
		expect(checkKeyOrder([put(0, '1'), put(1, '2'), proc(2, '1'), proc(3, '2')])).toEqual([]);
	});
});
