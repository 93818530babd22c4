// The Seeds panel's histogram (#17): every run lands in exactly one bar, bars keep their seeds, whole-number
// metrics with a small range get a bar per value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram } from '$lib/viz/marks/histogram';

const runs = (values: number[]) => values.map((value, k) => ({ seed: k + 1, value }));

describe('histogram', () => {
	it('a bar per value for small whole numbers, labelled with the value, seeds sorted', () => {
		const h = histogram(runs([0, 2, 2, 1, 0, 2]), 300, 150);
		expect(h.bars.map((b) => [b.label, b.seeds])).toEqual([
			['0', [1, 5]],
			['1', [4]],
			['2', [2, 3, 6]]
		]);
		// Taller bars for more runs, all inside the plot area.
		const [b0, b1, b2] = h.bars;
		expect(b2?.height).toBeGreaterThan(b0?.height ?? 0);
		expect(b0?.height).toBeGreaterThan(b1?.height ?? 0);
		for (const b of h.bars) {
			expect(b.x).toBeGreaterThanOrEqual(h.inner.left);
			expect(b.x + b.width).toBeLessThanOrEqual(h.inner.left + h.inner.width + 1e-9);
			expect(b.y).toBeGreaterThanOrEqual(h.inner.top - 1e-9);
		}
	});
	it('one value only is one bar', () => {
		expect(histogram(runs([5, 5, 5]), 300, 150).bars.map((b) => b.seeds)).toEqual([[1, 2, 3]]);
	});
	it('fractional or wide ranges get round bins', () => {
		const h = histogram(runs([12.5, 300.2, 87, 150, 151, 1000]), 300, 150);
		expect(h.bars.length).toBeGreaterThan(1);
		expect(h.bars[0]?.label).toMatch(/–/);
	});
	it('no runs, no bars', () => {
		expect(histogram([], 300, 150).bars).toEqual([]);
	});
	it('values too close to tick (subnormal ones too) share one bar', () => {
		// Found by the property below (seed 1862526190): d3's tick step underflowed on [5e-324, 1e-323].
		for (const values of [
			[5e-324, 1e-323],
			[0.1, 0.1 + 1e-12]
		]) {
			const h = histogram(runs(values), 320, 150);
			expect(h.bars.flatMap((b) => b.seeds)).toEqual([1, 2]);
			expect(h.bars).toHaveLength(1);
		}
	});
	it('every run is in exactly one bar (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.oneof(fc.nat(40), fc.double({ min: 0, max: 1e6, noNaN: true })), {
					minLength: 1,
					maxLength: 200
				}),
				(values) => {
					const h = histogram(runs(values), 320, 150);
					const seeds = h.bars.flatMap((b) => b.seeds).sort((a, b) => a - b);
					expect(seeds).toEqual(values.map((_, k) => k + 1));
					for (const b of h.bars)
						for (const s of b.seeds) {
							const v = values[s - 1] as number;
							expect(v).toBeGreaterThanOrEqual(b.x0);
							expect(v).toBeLessThanOrEqual(b.x1);
						}
				}
			)
		);
	});
});
