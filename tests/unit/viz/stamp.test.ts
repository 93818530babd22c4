// The stage stamps thousands of dots into pixels row by row (marks/tokens.ts): each row of a disc is one run
// of pixels, and together the runs are exactly the disc's pixels (dx² + dy² ≤ r² + 0.8 r), with no gaps.
import { describe, expect, it } from 'vitest';
import { discSpans } from '$lib/viz/marks/tokens';

describe('stamped discs', () => {
	it('cover exactly the pixels of the disc, for every radius the stage uses', () => {
		for (let r = 1; r <= 16; r++) {
			const rows = discSpans(r);
			expect(rows.length).toBe(2 * (2 * r + 1));
			for (let dy = -r; dy <= r; dy++) {
				const k = 2 * (dy + r);
				const start = rows[k] as number;
				const width = rows[k + 1] as number;
				const inRun = (dx: number) => dx >= start && dx < start + width;
				for (let dx = -r - 1; dx <= r + 1; dx++)
					expect(inRun(dx), `r ${r}, (${dx}, ${dy})`).toBe(dx * dx + dy * dy <= r * r + r * 0.8);
			}
		}
	});
});
