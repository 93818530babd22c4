// KIN-9 / ESM-KIN-2: a Lambda-Kinesis mapping whose slot is blocked longer than an iterator lives (5 minutes)
// gets a new iterator after the last record it read, so every record is still processed, once, in order.
import { describe, expect, it } from 'vitest';
import { MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation, loadScenario } from '$lib/services';

function run(processingMs: number): TraceEvent[] {
	const mem = new MemorySink();
	createSimulation(
		loadScenario({
			version: 1,
			name: 'slow lambda on a stream',
			seed: 1,
			durationMs: 3_600_000,
			nodes: [
				{
					id: 'p',
					type: 'producer',
					target: 's',
					Rate: { type: 'burst', size: 60, everySeconds: 3600 },
					Body: 'r {n}',
					PartitionKey: 'one-key',
					LatencyMs: 0
				},
				// Written while the reads are held back by the backlog: only a renewed iterator reaches them.
				{
					id: 'late',
					type: 'producer',
					target: 's',
					Rate: { type: 'burst', size: 5, everySeconds: 3600 },
					Body: 'late {n}',
					PartitionKey: 'one-key',
					LatencyMs: 0,
					StartAtMs: 100_000
				},
				{ id: 's', type: 'kinesis-stream', ShardCount: 1 },
				{
					id: 'fn',
					type: 'lambda',
					source: 's',
					BatchSize: 10,
					Timeout: 900,
					ProcessingTime: { type: 'fixed', ms: processingMs }
				}
			]
		}),
		{ sinks: [mem] }
	).run();
	return mem.events as TraceEvent[];
}

describe('Lambda-Kinesis iterators (KIN-9)', () => {
	it('KIN-9: a slot blocked past the iterator lifetime resumes after the last record read; nothing is skipped', () => {
		// 10 records × 40 s = 400 s per batch: the one slot holds the reads back longer than 5 minutes.
		const events = run(40_000);
		const processed = events.filter((e) => e.type === 'record-processed' && e.node === 'fn');
		expect(processed).toHaveLength(65);
		const seqs = processed.map((e) => BigInt(e.msg ?? '0'));
		expect(new Set(seqs.map(String)).size).toBe(65);
		expect(seqs.every((s, k) => k === 0 || s > (seqs[k - 1] as bigint))).toBe(true);
	});
});
