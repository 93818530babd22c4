// The summary's latency percentiles come from an exact histogram (flat memory in long runs, #16): they must be
// exactly the nearest-rank quantiles of the sorted samples, as when every sample was kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SummarySink, type TraceEvent } from '../../../src/lib/engine';

function nearestRank(samples: number[], q: number): number {
	const sorted = [...samples].sort((a, b) => a - b);
	return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!);
}

function processed(i: number, latencyMs: number): TraceEvent {
	return { i, t: i, node: 'c', type: 'processed', worker: 'c/0', queue: 'q', ok: true, latencyMs };
}

describe('SummarySink latency percentiles', () => {
	it('equal the nearest-rank quantiles of all samples, however many repeat', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 50, noNaN: true })), {
					minLength: 1,
					maxLength: 300
				}),
				(samples) => {
					const sink = new SummarySink();
					samples.forEach((v, i) => sink.write(processed(i, v)));
					const [s] = sink.summaries();
					expect(s!.latencyP50Ms).toBe(nearestRank(samples, 0.5));
					expect(s!.latencyP95Ms).toBe(nearestRank(samples, 0.95));
					expect(s!.latencyP99Ms).toBe(nearestRank(samples, 0.99));
				}
			),
			{ seed: 16, numRuns: 200 }
		);
	});

	it('keeps fractional latencies apart and rounds only the answer', () => {
		const sink = new SummarySink();
		[0.4, 0.4, 2.6, 10].forEach((v, i) => sink.write(processed(i, v)));
		const [s] = sink.summaries();
		expect(s!.latencyP50Ms).toBe(0);
		expect(s!.latencyP95Ms).toBe(10);
	});

	it('leaves the percentiles out when nothing was processed', () => {
		const sink = new SummarySink();
		sink.declare('c');
		expect(sink.summaries()[0]!.latencyP50Ms).toBeUndefined();
	});
});
