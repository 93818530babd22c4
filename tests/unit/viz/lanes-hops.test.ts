// The sequence diagram's lanes (whole names, wrapped, never clipped) and its labelled hops (viz/marks).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TraceEvent } from '$lib/engine';
import { loadScenario } from '$lib/services';
import { createRun } from '$lib/runner/run';
import { hopsIn, type HopContext } from '$lib/viz/marks/hops';
import { layoutLanes, wrapLabel } from '$lib/viz/marks/lanes';

/** 5 units per character. */
const measure = (s: string) => s.length * 5;

describe('lane labels', () => {
	it('wrap at natural breaks and keep every character', () => {
		expect(wrapLabel('orders', 70, measure)).toEqual(['orders']);
		expect(wrapLabel('orders-producer', 50, measure)).toEqual(['orders-', 'producer']);
		expect(wrapLabel('https://example.com/hook', 60, measure).join('')).toBe('https://example.com/hook');
		for (const l of wrapLabel('https://example.com/hook', 60, measure))
			expect(measure(l)).toBeLessThanOrEqual(60);
		// A run with no break is cut where it must be, still whole when joined.
		const long = wrapLabel('abcdefghijklmnopqrstuvwxyz', 50, measure);
		expect(long.join('')).toBe('abcdefghijklmnopqrstuvwxyz');
		for (const l of long) expect(measure(l)).toBeLessThanOrEqual(50);
	});

	it('give each lane the width its label needs, inside the diagram', () => {
		const o = { maxLabelW: 70, minLaneW: 40, gap: 8, minWidth: 100, lineHeight: 10, margin: 6 };
		const l = layoutLanes(['orders-producer', 'orders', 'workers'], o, measure);
		expect(l.lines[0]).toEqual(['orders-', 'producer']);
		expect(l.header).toBe(26);
		// Neighbouring labels do not overlap and the first and last stay inside.
		const half = (i: number) => Math.max(...(l.lines[i] ?? []).map(measure)) / 2;
		expect((l.x[0] ?? 0) - half(0)).toBeGreaterThanOrEqual(0);
		expect((l.x[2] ?? 0) + half(2)).toBeLessThanOrEqual(l.width);
		for (let i = 1; i < 3; i++)
			expect((l.x[i] ?? 0) - half(i)).toBeGreaterThan((l.x[i - 1] ?? 0) + half(i - 1));
		// Spread out to the least width.
		expect(layoutLanes(['a', 'b'], { ...o, minWidth: 320 }, measure).width).toBe(320);
	});
});

describe('hops', () => {
	const sc = loadScenario(JSON.parse(readFileSync('scenarios/sqs-poison-dlq.json', 'utf8')));
	const run = createRun(sc, sc.seed);
	run.sim.runUntil(70_000);
	const events = run.sinks.memory.events as readonly TraceEvent[];
	const ctx: HopContext = {
		lanes: new Set(sc.nodes.map((n) => n.id)),
		typeOf: new Map(sc.nodes.map((n) => [n.id, n.type])),
		sourceOf: new Map(),
		aliases: new Map(),
		max: 1000
	};

	it('say what each is: send, receive, duplicate, delete, dead-letter', () => {
		const hops = hopsIn(events, 0, 70_000, ctx);
		const verbs = new Set(hops.map((h) => h.verb.split(' ')[0]));
		for (const v of ['send', 'receive', 'duplicate', 'delete', 'dead-letter']) expect(verbs).toContain(v);
		// The dead-letter queue's own enqueue is not a second arrow beside the dead-letter one.
		expect(verbs).not.toContain('redrive');
		const del = hops.find((h) => h.verb === 'delete');
		// A delete goes from the consumer to the queue.
		expect(ctx.typeOf.get(del?.to ?? '')).toBe('sqs-queue');
		expect(['consumer', 'lambda']).toContain(ctx.typeOf.get(del?.from ?? ''));
		// A repeated receive says which receive it is.
		const again = hops.find((h) => h.verb.startsWith('duplicate'));
		expect(again?.verb).toMatch(/^duplicate #\d+$/);
	});

	it('keep to the window and the lanes', () => {
		const hops = hopsIn(events, 60_000, 65_000, ctx);
		expect(hops.length).toBeGreaterThan(0);
		for (const h of hops) {
			expect(h.t1).toBeGreaterThanOrEqual(60_000);
			expect(h.t1).toBeLessThanOrEqual(65_000);
		}
		expect(hopsIn(events, 60_000, 65_000, { ...ctx, lanes: new Set() })).toEqual([]);
		expect(hopsIn(events, 0, 70_000, { ...ctx, max: 3 })).toHaveLength(3);
	});
});
