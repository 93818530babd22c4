// How many trace events a run has before a time, known only at some points (its checkpoints, where it is):
// the worker and the page both estimate it so, to choose where a seek starts and how much history it keeps.

/** A place in a run: its simulated time and the trace events before it. */
export interface TracePoint {
	t: number;
	count: number;
}

/**
 * Trace events before time t, interpolated linearly between the points around it (points in time order): the
 * last point's count at or past it, 0 before the first.
 */
export function eventsAt(points: readonly TracePoint[], t: number): number {
	let before: TracePoint | undefined;
	for (const p of points) {
		if (p.t <= t) {
			before = p;
			continue;
		}
		if (!before) return 0;
		return before.count + ((p.count - before.count) * (t - before.t)) / (p.t - before.t);
	}
	return before?.count ?? 0;
}
