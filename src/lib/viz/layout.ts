// A readable left-to-right layout of a scenario's topology: producers → topics → queues → consumers, each
// node in the column after the nodes that feed it, dead-letter queues right below their sources. Pure: the
// same scenario always gives the same picture.

import { edgesOf, type Scenario, type ScenarioEdge } from '$lib/engine';

export interface LaidOutNode {
	id: string;
	type: string;
	label: string;
	x: number;
	y: number;
	width: number;
	height: number;
	column: number;
	/** A dead-letter queue (drawn beside its source). */
	dlq: boolean;
}

export interface LaidOutEdge extends ScenarioEdge {
	/** Start and end points: the right edge of `from`, the left edge of `to` (redrive: bottom to top). */
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

export interface Layout {
	nodes: LaidOutNode[];
	edges: LaidOutEdge[];
	width: number;
	height: number;
	byId: Map<string, LaidOutNode>;
}

export const COLUMN_GAP = 230;
export const ROW_GAP = 40;
const MARGIN = 30;

function sizeOf(type: string): { width: number; height: number } {
	if (type === 'sqs-queue') return { width: 190, height: 96 };
	if (type === 'kinesis-stream') return { width: 210, height: 130 };
	if (type === 'firehose') return { width: 200, height: 80 };
	if (type === 'sns-topic') return { width: 170, height: 72 };
	if (type === 'producer') return { width: 150, height: 64 };
	return { width: 150, height: 80 };
}

export function layoutScenario(scenario: Scenario): Layout {
	const edges = edgesOf(scenario).filter((e) => scenario.nodes.some((n) => n.id === e.to));
	const flow = edges.filter((e) => e.kind !== 'redrive');
	const dlqOf = new Map<string, string>(); // dlq → its first source
	for (const e of edges) if (e.kind === 'redrive' && !dlqOf.has(e.to)) dlqOf.set(e.to, e.from);

	// Longest path from a source gives the column; bounded iterations guard against cycles.
	const column = new Map<string, number>(scenario.nodes.map((n) => [n.id, 0]));
	for (let round = 0; round < scenario.nodes.length; round++) {
		let changed = false;
		for (const e of flow) {
			const c = (column.get(e.from) ?? 0) + 1;
			// A DLQ's own inputs do not move it: it sits beside its source.
			if (c > (column.get(e.to) ?? 0) && !dlqOf.has(e.to)) {
				column.set(e.to, c);
				changed = true;
			}
		}
		for (const [dlq, source] of dlqOf) {
			const c = column.get(source) ?? 0;
			if (column.get(dlq) !== c) {
				column.set(dlq, c);
				changed = true;
			}
		}
		if (!changed) break;
	}

	// Order within a column: scenario order, each DLQ right after its source.
	const columns = new Map<number, string[]>();
	for (const n of scenario.nodes) {
		if (dlqOf.has(n.id)) continue;
		const c = column.get(n.id) ?? 0;
		columns.set(c, [...(columns.get(c) ?? []), n.id]);
	}
	for (const [dlq, source] of dlqOf) {
		const c = column.get(source) ?? 0;
		const list = columns.get(c) ?? [];
		const at = list.indexOf(source);
		list.splice(at < 0 ? list.length : at + 1, 0, dlq);
		columns.set(c, list);
	}

	const nodes: LaidOutNode[] = [];
	const byId = new Map<string, LaidOutNode>();
	let height = 0;
	for (const [c, ids] of [...columns].sort((a, b) => a[0] - b[0])) {
		let y = MARGIN;
		for (const id of ids) {
			const spec = scenario.nodes.find((n) => n.id === id);
			if (!spec) continue;
			const size = sizeOf(spec.type);
			const node: LaidOutNode = {
				id,
				type: spec.type,
				label: spec.label ?? id,
				x: MARGIN + c * COLUMN_GAP,
				y,
				...size,
				column: c,
				dlq: dlqOf.has(id)
			};
			nodes.push(node);
			byId.set(id, node);
			y += size.height + ROW_GAP;
		}
		height = Math.max(height, y);
	}
	// Centre each column vertically against the tallest.
	for (const [, ids] of columns) {
		const list = ids.map((id) => byId.get(id)).filter((n): n is LaidOutNode => n !== undefined);
		const last = list[list.length - 1];
		if (!last) continue;
		const used = last.y + last.height - MARGIN;
		const shift = (height - MARGIN - ROW_GAP - used) / 2;
		for (const n of list) n.y += Math.max(0, shift);
	}
	const width = Math.max(...nodes.map((n) => n.x + n.width), 0) + MARGIN;
	const laidEdges: LaidOutEdge[] = edges
		.map((e) => {
			const a = byId.get(e.from);
			const b = byId.get(e.to);
			if (!a || !b) return undefined;
			if (e.kind === 'redrive') {
				return { ...e, x1: a.x + a.width / 2, y1: a.y + a.height, x2: b.x + b.width / 2, y2: b.y };
			}
			return { ...e, x1: a.x + a.width, y1: a.y + a.height / 2, x2: b.x, y2: b.y + b.height / 2 };
		})
		.filter((e): e is LaidOutEdge => e !== undefined);
	return { nodes, edges: laidEdges, width, height: Math.max(height, 200), byId };
}

/** Where a dot leaves a node, and where it enters one. */
export function exitPoint(n: LaidOutNode, to: LaidOutNode): { x: number; y: number } {
	if (to.column === n.column) return { x: n.x + n.width / 2, y: to.y > n.y ? n.y + n.height : n.y };
	return to.x > n.x ? { x: n.x + n.width, y: n.y + n.height / 2 } : { x: n.x, y: n.y + n.height / 2 };
}

export function entryPoint(n: LaidOutNode, from: LaidOutNode): { x: number; y: number } {
	if (from.column === n.column) return { x: n.x + n.width / 2, y: from.y > n.y ? n.y + n.height : n.y };
	return from.x < n.x ? { x: n.x, y: n.y + n.height / 2 } : { x: n.x + n.width, y: n.y + n.height / 2 };
}
