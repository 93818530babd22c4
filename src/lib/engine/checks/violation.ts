// What a checker reports: a named invariant that did not hold, where and when, in words a learner can read.

export interface Violation {
	/** The checker that found it (e.g. `fifo-order`). */
	checker: string;
	/** The SEMANTICS.md rule it breaks. */
	rule: string;
	t: number;
	node: string;
	msg?: string;
	origin?: string;
	message: string;
}

/** A checker reads trace events (in order) and returns what went wrong. */
export type Checker = (events: Iterable<import('../trace').TraceEvent>) => Violation[];
