import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, setup } from 'xstate';
import { Scheduler } from '$lib/engine/clock';

describe('Scheduler (simulated clock)', () => {
	it('fires data events in (dueAt, insertion seq) order, ties by insertion', () => {
		const fired: string[] = [];
		const s = new Scheduler<string>((e) => fired.push(e.event));
		s.schedule(20, 'n', 'c');
		s.schedule(10, 'n', 'a');
		s.schedule(20, 'n', 'd');
		s.schedule(10, 'n', 'b');
		s.runUntil(100);
		expect(fired).toEqual(['a', 'b', 'c', 'd']);
		expect(s.now()).toBe(100);
	});

	it('step() advances time to the next event only', () => {
		const s = new Scheduler<string>();
		s.schedule(5, 'n', 'x');
		s.schedule(9, 'n', 'y');
		expect(s.step()).toBe(true);
		expect(s.now()).toBe(5);
		expect(s.peek()).toBe(9);
		expect(s.step()).toBe(true);
		expect(s.step()).toBe(false);
		expect(s.now()).toBe(9);
	});

	it('cancelled entries never fire', () => {
		const fired: string[] = [];
		const s = new Scheduler<string>((e) => fired.push(e.event));
		const a = s.schedule(1, 'n', 'a');
		s.schedule(2, 'n', 'b');
		s.cancel(a);
		s.runUntil(10);
		expect(fired).toEqual(['b']);
		expect(s.pending).toBe(0);
	});

	it('chained timers are not lost in a big jump (each fires relative to its own due time)', () => {
		const times: number[] = [];
		const s: Scheduler<number> = new Scheduler<number>((e) => {
			times.push(s.now());
			if (e.event < 5) s.schedule(s.now() + 1000, 'n', e.event + 1);
		});
		s.schedule(1000, 'n', 1);
		s.runUntil(60_000);
		expect(times).toEqual([1000, 2000, 3000, 4000, 5000]);
	});

	it('never schedules in the past', () => {
		const s = new Scheduler<string>();
		s.runUntil(50);
		s.schedule(10, 'n', 'late');
		expect(s.peek()).toBe(50);
	});

	it('implements the XState clock: an `after` transition fires at simulated time', () => {
		const machine = setup({}).createMachine({
			initial: 'waiting',
			states: { waiting: { after: { 5000: 'done' } }, done: {} }
		});
		const clock = new Scheduler();
		const actor = createActor(machine, { clock }).start();
		clock.runUntil(4999);
		expect(actor.getSnapshot().value).toBe('waiting');
		clock.runUntil(5000);
		expect(actor.getSnapshot().value).toBe('done');
		actor.stop();
	});

	it('snapshot/restore round-trips pending data events; refuses pending callbacks', () => {
		const fired: string[] = [];
		const s = new Scheduler<string>((e) => fired.push(`${e.dueAt}:${e.event}`));
		s.schedule(3, 'n', 'a');
		s.schedule(7, 'n', 'b');
		s.runUntil(4);
		const snap = structuredClone(s.snapshot());
		s.runUntil(10);
		expect(fired).toEqual(['3:a', '7:b']);
		s.restore(snap);
		expect(s.now()).toBe(4);
		s.runUntil(10);
		expect(fired).toEqual(['3:a', '7:b', '7:b']);
		s.setTimeout(() => {}, 5);
		expect(() => s.snapshot()).toThrow(/callback timer/);
	});
});

describe('Scheduler: cancelled entries', () => {
	it('does not keep cancelled far-future entries (retention timers), and fires the rest in order', () => {
		const fired: number[] = [];
		const s = new Scheduler<number>((e) => fired.push(e.event));
		const far: number[] = [];
		for (let k = 0; k < 20_000; k++) {
			far.push(s.schedule(345_600_000 + k, 'q', -1)); // 4 days ahead
			s.schedule(k % 500, 'q', k);
			s.cancel(far[k] as number);
		}
		expect(s.pending).toBe(20_000);
		expect(s.heapSize).toBeLessThanOrEqual(2 * s.pending + 1024);
		s.runUntil(Number.MAX_SAFE_INTEGER);
		expect(fired).toHaveLength(20_000);
		expect(fired.includes(-1)).toBe(false);
		// Same due time: insertion order.
		const expected = Array.from({ length: 20_000 }, (_, k) => k).sort(
			(a, b) => (a % 500) - (b % 500) || a - b
		);
		expect(fired).toEqual(expected);
	});
});

