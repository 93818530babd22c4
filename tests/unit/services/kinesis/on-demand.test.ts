// KIN-12 in scenarios: an ON_DEMAND stream starts with 4 shards and follows its load by the [sim] step rule
// of services/kinesis/capacity.ts (twice the peak, at most doubling per step); one hot key stays throttled
// at ~1 MiB/s. KIN-15: a scenario's streams are deployed, ACTIVE at t=0.
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { checkSimulation, createSimulation, loadScenario } from '$lib/services';
import type { KinesisStream } from '$lib/services/kinesis';

function run(partitionKey: string, perSecond: number) {
	const scenario = loadScenario({
		version: 1,
		name: 'on-demand',
		seed: 3,
		durationMs: 12_000,
		nodes: [
			{
				id: 'web',
				type: 'producer',
				target: 'clicks',
				Rate: { type: 'fixed', perSecond },
				Body: 'click {n}',
				PayloadBytes: 4096,
				PartitionKey: partitionKey,
				LatencyMs: 5
			},
			{ id: 'clicks', type: 'kinesis-stream', StreamMode: 'ON_DEMAND' }
		]
	});
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { sinks: [mem] });
	const stream = sim.nodes.get('clicks') as KinesisStream;
	const atStart = { status: stream.status, open: stream.openShards().length };
	sim.run();
	return { sim, stream, atStart, events: mem.events as TraceEvent[] };
}

describe('KIN-12: on-demand streams in scenarios', () => {
	it('KIN-12/KIN-15: an on-demand stream is ACTIVE at t=0 with 4 shards and scales up to twice its peak', () => {
		// ~7.8 MiB/s over many keys: twice the peak is 16 shards, reached as 4 → 8 → 16.
		const { sim, stream, atStart, events } = run('key-{n}', 2000);
		expect(atStart).toEqual({ status: 'ACTIVE', open: 4 });
		expect(checkSimulation(sim, events)).toEqual([]);
		const steps = events.filter(
			(e) => e.type === 'shard-split' && 'cause' in e && e.cause === 'on-demand-scaling'
		);
		expect(steps.length).toBe(2);
		expect(stream.openShards()).toHaveLength(16);
		expect(stream.config.StreamMode).toBe('ON_DEMAND');
	});

	it('KIN-12/KIN-4: one hot key on an on-demand stream is still held to about 1 MiB/s', () => {
		const { stream, events } = run('home-page', 500); // ~2 MiB/s, all one key
		const puts = events.filter((e) => e.type === 'record-put').length;
		const throttled = events.filter((e) => e.type === 'put-throttled').length;
		// One shard takes 256 records of 4 KiB a second; the rest are throttled.
		expect(throttled).toBeGreaterThan(puts * 0.8);
		expect(puts).toBeLessThanOrEqual(256 * 12);
		expect(stream.openShards().length).toBeLessThanOrEqual(4);
	});
});
