// Bounding the nesting of plain JSON-like values before anything recursive (JSON.stringify, a parser) sees
// them: deep enough input would otherwise overflow the stack. Used by the scenario schema and by the filter
// policy parser.

/** Whether a value nests objects or arrays more than `limit` levels deep (iterative: deep input is safe). */
export function nestsDeeperThan(x: unknown, limit: number): boolean {
	const stack: [unknown, number][] = [[x, 0]];
	while (stack.length > 0) {
		const [value, depth] = stack.pop() as [unknown, number];
		if (value === null || typeof value !== 'object') continue;
		if (depth > limit) return true;
		for (const child of Object.values(value)) stack.push([child, depth + 1]);
	}
	return false;
}
