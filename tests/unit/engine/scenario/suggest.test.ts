// The edit distance behind "did you mean …?" for unknown scenario fields.
import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '$lib/engine';

describe('editDistance (optimal string alignment)', () => {
	it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
		expect(editDistance('VisibilityTimeout', 'VisibilityTimeout')).toBe(0);
		expect(editDistance('VisibiltyTimeout', 'VisibilityTimeout')).toBe(1); // deletion
		expect(editDistance('VisibilityTimeoutt', 'VisibilityTimeout')).toBe(1); // insertion
		expect(editDistance('VisibilityTimeour', 'VisibilityTimeout')).toBe(1); // substitution
		expect(editDistance('maxRecieveCount', 'maxReceiveCount')).toBe(1); // swap
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('ca', 'abc')).toBe(3); // OSA: no edit of a swapped pair
	});

	it('stops early past a limit, returning limit + 1', () => {
		expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
		expect(editDistance('a', 'a'.repeat(100_000), 3)).toBe(4);
		expect(editDistance('abcd', 'abdc', 1)).toBe(1);
	});
});

describe('closestName', () => {
	const queue = ['id', 'label', 'position', 'type', 'VisibilityTimeout', 'DelaySeconds', 'RedrivePolicy'];

	it('suggests a name within a third of its length, ignoring case', () => {
		expect(closestName('VisibiltyTimeout', queue)).toBe('VisibilityTimeout');
		expect(closestName('visibilitytimeout', queue)).toBe('VisibilityTimeout');
		expect(closestName('DelaySecond', queue)).toBe('DelaySeconds');
		expect(closestName('tpye', queue)).toBe('type');
	});

	it('suggests nothing for a name that is not a typo of any', () => {
		expect(closestName('colour', queue)).toBeUndefined();
		expect(closestName('z', ['x', 'y'])).toBeUndefined();
		expect(closestName('Timeout', queue)).toBeUndefined();
		expect(closestName('x'.repeat(100_000), queue)).toBeUndefined();
	});

	it('prefers the nearest name, then the one listed first', () => {
		expect(closestName('ab', ['abc', 'ab'])).toBe('ab');
		expect(closestName('abcdx', ['abcdy', 'abcdz'])).toBe('abcdy');
	});
});
