// Producer message templates: {n}, {n%K}, {cycle:…}, {rand:K}, {pick:…}. Templates are compiled once and cached;
// rendering must equal the token-by-token replacement, random draws in left-to-right order.
import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src/lib/engine/random';
import { renderTemplate, templateIsRandom } from '../../../../src/lib/services/consumers/template';

describe('renderTemplate', () => {
	it('fills counters and cycles, and leaves other text alone', () => {
		expect(renderTemplate('order {n} of {n%3} kind {cycle:a|b|c}', 7, Random.from(1, 't'))).toBe(
			'order 7 of 1 kind b'
		);
		expect(renderTemplate('no tokens {x}', 1, Random.from(1, 't'))).toBe('no tokens {x}');
		expect(renderTemplate('{n}{n}', 4, Random.from(1, 't'))).toBe('44');
		expect(renderTemplate('', 4, Random.from(1, 't'))).toBe('');
	});

	it('draws random tokens from the seeded stream left to right, the same on every render', () => {
		const a = Random.from(9, 't');
		const b = Random.from(9, 't');
		const got = renderTemplate('{rand:100}-{pick:x|y|z}-{rand:5}', 0, a);
		const want = `${b.int(100)}-${['x', 'y', 'z'][b.int(3)]}-${b.int(5)}`;
		expect(got).toBe(want);
		expect(templateIsRandom('{pick:x|y}')).toBe(true);
		expect(templateIsRandom('{n}')).toBe(false);
	});

	it('renders a cached template again with new values', () => {
		const rng = Random.from(2, 't');
		expect(renderTemplate('m {n}', 1, rng)).toBe('m 1');
		expect(renderTemplate('m {n}', 2, rng)).toBe('m 2');
	});
});
