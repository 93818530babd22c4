// A readable layout of a scenario's topology: producers → topics → queues → consumers, each node one step
// after the nodes that feed it, dead-letter queues beside their sources. Left to right (steps are columns,
// DLQs below), or top to bottom on a phone (steps are rows, DLQs to the right). Each box is sized for what
// its mark draws inside (a queue's sections or FIFO lanes, a stream's shard lanes, a consumer's workers…).
// Connections the scenario implies without naming a node get a node of their own, so every message has
// somewhere to go on the picture: an HTTP/S, email or SMS subscription's endpoint, and a Firehose's S3-like
// sink. Pure: the same scenario and metrics always give the same picture.

import { edgesOf, refId, type Scenario, type ScenarioEdge, type ScenarioNode } from '$lib/engine';
import { NORMAL_METRICS, textWidth, type StageMetrics } from './metrics';

export { NORMAL_METRICS, PHONE_METRICS, PRESENTER_METRICS, type StageMetrics } from './metrics';

export interface LaidOutNode {
	id: string;
	/** The scenario node type, or 'endpoint' / 's3' for the nodes the stage adds. */
	type: string;
	label: string;
	x: number;
	y: number;
	width: number;
	height: number;
	column: number;
	/** A dead-letter queue (drawn beside its source). */
	dlq: boolean;
	/** A node the stage adds (not in the scenario): the topic (endpoint) or Firehose (s3) it belongs to. */
	virtual?: { of: string; endpoint?: string; protocol?: string };
	/** How many lanes (FIFO groups, shards), slots (workers, Lambda batches) the box makes room for. */
	rows: number;
}

export interface LaidOutEdge {
	from: string;
	to: string;
	kind: ScenarioEdge['kind'] | 'delivery' | 'on-failure' | 'sink';
	/** Start and end points (layout units). */
	x1: number;
	y1: number;
	x2: number;
	y2: number;
	/** A subscription's endpoint as the topic knows it (its filter gate stands on this edge), and its index. */
	endpoint?: string;
	sub?: number;
}

export interface Layout {
	metrics: StageMetrics;
	nodes: LaidOutNode[];
	edges: LaidOutEdge[];
	width: number;
	height: number;
	byId: Map<string, LaidOutNode>;
	/** Hop targets that are not node ids (`topic>endpoint`, `firehose>s3`) → the node that stands for them. */
	aliases: Map<string, string>;
}

const MARGIN = 30;
/** Height of the header (kind, title, stats) of a box at the normal metrics; the marks draw below it. */
const HEADER = 58;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** How many FIFO groups the producers writing to a queue will use (a guess from their templates; lanes for up to 5). */
function groupsGuess(scenario: Scenario, queue: ScenarioNode): number {
	let n = 0;
	const name = queue.type === 'sqs-queue' ? (queue.QueueName ?? queue.id) : queue.id;
	for (const p of scenario.nodes) {
		if (p.type !== 'producer' || (p.target !== queue.id && refId(p.target) !== name)) continue;
		const g = p.MessageGroupId;
		if (g === undefined) continue;
		const cycle = /\{cycle:([^}]*)\}/.exec(g);
		const rand = /\{(?:rand|n%):?(\d+)\}/.exec(g);
		n += cycle ? (cycle[1] ?? '').split('|').length : rand ? Number(rand[1]) : 1;
	}
	return clamp(n || 3, 2, 5);
}

/** The most shards a stream holds at once (its closed parents stay until retention passes, KIN-11). */
function shardsGuess(n: Extract<ScenarioNode, { type: 'kinesis-stream' }>): number {
	let shards = n.StreamMode === 'ON_DEMAND' ? 4 : n.ShardCount;
	for (const a of n.Actions) {
		if (a.action === 'split') shards += 2;
		else if (a.action === 'update-shard-count') shards += a.TargetShardCount;
		else shards += 1;
	}
	return clamp(shards, 1, 8);
}

