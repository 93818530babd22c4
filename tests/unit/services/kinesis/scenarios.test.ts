// The sample Kinesis scenarios run clean under every checker and show what they teach.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { checkKeyOrder, checkShardSequences, kinesisAnomalies } from '$lib/engine/checks';
import { checkSimulation, createSimulation } from '$lib/services';

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

describe('Lambda on Kinesis (ESM-KIN)', () => {
	it('ESM-KIN-3/-4/-5: a poison record is bisected down to itself, retried, then discarded to the on-failure queue', () => {
		const { sim, events } = run('kinesis-lambda-bisect.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const discarded = events.filter((e) => e.type === 'batch-discarded');
		expect(discarded.length).toBeGreaterThan(10);
		// Bisection isolates the bad record: every discarded batch holds exactly one record.
		expect(discarded.every((e) => e.type === 'batch-discarded' && e.size === 1)).toBe(true);
		// Metadata went to the on-failure queue (ESM-KIN-5).
		expect(events.filter((e) => e.type === 'enqueued' && e.node === 'ingest-failures')).toHaveLength(
			discarded.length
		);
		// While a batch is retried the shard is blocked and IteratorAge grows (ESM-KIN-3/-7).
		const ages = events
			.filter((e) => e.type === 'batch-invoked')
			.map((e) => (e.type === 'batch-invoked' ? (e.iteratorAgeMs ?? 0) : 0));
		expect(Math.max(...ages)).toBeGreaterThan(1000);
		// No good record is ever discarded: everything processed or discarded was put, and per-key order held.
		const processed = events.filter((e) => e.type === 'record-processed').length;
		expect(processed + discarded.length).toBeGreaterThan(5000);
	});

	it('ESM-KIN-3: without bisect or a retry limit, a poison batch blocks its shard for good', () => {
		const scenario = loadScenario(JSON.parse(readFileSync('scenarios/kinesis-lambda-bisect.json', 'utf8')));
		const node = scenario.nodes.find((n) => n.id === 'ingest');
		if (node?.type !== 'lambda') throw new Error('no lambda');
		node.BisectBatchOnFunctionError = false;
		node.MaximumRetryAttempts = -1;
		const mem = new MemorySink();
		const sim = createSimulation(scenario, { sinks: [mem] });
		sim.run();
		const events = mem.events as TraceEvent[];
		expect(events.filter((e) => e.type === 'batch-discarded')).toHaveLength(0);
		const lastAge = events
			.filter((e) => e.type === 'batch-invoked')
			.map((e) => (e.type === 'batch-invoked' ? (e.iteratorAgeMs ?? 0) : 0));
		expect(Math.max(...lastAge)).toBeGreaterThan(60_000);
	});
});

describe('Firehose scenario', () => {
	it('FH-1/FH-3: quiet periods flush on the interval, the burst on size; transform drops and fails records', () => {
		const { sim, events } = run('firehose-buffering.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const flushes = events.filter((e) => e.type === 'firehose-flushed');
		expect(flushes.some((e) => e.cause === 'interval' && e.t < 60_000)).toBe(true);
		expect(flushes.some((e) => e.cause === 'size' && e.t >= 60_000 && e.t <= 95_000)).toBe(true);
		expect(flushes.every((e) => e.cause !== 'size' || e.t >= 60_000)).toBe(true);
		expect(flushes.reduce((n, e) => n + (e.type === 'firehose-flushed' ? e.dropped : 0), 0)).toBeGreaterThan(
			0
		);
		expect(
			events.some((e) => e.type === 'firehose-delivered' && e.key.startsWith('processing-failed/'))
		).toBe(true);
	});
});

describe('KCL-style consumer', () => {
	it('KIN-14: a dead worker’s leases are taken over after the failover time and replay from the checkpoint', () => {
		const { sim, events } = run('kinesis-kcl-failover.json');
		expect(checkSimulation(sim, events)).toEqual([]);
		const taken = events.filter((e) => e.type === 'lease-taken');
		expect(taken.length).toBeGreaterThan(0);
		expect(taken.every((e) => e.t === 25_000)).toBe(true);
		const anomalies = kinesisAnomalies(events);
		expect(anomalies.duplicated.length).toBeGreaterThan(0);
		expect(anomalies.duplicated.every((d) => d.cause === 'replay-from-checkpoint')).toBe(true);
		// Nothing is lost: every put record was processed at least once.
		const put = new Set(events.filter((e) => e.type === 'record-put' && e.t < 40_000).map((e) => e.msg));
		const done = new Set(events.filter((e) => e.type === 'record-processed').map((e) => e.msg));
		for (const seq of put) expect(done.has(seq)).toBe(true);
	});
});
