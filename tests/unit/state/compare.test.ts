// The Compare tab's state in Node: A (as is) and B (one parameter changed) are simulators of their own that
// follow the main run's playhead, land exactly on the straight runs, and their metrics differ where the
// parameter matters; an invalid B says why and keeps A.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HashSink } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import { CompareState, diffRows, parseValue } from '$lib/state/compare.svelte';
import { FIELDS } from '$lib/state/editor.svelte';
import { SimulatorState } from '$lib/state/simulator.svelte';

const tooShort = JSON.parse(readFileSync('scenarios/sqs-visibility-too-short.json', 'utf8'));
const standard = JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8'));

function straight(doc: unknown, until: number, seed: number): string {
	const hash = new HashSink();
	createSimulation(loadScenario(doc), { sinks: [hash], seed }).runUntil(until);
	return hash.digest();
}

function setup(doc: unknown) {
	const main = new SimulatorState(doc, { host: () => undefined });
	const compare = new CompareState(() => main);
	return { main, compare };
}

describe('CompareState', () => {
	it('builds A as is and B with one parameter changed, on the main run’s seed', () => {
		const { main, compare } = setup(tooShort);
		main.setSeed(7);
		compare.nodeId = 'orders';
		compare.key = 'VisibilityTimeout';
		compare.value = '30';
		expect(compare.start()).toBe(true);
		expect(compare.error).toBeUndefined();
		expect(compare.a?.sim.seed).toBe(7);
		expect(compare.b?.sim.seed).toBe(7);
		const queue = (s: SimulatorState) =>
			s.scenario.nodes.find((n) => n.id === 'orders') as { VisibilityTimeout: number };
		expect(queue(compare.a!.sim).VisibilityTimeout).toBe(5);
		expect(queue(compare.b!.sim).VisibilityTimeout).toBe(30);
		expect(compare.change).toBe('orders.VisibilityTimeout = 30');
		compare.stop();
	});

	it('follows the main playhead in lockstep: both variants at the same time, each on its straight run', async () => {
		const { main, compare } = setup(tooShort);
		compare.nodeId = 'orders';
		compare.key = 'VisibilityTimeout';
		compare.value = '30';
		compare.start();
		const b = loadScenario({
			...tooShort,
			nodes: tooShort.nodes.map((n: { id: string }) =>
				n.id === 'orders' ? { ...n, VisibilityTimeout: 30 } : n
			)
		});
		for (const t of [40_000, 12_345, 60_000, 0, 30_000]) {
			await main.seek(t);
			await compare.follow();
			expect(compare.a?.sim.now, `A at ${t}`).toBe(t);
			expect(compare.b?.sim.now, `B at ${t}`).toBe(t);
			expect(compare.a?.sim.traceHash()).toBe(main.traceHash());
			expect(compare.a?.sim.traceHash()).toBe(straight(tooShort, t, tooShort.seed));
			expect(compare.b?.sim.traceHash()).toBe(straight(b, t, tooShort.seed));
		}
		compare.stop();
	});

	it('shows A’s and B’s values and their difference; a parameter that matters differs', async () => {
		const { main, compare } = setup(tooShort);
		compare.nodeId = 'orders';
		compare.key = 'VisibilityTimeout';
		compare.value = '30';
		compare.start();
		await main.seek(60_000);
		await compare.follow();
		const dup = compare.rows?.find((r) => r.node === 'orders' && r.metric === 'duplicates');
		expect(dup?.a).toBeGreaterThan(0);
		expect(dup?.b).toBe(0);
		expect(dup?.delta).toBe((dup?.b ?? 0) - (dup?.a ?? 0));
		// Going back recounts from the start: the metrics at 20 s are those of a fresh comparison there.
		await main.seek(20_000);
		await compare.follow();
		const back = compare.rows;
		const fresh = setup(tooShort);
		Object.assign(fresh.compare, { nodeId: 'orders', key: 'VisibilityTimeout', value: '30' });
		fresh.compare.start();
		await fresh.main.seek(20_000);
		await fresh.compare.follow();
		expect(back).toEqual(fresh.compare.rows);
		expect(compare.partial).toBe(false);
		compare.stop();
		fresh.compare.stop();
	});

	it('the default scenario: orders VisibilityTimeout 5 instead of 30 redelivers', async () => {
		const { main, compare } = setup(standard);
		compare.nodeId = 'orders';
		compare.key = 'VisibilityTimeout';
		compare.value = '5';
		compare.start();
		await main.seek(60_000);
		await compare.follow();
		const changed = compare.rows?.filter((r) => r.delta !== undefined && r.delta !== 0) ?? [];
		expect(changed.length).toBeGreaterThan(0);
		compare.stop();
	});

	it('an invalid B says why and keeps A', async () => {
		const { main, compare } = setup(tooShort);
		compare.nodeId = 'orders';
		compare.key = 'VisibilityTimeout';
		compare.value = '99999';
		expect(compare.start()).toBe(false);
		expect(compare.error).toMatch(/VisibilityTimeout/);
		expect(compare.a).toBeDefined();
		expect(compare.b).toBeUndefined();
		await main.seek(10_000);
		await compare.follow();
		expect(compare.a?.sim.now).toBe(10_000);
		expect(compare.rows?.every((r) => r.b === undefined)).toBe(true);
		compare.value = 'abc';
		expect(compare.start()).toBe(false);
		expect(compare.error).toMatch(/number/);
		compare.value = '';
		expect(compare.start()).toBe(false);
		compare.key = '';
		expect(compare.start()).toBe(false);
		expect(compare.error).toMatch(/Choose a node/);
		// A valid value afterwards builds B again.
		compare.key = 'VisibilityTimeout';
		compare.value = '30';
		expect(compare.start()).toBe(true);
		expect(compare.error).toBeUndefined();
		compare.stop();
		expect(compare.a).toBeUndefined();
	});

	it('parses values per field kind and builds rows in scenario order', () => {
		const queue = FIELDS['sqs-queue']!;
		const vt = queue.find((f) => f.key === 'VisibilityTimeout')!;
		expect(parseValue(vt, ' 30 ')).toEqual({ value: 30 });
		expect(parseValue(vt, '1.5')).toHaveProperty('error');
		expect(
			parseValue(
				queue.find((f) => f.key === 'FifoQueue')!,
				'true'
			)
		).toEqual({ value: true });
		expect(
			parseValue(
				queue.find((f) => f.key === 'FifoQueue')!,
				'yes'
			)
		).toHaveProperty('error');
		const s = (node: string, sent: number) => ({
			node,
			sent,
			received: 0,
			deleted: 0,
			duplicates: 0,
			outOfOrder: 0,
			deadLettered: 0,
			expired: 0,
			filteredOut: 0,
			delivered: 0,
			dropped: 0,
			throttled: 0,
			processed: 0,
			failed: 0,
			emptyReceives: 0
		});
		const rows = diffRows(['p', 'q'], [s('q', 2), s('p', 1)], [s('p', 1), s('q', 5)]);
		expect(rows.map((r) => [r.node, r.a, r.b, r.delta])).toEqual([
			['p', 1, 1, 0],
			['q', 2, 5, 3]
		]);
	});
});
