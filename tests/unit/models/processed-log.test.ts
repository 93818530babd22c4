// The processed-origins log that consumers keep outside their checkpoints.
import { describe, expect, it } from 'vitest';
import { ProcessedLog } from '$lib/models/shared/processed-log';

describe('ProcessedLog', () => {
	it('counts origins, and moving back and forth to checkpoint lengths restores the counts', () => {
		const log = new ProcessedLog();
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
		const log = new ProcessedLog();
		for (const o of ['a', 'b', 'c']) log.add(o);
		log.moveTo(1);
		log.add('x');
		expect(log.count('x')).toBe(1);
		expect(() => log.moveTo(3)).toThrow(/only 2 known/);
		log.moveTo(2);
		expect([log.count('a'), log.count('x'), log.count('b')]).toEqual([1, 1, 0]);
	});
});