/** Box sizes at the normal metrics, and the rows (lanes, slots) the mark inside needs. */
function sizeOf(scenario: Scenario, spec: ScenarioNode): { width: number; height: number; rows: number } {
	switch (spec.type) {
		case 'sqs-queue': {
			if (spec.FifoQueue) {
				const rows = groupsGuess(scenario, spec);
				return { width: 236, height: HEADER + 8 + rows * 24, rows };
			}
			return { width: 236, height: HEADER + 100, rows: 3 };
		}
		case 'consumer': {
			const rows = Math.ceil(Math.min(spec.Workers, 10) / 5);
			return { width: 196, height: HEADER + 8 + rows * 34, rows };
		}
		case 'kinesis-stream': {
			const rows = shardsGuess(spec);
			return { width: 300, height: HEADER + 8 + rows * 30, rows };
		}
		case 'lambda': {
			const source = scenario.nodes.find(
				(n) => n.id === spec.source || (n.type === 'sqs-queue' && n.QueueName === refId(spec.source))
			);
			const kinesis = source?.type === 'kinesis-stream';
			const rows = kinesis ? clamp(shardsGuess(source) * (spec.ParallelizationFactor ?? 1), 1, 6) : 3;
			return { width: 220, height: HEADER + 8 + rows * 20, rows };
		}
		case 'firehose':
			return { width: 220, height: HEADER + 58, rows: 2 };
		case 'sns-topic':
			return { width: 206, height: HEADER + 52, rows: 1 };
		case 'kinesis-consumer': {
			const source = scenario.nodes.find((n) => n.id === spec.source);
			const rows = source?.type === 'kinesis-stream' ? shardsGuess(source) : 2;
			return { width: 210, height: HEADER + 8 + rows * 16, rows };
		}
		case 'producer':
			return { width: 150, height: HEADER + 12, rows: 0 };
		default:
			return { width: 170, height: HEADER + 20, rows: 0 };
	}
}

function scaled(
	size: { width: number; height: number; rows: number },
	m: StageMetrics
): { width: number; height: number; rows: number } {
	// The header grows with the metrics' text; what is drawn below it keeps its normal size, scaled.
	const header = m.statsY + 10;
	return {
		width: Math.round(size.width * m.widthScale),
		height: Math.round(header + (size.height - HEADER) * m.heightScale),
		rows: size.rows
	};
}

