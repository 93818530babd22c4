// The usual violation: a checker's rule broken at one trace event (its time, node and message).

import type { Violation } from './violation';

/** A violation of `rule`, found by `checker`, at `at`'s time, node and message. */
export function violationAt(
	checker: string,
	rule: string,
	at: { t: number; node: string; msg?: string | undefined },
	message: string
): Violation {
	return { checker, rule, t: at.t, node: at.node, msg: at.msg, message };
}