describe('Scheduler: compaction keeps the order', () => {
	it('fires in (dueAt, seq) order, whatever was scheduled, cancelled and stepped (heaps past the compaction size)', () => {
		const op = fc.oneof(
			// A burst of entries, some then cancelled: enough to pass the 1,024 entries compaction waits for.
			fc.record({
				burst: fc.integer({ min: 1, max: 900 }),
				spread: fc.integer({ min: 1, max: 5_000 }),
				cancelEvery: fc.integer({ min: 1, max: 4 }),
				seed: fc.nat()
			}),
			fc.record({ steps: fc.integer({ min: 1, max: 300 }) })
		);
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
				const fired: number[] = [];
				const s = new Scheduler<number>((e) => fired.push(e.seq));
				const live = new Map<number, number>(); // seq → dueAt
				const expected: number[] = [];
				const takeNext = () => {
					let best: number | undefined;
					for (const [seq, due] of live)
						if (
							best === undefined ||
							due < (live.get(best) as number) ||
							(due === live.get(best) && seq < best)
						)
							best = seq;
					if (best !== undefined) {
						live.delete(best);
						expected.push(best);
					}
				};
				for (const o of ops) {
					if ('burst' in o) {
						let x = o.seed;
						for (let k = 0; k < o.burst; k++) {
							x = (x * 1103515245 + 12345) % 2 ** 31;
							const due = s.now() + (x % o.spread);
							const seq = s.schedule(due, 'q', k);
							live.set(seq, due);
							if (k % o.cancelEvery === 0) {
								s.cancel(seq);
								live.delete(seq);
								// What a cancel guarantees (steps after it may leave more cancelled entries than live ones).
								expect(s.heapSize).toBeLessThanOrEqual(Math.max(1024, 2 * s.pending));
							}
						}
					} else
						for (let k = 0; k < o.steps && live.size > 0; k++) {
							s.step();
							takeNext();
						}
					expect(s.pending).toBe(live.size);
				}
				s.runUntil(Number.MAX_SAFE_INTEGER);
				while (live.size > 0) takeNext();
				expect(fired).toEqual(expected);
			}),
			{ numRuns: 60 }
		);
	});
	it('cancelling any seq (fired, cancelled, live or never issued) and restoring a snapshot keep the live set exact', () => {
		// The scheduler keeps one bit per seq from its oldest live one: a far-future entry made first keeps that
		// bit low while thousands of later seqs come and go, so the bits grow and shift past it.
		const op = fc.oneof(
			fc.record({ burst: fc.integer({ min: 1, max: 12_000 }), spread: fc.integer({ min: 1, max: 50 }) }),
			fc.record({ steps: fc.integer({ min: 1, max: 12_000 }) }),
			fc.record({ cancel: fc.nat(), count: fc.integer({ min: 1, max: 200 }) }),
			fc.constant({ restore: true })
		);
		fc.assert(
			fc.property(fc.array(op, { minLength: 1, maxLength: 16 }), fc.boolean(), (ops, farFirst) => {
				const fired: number[] = [];
				let s = new Scheduler<number>((e) => fired.push(e.seq));
				const live = new Map<number, number>();
				let issued = 0;
				if (farFirst) {
					live.set(s.schedule(1e12, 'q', 0), 1e12);
					issued++;
				}
				for (const o of ops) {
					if ('burst' in o)
						for (let k = 0; k < o.burst; k++) {
							const due = s.now() + (k % o.spread);
							live.set(s.schedule(due, 'q', k), due);
							issued++;
						}
					else if ('steps' in o)
						for (let k = 0; k < o.steps && s.step(); k++) live.delete(fired[fired.length - 1] as number);
					else if ('cancel' in o) {
						for (let k = 0; k < o.count; k++) {
							// Up to a few seqs past the last one issued: those must be no-ops too.
							const seq = (o.cancel + k * 7919) % (issued + 3);
							s.cancel(seq);
							live.delete(seq);
						}
						// Never issued (yet): no-ops.
						for (let k = 0; k < 64; k++) s.cancel(issued + ((o.cancel + k * 997) % 100_000));
					} else {
						const next = new Scheduler<number>((e) => fired.push(e.seq));
						next.restore(s.snapshot());
						s = next;
					}
					expect(s.pending).toBe(live.size);
				}
				expect(s.snapshot().entries.map((e) => e.seq)).toEqual(
					[...live].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([seq]) => seq)
				);
			}),
			{ numRuns: 40 }
		);
	});
});
