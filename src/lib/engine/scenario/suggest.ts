// Spelling suggestions for unknown field names ("did you mean VisibilityTimeout?"). The distance is the
// optimal-string-alignment form of Damerau–Levenshtein: insertions, deletions, substitutions and swaps of two
// neighbouring letters each cost 1, so "VisibiltyTimeout" is 1 from "VisibilityTimeout" and "Protcool" 1
// from "Protocol". Letter case is ignored, since "visibilityTimeout" is a typo of the same kind.

/** The edit distance between `a` and `b`, or `limit + 1` as soon as it is known to exceed `limit`. */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
	if (Math.abs(a.length - b.length) > limit) return limit + 1;
	if (a === b) return 0;
	// Three rows of the dynamic-programming table: two back (for swaps), one back, and the current one.
	let twoBack = new Array<number>(b.length + 1).fill(0);
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	let row = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		row[0] = i;
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				d = Math.min(d, (twoBack[j - 2] as number) + 1);
			row[j] = d;
			if (d < best) best = d;
		}
		if (best > limit) return limit + 1;
		[twoBack, prev, row] = [prev, row, twoBack];
	}
	return Math.min(prev[b.length] as number, limit + 1);
}

/**
 * The known name `name` was most likely meant to be, or undefined when none is close: at most a third of
 * the shorter name's letters may differ (at least one), and never the whole name ("z" is not a typo of "x").
 * Ties go to the name listed first.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
	const lower = name.toLowerCase();
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of known) {
		const limit = Math.max(1, Math.floor(Math.min(name.length, candidate.length) / 3));
		const d = editDistance(lower, candidate.toLowerCase(), limit);
		if (d <= limit && d < name.length && d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return best;
}
