// A readable layout of a scenario's topology: producers → topics → queues → consumers, each node one step
// after the nodes that feed it, dead-letter queues beside their sources. Left to right (steps are columns,
// DLQs below), or top to bottom on a phone (steps are rows, DLQs to the right). Pure: the same scenario and
// metrics always give the same picture.

import { edgesOf, type Scenario, type ScenarioEdge } from '$lib/engine';
import { NORMAL_METRICS, textWidth, type StageMetrics } from './metrics';

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
	metrics: StageMetrics;
	nodes: LaidOutNode[];
	edges: LaidOutEdge[];
	width: number;
	height: number;
	byId: Map<string, LaidOutNode>;
}

export { NORMAL_METRICS, PHONE_METRICS, PRESENTER_METRICS, type StageMetrics } from './metrics';

const MARGIN = 30;

function sizeOf(type: string, m: StageMetrics): { width: number; height: number } {
	const base =
		type === 'sqs-queue'
			? { width: 190, height: 96 }
			: type === 'kinesis-stream'
				? { width: 210, height: 130 }
				: type === 'firehose'
					? { width: 200, height: 80 }
					: type === 'sns-topic'
						? { width: 170, height: 72 }
						: type === 'producer'
							? { width: 150, height: 64 }
							: { width: 150, height: 80 };
	return { width: Math.round(base.width * m.widthScale), height: Math.round(base.height * m.heightScale) };
}

export function layoutScenario(scenario: Scenario, metrics: StageMetrics = NORMAL_METRICS): Layout {
	const m = metrics;
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
	// Each step of the flow: its nodes, their sizes, and how much room the step needs across the flow.
	const steps = [...columns].sort((a, b) => a[0] - b[0]);
	const pitch: number[] = [];
	for (const [c, ids] of steps) {
		for (const id of ids) {
			const spec = scenario.nodes.find((n) => n.id === id);
			if (!spec) continue;
			const size = sizeOf(spec.type, m);
			// Wide enough for the title (the kind line and stats are clipped to the box if they are longer).
			size.width = Math.max(
				size.width,
				Math.ceil(textWidth(spec.label ?? id, m.titlePx, true) + 2 * m.padX + 4)
			);
			const node: LaidOutNode = {
				id,
				type: spec.type,
				label: spec.label ?? id,
				x: 0,
				y: 0,
				...size,
				column: c,
				dlq: dlqOf.has(id)
			};
			nodes.push(node);
			byId.set(id, node);
		}
		const list = ids.map((id) => byId.get(id)).filter((n): n is LaidOutNode => n !== undefined);
		// Along the flow: the widest (or, vertical, the tallest) node of the step plus the gap.
		pitch[c] = Math.max(...list.map((n) => (m.vertical ? n.height : n.width)), 0);
	}
	// Along the flow: steps one after another, each as far as its widest node needs (at least the pitch).
	const along: number[] = [];
	let at = MARGIN;
	for (const [c] of steps) {
		along[c] = at;
		at += Math.max(m.columnGap, (pitch[c] ?? 0) + (m.vertical ? 40 : 60));
	}
	// Across the flow: the nodes of a step stacked, the step centred against the largest.
	const across = (n: LaidOutNode) => (m.vertical ? n.width : n.height);
	let extent = 0;
	for (const [, ids] of steps) {
		const list = ids.map((id) => byId.get(id)).filter((n): n is LaidOutNode => n !== undefined);
		extent = Math.max(
			extent,
			list.reduce((sum, n) => sum + across(n), 0) + m.rowGap * Math.max(0, list.length - 1)
		);
	}
	for (const [c, ids] of steps) {
		const list = ids.map((id) => byId.get(id)).filter((n): n is LaidOutNode => n !== undefined);
		const used = list.reduce((sum, n) => sum + across(n), 0) + m.rowGap * Math.max(0, list.length - 1);
		let pos = MARGIN + Math.max(0, (extent - used) / 2);
		for (const n of list) {
			if (m.vertical) {
				n.x = pos;
				n.y = along[c] ?? MARGIN;
			} else {
				n.x = along[c] ?? MARGIN;
				n.y = pos;
			}
			pos += across(n) + m.rowGap;
		}
	}
	const width = Math.max(...nodes.map((n) => n.x + n.width), 0) + MARGIN;
	const height = Math.max(...nodes.map((n) => n.y + n.height), 0) + MARGIN;
	const laidEdges: LaidOutEdge[] = edges
		.map((e) => {
			const a = byId.get(e.from);
			const b = byId.get(e.to);
			if (!a || !b) return undefined;
			const p = exitPoint(a, b, m.vertical);
			const q = entryPoint(b, a, m.vertical);
			return { ...e, x1: p.x, y1: p.y, x2: q.x, y2: q.y };
		})
		.filter((e): e is LaidOutEdge => e !== undefined);
	return { metrics: m, nodes, edges: laidEdges, width, height: Math.max(height, 200), byId };
}

/**
 * Where a dot (or an edge) leaves a node for another, and where it enters one. Between steps of the flow it
 * leaves by the side facing the next step; within a step (a DLQ beside its source) by the side facing the other.
 */
export function exitPoint(n: LaidOutNode, to: LaidOutNode, vertical = false): { x: number; y: number } {
	return side(n, to, vertical);
}

export function entryPoint(n: LaidOutNode, from: LaidOutNode, vertical = false): { x: number; y: number } {
	return side(n, from, vertical);
}

function side(n: LaidOutNode, other: LaidOutNode, vertical: boolean): { x: number; y: number } {
	const sameStep = other.column === n.column;
	// Left to right: steps are columns (DLQs below); top to bottom: steps are rows (DLQs to the right).
	const acrossFlow = vertical ? !sameStep : sameStep;
	if (acrossFlow) return { x: n.x + n.width / 2, y: other.y > n.y ? n.y + n.height : n.y };
	return other.x > n.x ? { x: n.x + n.width, y: n.y + n.height / 2 } : { x: n.x, y: n.y + n.height / 2 };
}
