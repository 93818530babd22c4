// Operator actions (docs/ARCHITECTURE.md "Operator actions"): what a learner did to a run, recorded in the
// scenario as a node action at a simulated time. Each node schedules its actions as data events
// (`{ type: 'ACTION', k }` at atMs on its own id) when it starts, so they sit in the scheduler's heap like any
// other timer, survive checkpoints and replay on seek; when one fires, the node traces it with this helper
// before doing what it says.

import type { SimContext } from '../../engine/simulation';
import type { OperatorActionName } from '../../engine/trace';

/** The fields every scenario action has. */
export interface ActionSpec {
	action: OperatorActionName;
	atMs: number;
}

/** The action's own parameters: every field but `action` and `atMs`, copied (specs are shared, traces kept). */
export function actionParams(a: ActionSpec): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(a)) {
		if (key === 'action' || key === 'atMs' || value === undefined) continue;
		params[key] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
	}
	return params;
}

/** Trace one `operator-action` event (cause `operator`) for the node's action number `index`. */
export function traceOperatorAction(
	ctx: SimContext,
	node: string,
	index: number,
	a: ActionSpec,
	extra: { origin?: string; ignored?: string } = {}
): void {
	ctx.trace({
		type: 'operator-action',
		node,
		...(extra.origin !== undefined ? { origin: extra.origin } : {}),
		action: a.action,
		index,
		params: actionParams(a),
		...(extra.ignored !== undefined ? { ignored: extra.ignored } : {}),
		cause: 'operator'
	});
}

/** The event that runs a node's operator action number `k`. */
export type ActionEvent = { type: 'ACTION'; k: number };

/** A node's events arriving that it does not know: a bug in whoever scheduled them. */
export function unknownEvent(node: string, event: { type: string }): never {
	throw new Error(`${node}: unknown event ${event.type}`);
}

/** Schedule each action as a data event on the node itself (`{ type: 'ACTION', k }` at atMs). */
export function scheduleActions(ctx: SimContext, node: string, actions: readonly ActionSpec[]): void {
	actions.forEach((a, k) => ctx.at(a.atMs, node, { type: 'ACTION', k }));
}

/** Processing time × factor, in whole milliseconds like every sampled duration (factor 1 changes nothing). */
export function scaledMs(ms: number, factor: number): number {
	return factor === 1 ? ms : Math.round(ms * factor);
}
