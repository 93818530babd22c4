// The append log's compact storage (numbered entries as two integers, #16) must behave exactly like the plain
// list it stands for: counts at every length, moves back and forward, replays that agree or differ, and
// entries supplied by another copy of the run. Checked against a naive model over random operation sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppendLog } from '../../../src/lib/engine/append-log';

const entry = fc.oneof(
	fc.integer({ min: 0, max: 40 }).map((n) => `p-${n}`),
	fc.integer({ min: 0, max: 5 }).map((n) => `orders-x-${n}`),
	fc.constantFrom('p-007', 'p-', '-3', 'plain', 'p-99999999999', 'p-2147483648', `p-${5_000_000}`)
);
const op = fc.oneof(
	entry.map((e) => ({ add: e })),
	fc.nat({ max: 60 }).map((n) => ({ moveTo: n })),
	fc.array(entry, { maxLength: 4 }).map((es) => ({ supply: es }))
);

describe('AppendLog against a plain list', () => {
	it('gives the same counts, length, known entries and tails after any sequence', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 80 }), fc.array(entry, { maxLength: 12 }), (ops, probes) => {
				const log = new AppendLog();
				let list: string[] = [];
				let length = 0;
				for (const o of ops) {
					if ('add' in o) {
						if (length < list.length && list[length] !== o.add) list = list.slice(0, length);
						if (length === list.length) list.push(o.add);
						length++;
						log.add(o.add);
					} else if ('moveTo' in o) {
						const n = Math.min(o.moveTo, list.length);
						log.moveTo(n);
						length = n;
					} else {
						// Another copy of the run supplies the entries after the ones known here.
						log.supply(list.length, o.supply);
						list.push(...o.supply);
					}
					expect(log.length).toBe(length);
					expect(log.known).toBe(list.length);
				}
				for (const e of [...probes, ...list]) {
					expect(log.count(e)).toBe(list.slice(0, length).filter((x) => x === e).length);
				}
				expect(log.entriesFrom(0)).toEqual(list);
				expect(log.entriesFrom(Math.floor(list.length / 2))).toEqual(list.slice(Math.floor(list.length / 2)));
			}),
			{ seed: 1616, numRuns: 400 }
		);
	});

	it('refuses a supplied entry that differs from one it knows, and a move beyond what it knows', () => {
		const log = new AppendLog();
		log.add('p-1');
		log.add('note');
		expect(() => log.supply(0, ['p-1', 'p-2'])).toThrow(/differs/);
		expect(() => log.moveTo(3)).toThrow(/only 2 known/);
	});

	it('holds a million numbered entries in a few megabytes of typed arrays', () => {
		const log = new AppendLog();
		for (let n = 0; n < 1_000_000; n++) log.add(`producer-${n}`);
		expect(log.count('producer-999999')).toBe(1);
		expect(log.count('producer-1000000')).toBe(0);
		log.moveTo(10);
		expect(log.count('producer-10')).toBe(0);
		expect(log.count('producer-9')).toBe(1);
	});
});
