// Direct manipulation, recorded (docs/ARCHITECTURE.md "Operator actions"): what a learner does to a run
// from the inspector — send a message, pause a producer, crash a consumer, make a message poison, take an
// HTTP endpoint down, split or merge a shard — becomes data in the scenario at the playhead's simulated time:
// a node action (`Actions: [{ action, atMs, … }]`) or, for an endpoint, an outage window in the
// subscription's `Simulated.Outages`. The edit goes through the editor's history, so it is undoable, it is
// in every share link and saved file, and the run that follows is as deterministic as any other.
// Pure functions over the scenario JSON; the Operator panel calls them through EditorState.edit.

type Json = Record<string, unknown>;

/** An action as the scenario stores it. */
export interface OperatorAction {
	action: string;
	atMs: number;
	[param: string]: unknown;
}

/** What the timeline marks: one operator action or outage edge, at its simulated time. */
export interface ActionMarker {
	t: number;
	node: string;
	label: string;
}

/** An outage window that never closed by hand lasts to this time (the schema's largest time). */
export const OPEN_ENDED_MS = 1_000_000_000;

function nodeIn(draft: Json, id: string): Json | undefined {
	return ((draft.nodes as Json[] | undefined) ?? []).find((n) => n.id === id);
}

/** Add `action` to node `id`'s Actions, kept in time order (a stable insert after equal times). */
export function addAction(draft: Json, id: string, action: OperatorAction): boolean {
	const node = nodeIn(draft, id);
	if (!node) return false;
	const list = Array.isArray(node.Actions) ? (node.Actions as OperatorAction[]) : [];
	let k = list.length;
	while (k > 0 && Number(list[k - 1]?.atMs) > action.atMs) k--;
	list.splice(k, 0, action);
	node.Actions = list;
	return true;
}

/** The `~ep:topic:k` id the stage gives an HTTP(S) or other non-queue endpoint. */
export function parseEndpointId(id: string): { topic: string; sub: number } | undefined {
	const m = /^~ep:(.+):(\d+)$/.exec(id);
	return m ? { topic: m[1] as string, sub: Number(m[2]) } : undefined;
}

function subscriptionIn(draft: Json, topic: string, sub: number): Json | undefined {
	const subs = nodeIn(draft, topic)?.Subscriptions;
	return Array.isArray(subs) ? (subs[sub] as Json | undefined) : undefined;
}

function outagesOf(sub: Json | undefined): { fromMs: number; toMs: number; failure?: string }[] {
	const sim = sub?.Simulated as Json | undefined;
	return Array.isArray(sim?.Outages) ? (sim.Outages as { fromMs: number; toMs: number }[]) : [];
}

/** Whether the endpoint is down at `t` by an outage window (SNS-RETRY: every delivery attempt then fails). */
export function endpointDown(scenario: unknown, topic: string, sub: number, t: number): boolean {
	return outagesOf(subscriptionIn(scenario as Json, topic, sub)).some((o) => t >= o.fromMs && t < o.toMs);
}

/**
 * Outage on at `t`: a window from t that stays open (until switched off). Outage off at `t`: the window that
 * holds t ends at t. The windows are the subscription's `Simulated.Outages`, which the endpoint model reads.
 */
export function setOutage(draft: Json, topic: string, sub: number, on: boolean, t: number): boolean {
	const s = subscriptionIn(draft, topic, sub);
	if (!s) return false;
	const simulated = (s.Simulated as Json | undefined) ?? {};
	const windows = outagesOf(s).map((o) => ({ ...o }));
	const open = windows.find((o) => t >= o.fromMs && t < o.toMs);
	if (on) {
		if (open) return false;
		// A later window starting after t is absorbed: the outage now runs from t until switched off.
		const next = windows.filter((o) => o.fromMs > t).sort((a, b) => a.fromMs - b.fromMs)[0];
		windows.push({ fromMs: t, toMs: next ? next.fromMs : OPEN_ENDED_MS });
	} else {
		if (!open) return false;
		open.toMs = t;
	}
	windows.sort((a, b) => a.fromMs - b.fromMs);
	s.Simulated = { ...simulated, Outages: windows.filter((o) => o.toMs > o.fromMs) };
	return true;
}

const LABEL: Record<string, (a: OperatorAction) => string> = {
	'send-message': (a) => `send ${String(a.MessageBody).slice(0, 24)}`,
	'make-poison': (a) => `poison ${String(a.origin)}`,
	pause: () => 'pause',
	resume: () => 'resume',
	'set-rate': (a) => {
		const perSecond = (a.Rate as { perSecond?: number } | undefined)?.perSecond;
		return `rate ${perSecond === undefined ? '' : String(perSecond)}/s`;
	},
	crash: () => 'crash',
	restart: () => 'restart',
	'slow-down': (a) => `slow ×${String(a.factor)}`,
	'fail-all': (a) => (a.on ? 'fail every message' : 'stop failing'),
	split: (a) => `split ${String(a.ShardToSplit).slice(-3)}`,
	merge: (a) => `merge ${String(a.ShardToMerge).slice(-3)}+${String(a.AdjacentShardToMerge).slice(-3)}`,
	'update-shard-count': (a) => `${String(a.TargetShardCount)} shards`,
	'start-message-move-task': () => 'redrive'
};

/** Every operator action and outage edge in the scenario, in time order: the timeline's markers. */
export function actionMarkers(scenario: unknown): ActionMarker[] {
	const out: ActionMarker[] = [];
	for (const n of ((scenario as Json).nodes as Json[] | undefined) ?? []) {
		const id = String(n.id);
		for (const a of (Array.isArray(n.Actions) ? n.Actions : []) as OperatorAction[]) {
			out.push({ t: a.atMs, node: id, label: `${id}: ${LABEL[a.action]?.(a) ?? a.action}` });
		}
		const subs = (Array.isArray(n.Subscriptions) ? n.Subscriptions : []) as Json[];
		for (const s of subs) {
			const name = String(s.Endpoint).split(/[/:]/).filter(Boolean).pop() ?? String(s.Endpoint);
			for (const o of outagesOf(s)) {
				out.push({ t: o.fromMs, node: id, label: `${name}: outage on` });
				if (o.toMs < OPEN_ENDED_MS) out.push({ t: o.toMs, node: id, label: `${name}: outage off` });
			}
		}
	}
	return out.sort((a, b) => a.t - b.t);
}
