// The append-only log consumers keep their processed origins in, outside their checkpoints.
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
});
