// KIN-13: a KCL consumer with EnhancedFanOut reads through the service's EfoSubscription: a subscription lasts
// 5 minutes, then the consumer subscribes again where it ended, and nothing is skipped or read twice.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario, nodesOf } from '$lib/services';

type Processed = Extract<TraceEvent, { type: 'record-processed' }>;

describe('KCL with enhanced fan-out (KIN-13)', () => {
	it('KIN-13: after 5 minutes the consumer resubscribes where it ended; every record is processed once', () => {
		const doc = JSON.parse(readFileSync('scenarios/kinesis-kcl-failover.json', 'utf8')) as {
			durationMs: number;
			nodes: Record<string, unknown>[];
		};
		doc.durationMs = 420_000;
		for (const n of doc.nodes) {
			if (n.type === 'kinesis-consumer') Object.assign(n, { EnhancedFanOut: true, WorkerFailures: [] });
			if (n.type === 'producer') n.Rate = { type: 'fixed', perSecond: 20 };
		}
		const mem = new MemorySink();
		const sim = createSimulation(loadScenario(doc), { sinks: [mem] });
		sim.run();
		const events = mem.events as TraceEvent[];
		const reads = events.filter((e) => e.type === 'records-read' && e.cause === 'enhanced-fan-out');
		expect(reads.some((e) => e.t > 310_000)).toBe(true);
		const [kcl] = nodesOf(sim.nodes.values(), 'kinesis-consumer');
		// Each lease's subscription is the second one, started when the first one's 5 minutes were over.
		expect(kcl?.leases.length).toBeGreaterThan(0);
		for (const lease of kcl?.leases ?? []) {
			expect(lease.efo?.startedAt).toBeGreaterThan(300_000);
			expect(lease.efo?.startedAt).toBeLessThan(302_000);
		}
		// No record is read twice (no replays without a failover) and none is skipped: each shard's processed
		// sequence numbers only go up, and (nearly) everything put was processed by the end.
		const processed = events.filter(
			(e): e is Processed => e.type === 'record-processed' && e.node === kcl?.id
		);
		expect(processed.some((e) => e.replay === true)).toBe(false);
		const byShard = new Map<string, bigint[]>();
		for (const e of processed) byShard.set(e.shard, [...(byShard.get(e.shard) ?? []), BigInt(e.msg ?? '0')]);
		for (const seqs of byShard.values())
			expect(seqs.every((v, k) => k === 0 || v > (seqs[k - 1] as bigint))).toBe(true);
		const put = events.filter((e) => e.type === 'record-put').length;
		expect(processed.length).toBeGreaterThan(put * 0.95);
	});
});