export function layoutScenario(scenario: Scenario, metrics: StageMetrics = NORMAL_METRICS): Layout {
	const m = metrics;
	const ids = new Set(scenario.nodes.map((n) => n.id));
	const byName = new Map<string, string>();
	for (const n of scenario.nodes) if (n.type === 'sqs-queue') byName.set(n.QueueName ?? n.id, n.id);
	const nodeFor = (ref: string) => (ids.has(ref) ? ref : byName.get(refId(ref)));
	const edges: LaidOutEdge[] = edgesOf(scenario)
		.filter((e) => ids.has(e.to))
		.map((e) => ({ ...e, x1: 0, y1: 0, x2: 0, y2: 0 }));
	const aliases = new Map<string, string>();
	// Nodes the stage adds: subscription endpoints that are not queues, and Firehose sinks.
	const virtuals: (LaidOutNode & { after: string })[] = [];
	const addVirtual = (
		id: string,
		after: string,
		label: string,
		type: string,
		virtual: LaidOutNode['virtual']
	) => {
		const size = scaled(
			{
				width: type === 's3' ? 220 : 200,
				height: HEADER + (type === 's3' ? 44 : 16),
				rows: type === 's3' ? 3 : 0
			},
			m
		);
		virtuals.push({
			id,
			type,
			label,
			x: 0,
			y: 0,
			...size,
			column: 0,
			dlq: false,
			after,
			...(virtual ? { virtual } : {})
		});
	};
	for (const n of scenario.nodes) {
		if (n.type === 'sns-topic') {
			n.Subscriptions.forEach((sub, k) => {
				const queue = sub.Protocol === 'sqs' ? nodeFor(sub.Endpoint) : undefined;
				if (queue !== undefined) {
					aliases.set(`${n.id}>${sub.Endpoint}`, queue);
					const e = edges.find(
						(x) => x.from === n.id && x.to === queue && x.kind === 'subscription' && x.sub === undefined
					);
					if (e) {
						e.endpoint = sub.Endpoint;
						e.sub = k;
					}
					return;
				}
				const id = `~ep:${n.id}:${k}`;
				addVirtual(id, n.id, sub.Endpoint, 'endpoint', {
					of: n.id,
					endpoint: sub.Endpoint,
					protocol: sub.Protocol
				});
				aliases.set(`${n.id}>${sub.Endpoint}`, id);
				edges.push({
					from: n.id,
					to: id,
					kind: 'delivery',
					endpoint: sub.Endpoint,
					sub: k,
					x1: 0,
					y1: 0,
					x2: 0,
					y2: 0
				});
			});
		}
		if (n.type === 'firehose') {
			const id = `~s3:${n.id}`;
			addVirtual(id, n.id, `s3://${n.id}-bucket`, 's3', { of: n.id });
			aliases.set(`${n.id}>s3`, id);
			edges.push({ from: n.id, to: id, kind: 'sink', x1: 0, y1: 0, x2: 0, y2: 0 });
		}
		if (n.type === 'lambda' && n.OnFailure !== undefined) {
			const to = nodeFor(n.OnFailure);
			if (to !== undefined) edges.push({ from: n.id, to, kind: 'on-failure', x1: 0, y1: 0, x2: 0, y2: 0 });
		}
	}
	const flow = edges.filter((e) => e.kind !== 'redrive');
	const dlqOf = new Map<string, string>(); // dlq → its first source
	for (const e of edges) if (e.kind === 'redrive' && !dlqOf.has(e.to)) dlqOf.set(e.to, e.from);

	const all: { id: string; spec?: ScenarioNode; v?: LaidOutNode }[] = [
		...scenario.nodes.map((spec) => ({ id: spec.id, spec })),
		...virtuals.map((v) => ({ id: v.id, v }))
	];
	// Longest path from a source gives the step; bounded iterations guard against cycles.
	const column = new Map<string, number>(all.map((n) => [n.id, 0]));
	for (let round = 0; round < all.length; round++) {
		let changed = false;
		for (const e of flow) {
			// An on-failure destination that something else feeds keeps its place; one fed only by the Lambda
			// follows it.
			if (e.kind === 'on-failure' && flow.some((x) => x.to === e.to && x.kind !== 'on-failure')) continue;
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

	// Order within a step: scenario order (virtual nodes after their owner), each DLQ right after its source.
	const columns = new Map<number, string[]>();
	for (const n of all) {
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
	const steps = [...columns].sort((a, b) => a[0] - b[0]);
	const pitch: number[] = [];
	for (const [c, list] of steps) {
		for (const id of list) {
			const entry = all.find((n) => n.id === id);
			if (!entry) continue;
			let node: LaidOutNode;
			if (entry.spec) {
				const spec = entry.spec;
				const size = scaled(sizeOf(scenario, spec), m);
				const label = spec.label ?? (spec.type === 'sqs-queue' ? (spec.QueueName ?? id) : id);
				// Wide enough for the title (longer kinds and stats are shortened to the box with an ellipsis).
				size.width = Math.max(size.width, Math.ceil(textWidth(label, m.titlePx, true) + 2 * m.padX + 4));
				node = { id, type: spec.type, label, x: 0, y: 0, ...size, column: c, dlq: dlqOf.has(id) };
			} else node = { ...(entry.v as LaidOutNode), column: c };
			nodes.push(node);
			byId.set(id, node);
		}
		const placed = list.map((id) => byId.get(id)).filter((n): n is LaidOutNode => n !== undefined);
		pitch[c] = Math.max(...placed.map((n) => (m.vertical ? n.height : n.width)), 0);
	}
	// Along the flow: steps one after another, each as far as its widest node needs.
	const along: number[] = [];
	let at = MARGIN;
	for (const [c] of steps) {
		along[c] = at;
		at += Math.max(m.columnGap, (pitch[c] ?? 0) + (m.vertical ? 40 : 60));
	}
	// Across the flow: the nodes of a step stacked, the step centred against the largest.
	const across = (n: LaidOutNode) => (m.vertical ? n.width : n.height);
	const span = (list: LaidOutNode[]) =>
		list.reduce((sum, n) => sum + across(n), 0) + m.rowGap * Math.max(0, list.length - 1);
	let extent = 0;
	const stepNodes = steps.map(([c, list]) => ({
		c,
		list: list.map((id) => byId.get(id)).filter((n): n is LaidOutNode => n !== undefined)
	}));
	for (const { list } of stepNodes) extent = Math.max(extent, span(list));
	for (const { c, list } of stepNodes) {
		let pos = MARGIN + Math.max(0, (extent - span(list)) / 2);
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
	for (const e of edges) {
		const a = byId.get(e.from);
		const b = byId.get(e.to);
		if (!a || !b) continue;
		const p = exitPoint(a, b, m.vertical);
		const q = entryPoint(b, a, m.vertical);
		e.x1 = p.x;
		e.y1 = p.y;
		e.x2 = q.x;
		e.y2 = q.y;
	}
	return {
		metrics: m,
		nodes,
		edges: edges.filter((e) => byId.has(e.from) && byId.has(e.to)),
		width,
		height: Math.max(height, 200),
		byId,
		aliases
	};
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

/** The node a hop target stands for (a node id, or an alias such as `topic>endpoint`). */
export function nodeFor(layout: Layout, id: string): LaidOutNode | undefined {
	return layout.byId.get(id) ?? layout.byId.get(layout.aliases.get(id) ?? '');
}

/**
 * Whether the connection between two nodes bends vertically (it leaves by a top or bottom side): within a step
 * left to right (a DLQ below its source), or between steps top to bottom.
 */
export function bendsVertically(a: LaidOutNode, b: LaidOutNode, vertical: boolean): boolean {
	const sameStep = a.column === b.column;
	return vertical ? !sameStep : sameStep;
}

/**
 * The point at f (0–1) along the bump curve from p to q (the path d3-shape's linkHorizontal / linkVertical
 * draws): edges are drawn along it, and dots fly along it, so a message stopped at a gate sits on the edge.
 */
export function curvePoint(
	p: { x: number; y: number },
	q: { x: number; y: number },
	f: number,
	vertically: boolean
): { x: number; y: number } {
	const u = 1 - f;
	const b0 = u * u * u;
	const b1 = 3 * u * u * f;
	const b2 = 3 * u * f * f;
	const b3 = f * f * f;
	if (vertically) {
		const my = (p.y + q.y) / 2;
		return { x: b0 * p.x + b1 * p.x + b2 * q.x + b3 * q.x, y: b0 * p.y + b1 * my + b2 * my + b3 * q.y };
	}
	const mx = (p.x + q.x) / 2;
	return { x: b0 * p.x + b1 * mx + b2 * mx + b3 * q.x, y: b0 * p.y + b1 * p.y + b2 * q.y + b3 * q.y };
}

/** The SVG path of that curve. */
export function curvePath(
	p: { x: number; y: number },
	q: { x: number; y: number },
	vertically: boolean
): string {
	if (vertically) {
		const my = (p.y + q.y) / 2;
		return `M${p.x},${p.y}C${p.x},${my},${q.x},${my},${q.x},${q.y}`;
	}
	const mx = (p.x + q.x) / 2;
	return `M${p.x},${p.y}C${mx},${p.y},${mx},${q.y},${q.x},${q.y}`;
}
