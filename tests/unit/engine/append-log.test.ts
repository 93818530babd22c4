// The append-only log consumers keep their processed origins in, outside their checkpoints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppendLog } from '$lib/engine/append-log';

describe('AppendLog', () => {
	it('counts origins, and moving back and forth to checkpoint lengths restores the counts', () => {
		const log = new AppendLog();
		for (const o of ['a', 'b', 'a', 'c', 'a']) log.add(o);
		expect([log.count('a'), log.count('b'), log.count('c'), log.length]).toEqual([3, 1, 1, 5]);
		log.moveTo(2);
		expect([log.count('a'), log.count('b'), log.count('c')]).toEqual([1, 1, 0]);
		log.moveTo(4); // a checkpoint ahead: the entries are still known
		expect([log.count('a'), log.count('c')]).toEqual([2, 1]);
		log.moveTo(0);
		expect(log.count('a')).toBe(0);
	});

	it('a replay that differs from the log discards the entries after the difference', () => {
		const log = new AppendLog();
		for (const o of ['a', 'b', 'c']) log.add(o);
		log.moveTo(1);
		log.add('x');
		expect(log.count('x')).toBe(1);
		expect(() => log.moveTo(3)).toThrow(/only 2 known/);
		log.moveTo(2);
		expect([log.count('a'), log.count('x'), log.count('b')]).toEqual([1, 1, 0]);
	});

	it('supply: another copy of the run hands over entries it lacks, which a later moveTo can reach', () => {
		const ahead = new AppendLog();
		for (const o of ['a', 'b', 'c', 'a']) ahead.add(o);
		const page = new AppendLog();
		page.add('a');
		page.supply(page.known, ahead.entriesFrom(page.known));
		expect(page.known).toBe(4);
		expect(page.length).toBe(1);
		page.moveTo(4);
		expect([page.count('a'), page.count('c')]).toEqual([2, 1]);
		// Supplying entries already known confirms them; a different entry is a broken run.
		page.supply(0, ['a', 'b']);
		expect(() => page.supply(1, ['x'])).toThrow(/differs/);
		expect(() => page.supply(9, ['x'])).toThrow(/only 4 known/);
	});

	it('matches a naive log under random adds, moves and supplies (property, fixed seed)', () => {
		const seed = 20261202;
		const op = fc.oneof(
			fc.record({
				kind: fc.constant('add' as const),
				entry: fc.constantFrom('a', 'b', 'c', 'd'),
				diverge: fc.boolean()
			}),
			fc.record({ kind: fc.constant('move' as const), to: fc.nat(40) }),
			fc.record({ kind: fc.constant('supply' as const), n: fc.nat(5) })
		);
		fc.assert(
			fc.property(
				fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 30 }), { maxLength: 1 }),
				fc.array(op, { maxLength: 80 }),
				([run = 'abcdabca'], ops) => {
					// The "other copy" has written the whole run; this one adds, moves and receives parts of it.
					const truth = [...run];
					const log = new AppendLog();
					let naive: string[] = []; // entries known
					let length = 0;
					for (const o of ops) {
						if (o.kind === 'add') {
							const entry = o.diverge ? o.entry : (truth[length] ?? o.entry);
							if (length < naive.length && naive[length] !== entry) naive = naive.slice(0, length);
							naive[length] = entry;
							length++;
							log.add(entry);
						} else if (o.kind === 'move') {
							const to = Math.min(o.to, naive.length);
							length = to;
							log.moveTo(to);
						} else {
							const from = naive.length;
							const entries = truth.slice(from, from + o.n);
							if (naive.length === from && entries.every((e, k) => truth[from + k] === e)) {
								naive = [...naive, ...entries];
								log.supply(from, entries);
							}
						}
						expect(log.length).toBe(length);
						expect(log.known).toBe(naive.length);
						for (const e of ['a', 'b', 'c', 'd'])
							expect(log.count(e)).toBe(naive.slice(0, length).filter((x) => x === e).length);
					}
				}
			),
			{ seed, numRuns: 300 }
		);
	});
});
