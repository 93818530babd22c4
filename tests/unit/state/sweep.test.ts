// The Seeds panel's state (#17): the metric shown by default is the first interesting one that happened in
// some run, at a node where it happened; values are by seed.
import { describe, expect, it } from 'vitest';
import { emptySummary, type NodeSummary } from '$lib/engine';
import { SeedSweep } from '$lib/state/sweep.svelte';
import type { SeedRun } from '$lib/sweep/run-seed';

function summary(node: string, extra: Partial<NodeSummary> = {}): NodeSummary {
	return { ...emptySummary(node), ...extra };
}
const run = (seed: number, nodes: NodeSummary[]): SeedRun => ({ seed, events: 1, traceHash: 'x', nodes });

describe('SeedSweep', () => {
	it('shows the first interesting metric that is non-zero somewhere, at the first node where it is', () => {
		const s = new SeedSweep();
		s.runs = [
			run(1, [summary('p', { sent: 5 }), summary('q'), summary('dlq')]),
			run(2, [
				summary('p', { sent: 5 }),
				summary('q', { deadLettered: 1 }),
				summary('dlq', { duplicates: 2 })
			])
		];
		// duplicates comes before deadLettered in interest, and happened at dlq.
		expect(s.shown()).toEqual({ node: 'dlq', metric: 'duplicates' });
		s.metric = 'deadLettered';
		expect(s.shown()).toEqual({ node: 'q', metric: 'deadLettered' });
		s.node = 'p';
		expect(s.shown()).toEqual({ node: 'p', metric: 'deadLettered' });
		expect(s.values('q', 'deadLettered')).toEqual([
			{ seed: 1, value: 0 },
			{ seed: 2, value: 1 }
		]);
	});
	it('leaves out runs without a latency sample', () => {
		const s = new SeedSweep();
		s.runs = [run(1, [summary('q', { latencyP95Ms: 40 })]), run(2, [summary('q')])];
		expect(s.values('q', 'latencyP95Ms')).toEqual([{ seed: 1, value: 40 }]);
	});
	it('nothing to show before a run', () => {
		expect(new SeedSweep().shown()).toBeUndefined();
	});
});
