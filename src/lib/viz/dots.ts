// Message dots for the stage. A DotTracker is a trace sink: it reads events as the simulation produces them
// and keeps, per message instance, where it rests and the hop it is on; `dotsAt(t)` turns that into positions
// by interpolating between the hop's simulated start and end, so the picture at time t is a pure function
// of t and the trace up to t. Its state is plain data and is part of every checkpoint (mark/rewind), so a
// checkpoint restored — also one computed in the worker — brings the picture with it, with no rebuild.

import type { TraceEvent, TraceSink } from '$lib/engine';
import { entryPoint, exitPoint, type Layout, type LaidOutNode } from './layout';

export type DotKind = 'normal' | 'duplicate' | 'retry' | 'dead' | 'filtered' | 'failed';

export interface Dot {
	key: string;
	msg: string;
	origin: string;
	x: number;
	y: number;
	group?: string;
	kind: DotKind;
	/** Resting in a queue, in flight to a consumer, being processed… */
	state: string;
	node: string;
	/** For in-flight messages: when they were received and when their visibility timeout ends. */
	receivedAt?: number;
	visibleAt?: number;
	moving: boolean;
}

interface Hop {
	from: string;
	to: string;
	start: number;
	end: number;
}

interface Instance {
	key: string;
	msg: string;
	origin: string;
	node: string;
	state: string;
	kind: DotKind;
	group?: string;
	hop?: Hop;
	visibleAt?: number;
	receivedAt?: number;
	/** Gone from the picture after this time (a delete, a filter, an expiry…). */
	removeAt?: number;
	order: number;
}

/** [sim] visual length of an instantaneous hop (a DLQ move, a same-instant SNS delivery). */
export const FLIGHT_MS = 250;
const FADE_MS = 400;

/** A DotTracker's state as plain data (a checkpoint's mark). */
export interface DotTrackerMark {
	instances: Instance[];
	order: number;
}

export class DotTracker implements TraceSink {
	#instances = new Map<string, Instance>();
	/** Latency of each producer and consumer hop, from the scenario. */
	readonly #latency: Map<string, number>;
	#order = 0;
	#sinceSweep = 0;
	#sweepEvery = 1000;

	constructor(latency: Map<string, number>) {
		this.#latency = latency;
	}

	write(e: TraceEvent): void {
		this.#apply(e);
		// Drop instances gone from the picture now and then (dotsAt also does, but a copy of the run that never
		// draws — the worker's — must not keep them): a sweep after as many events as instances, O(1) per event.
		if (++this.#sinceSweep > this.#sweepEvery) {
			this.#sinceSweep = 0;
			for (const [key, inst] of this.#instances)
				if (inst.removeAt !== undefined && inst.removeAt < e.t) this.#instances.delete(key);
			this.#sweepEvery = Math.max(1000, this.#instances.size);
		}
	}

	/** Messages in the picture (not yet gone); the tracker may hold a few more until its next sweep. */
	get size(): number {
		return this.#instances.size;
	}

	mark(): DotTrackerMark {
		return { instances: structuredClone([...this.#instances.values()]), order: this.#order };
	}

	rewind(mark: unknown): void {
		const m = mark as DotTrackerMark;
		this.#instances = new Map(structuredClone(m.instances).map((i) => [i.key, i]));
		this.#order = m.order;
	}

	#put(key: string, patch: Partial<Instance> & { node: string; state: string }, e: TraceEvent): Instance {
		// An instance already gone from the picture counts as absent, whether or not dotsAt has pruned it yet:
		// drawing must never change what the tracker means.
		const prev = this.#live(key, e.t);
		if (!prev) this.#instances.delete(key);
		const inst: Instance = {
			key,
			msg: e.msg ?? prev?.msg ?? e.origin ?? key,
			origin: e.origin ?? prev?.origin ?? e.msg ?? key,
			kind: prev?.kind ?? 'normal',
			order: prev?.order ?? this.#order++,
			...(prev?.group !== undefined ? { group: prev.group } : {}),
			...patch
		};
		if (!('hop' in patch)) delete inst.hop;
		if (!('removeAt' in patch)) delete inst.removeAt;
		if (!('visibleAt' in patch)) delete inst.visibleAt;
		if (!('receivedAt' in patch)) delete inst.receivedAt;
		this.#instances.set(key, inst);
		return inst;
	}

	#apply(e: TraceEvent): void {
		const t = e.t;
		switch (e.type) {
			case 'produced': {
				const lat = this.#latency.get(e.node) ?? 0;
				this.#put(
					`p|${e.origin}`,
					{
						node: e.target,
						state: 'sending',
						hop: { from: e.node, to: e.target, start: t, end: t + Math.max(lat, 1) },
						removeAt: t + Math.max(lat, 1),
						...(e.groupId !== undefined ? { group: e.groupId } : {})
					},
					e
				);
				break;
			}
			case 'enqueued': {
				const fromProducer = this.#instances.has(`p|${e.origin}`);
				const key = `${e.node}|${e.msg}`;
				const prior = e.cause === 'redrive' || e.cause === 'move-task';
				this.#put(
					key,
					{
						node: e.node,
						state: e.visibleAt > t ? 'delayed' : 'available',
						...(fromProducer ? {} : { hop: { from: e.from, to: e.node, start: t, end: t + FLIGHT_MS } }),
						...(e.groupId !== undefined ? { group: e.groupId } : {}),
						...(prior ? { kind: e.cause === 'redrive' ? ('dead' as const) : ('retry' as const) } : {})
					},
					e
				);
				break;
			}
			case 'delay-elapsed':
				this.#patch(`${e.node}|${e.msg}`, { state: 'available' }, t);
				break;
			case 'received': {
				const lat = this.#latency.get(e.by) ?? 10;
				this.#put(
					`${e.node}|${e.msg}`,
					{
						node: e.by,
						state: 'in flight',
						hop: { from: e.node, to: e.by, start: t, end: t + Math.max(lat, 1) },
						visibleAt: e.visibleAt,
						receivedAt: t,
						...(e.duplicate || e.receiveCount > 1
							? { kind: e.duplicate ? ('duplicate' as const) : ('retry' as const) }
							: {})
					},
					e
				);
				break;
			}
			case 'processing-started':
				this.#patch(`${e.queue}|${e.msg}`, { state: 'processing' }, t);
				break;
			case 'processed': {
				// A failed message stays invisible in its queue until the visibility timeout (SQS-STD-4).
				const key = `${e.queue}|${e.msg}`;
				const inst = this.#live(key, t);
				if (!e.ok && inst) {
					this.#put(
						key,
						{
							node: e.queue,
							state: 'failed: invisible until its visibility timeout',
							kind: 'failed',
							hop: { from: inst.node, to: e.queue, start: t, end: t + FLIGHT_MS },
							...(inst.visibleAt !== undefined ? { visibleAt: inst.visibleAt } : {}),
							...(inst.receivedAt !== undefined ? { receivedAt: inst.receivedAt } : {})
						},
						e
					);
				}
				break;
			}
			case 'visibility-expired': {
				const key = `${e.node}|${e.msg}`;
				const inst = this.#live(key, t);
				if (inst) {
					this.#put(
						key,
						{
							node: e.node,
							state: 'available',
							hop: { from: inst.node, to: e.node, start: t, end: t + FLIGHT_MS },
							kind: 'retry'
						},
						e
					);
				}
				break;
			}
			case 'visibility-changed':
				this.#patch(`${e.node}|${e.msg}`, { visibleAt: e.visibleAt }, t);
				break;
			case 'deleted':
			case 'expired':
			case 'purged':
			case 'move-task-moved':
				this.#patch(`${e.node}|${e.msg}`, { removeAt: t + FADE_MS, state: e.type }, t);
				break;
			case 'dead-lettered':
				this.#patch(`${e.node}|${e.msg}`, { removeAt: t, state: 'dead-lettered', kind: 'dead' }, t);
				break;
			case 'published':
				this.#put(`${e.node}|${e.msg}`, { node: e.node, state: 'fanning out', removeAt: t + FLIGHT_MS }, e);
				break;
			case 'filtered-out':
				this.#put(
					`f|${e.node}|${e.msg}|${e.subscription}`,
					{ node: e.node, state: 'filtered out', kind: 'filtered', removeAt: t + 1500 },
					e
				);
				break;
			case 'delivery-attempted':
				if (e.outcome !== 'success') {
					this.#put(
						`r|${e.node}|${e.msg}|${e.subscription}`,
						{ node: e.node, state: `attempt ${e.attempt} failed`, kind: 'failed', removeAt: t + 1500 },
						e
					);
				}
				break;
			case 'record-put':
				// KIN-1: the record lands on its shard (the producer's hop drew its flight); streams keep records
				// for hours, so the stream's shard rows show the load instead of resting dots.
				this.#put(`${e.node}|${e.msg}`, { node: e.node, state: `in ${e.shard}`, removeAt: t }, e);
				break;
			case 'put-throttled':
				this.#put(
					`t|${e.node}|${e.i}`,
					{ node: e.node, state: `throttled on ${e.shard}`, kind: 'failed', removeAt: t + 300 },
					e
				);
				break;
			case 'record-processed':
				this.#put(
					`${e.node}|${e.msg}`,
					{
						node: e.by,
						state: 'processed',
						hop: { from: this.#streamOf(e.shard, e.node), to: e.by, start: t, end: t + FLIGHT_MS },
						removeAt: t + FLIGHT_MS + FADE_MS
					},
					e
				);
				break;
			default:
				break;
		}
	}

	/** The stream a consumer reads (learned from the scenario). */
	#streamOf(_shard: string, consumer: string): string {
		return this.#sources.get(consumer) ?? consumer;
	}

	#sources = new Map<string, string>();

	/** Where each consumer reads from, for hops drawn from trace events that name only the consumer. */
	setSources(sources: Map<string, string>): void {
		this.#sources = sources;
	}

	/** The instance under `key` if it is still in the picture at time t. */
	#live(key: string, t: number): Instance | undefined {
		const inst = this.#instances.get(key);
		return inst && (inst.removeAt === undefined || inst.removeAt >= t) ? inst : undefined;
	}

	#patch(key: string, patch: Partial<Instance>, t: number): void {
		const inst = this.#live(key, t);
		if (inst) Object.assign(inst, patch);
	}

	/** The dots at simulated time t (the tracker must have read the trace up to t). */
	dotsAt(t: number, layout: Layout): Dot[] {
		const out: Dot[] = [];
		// Resting dots sit below the node's lines of text.
		const textBottom = layout.metrics.statsY + 4;
		const vertical = layout.metrics.vertical;
		// Per node, looked up once per call: its box, how many resting dots it shows so far and how many fit.
		const nodes = new Map<string, { node: LaidOutNode; shown: number; fits: number } | null>();
		// Hop end points per pair of nodes, computed once per call rather than once per moving dot.
		const ends = new Map<
			LaidOutNode,
			Map<LaidOutNode, { a: { x: number; y: number }; b: { x: number; y: number } }>
		>();
		// The map iterates in first-insertion order, which is `order` (an instance keeps its order when it is
		// updated, and a removed key comes back with a new, larger one): no sort per frame.
		for (const inst of this.#instances.values()) {
			if (inst.removeAt !== undefined && inst.removeAt < t) {
				this.#instances.delete(inst.key);
				continue;
			}
			let info = nodes.get(inst.node);
			if (info === undefined) {
				const n = layout.byId.get(inst.node);
				info = n ? { node: n, shown: 0, fits: slotsIn(n, textBottom) } : null;
				nodes.set(inst.node, info);
			}
			if (!info) continue;
			const node = info.node;
			let x: number;
			let y: number;
			let moving = false;
			const hop = inst.hop;
			const from = hop ? layout.byId.get(hop.from) : undefined;
			if (hop && from && t < hop.end) {
				let byTo = ends.get(from);
				if (!byTo) ends.set(from, (byTo = new Map()));
				let end = byTo.get(node);
				if (!end)
					byTo.set(node, (end = { a: exitPoint(from, node, vertical), b: entryPoint(node, from, vertical) }));
				const { a, b } = end;
				const f = Math.min(1, Math.max(0, (t - hop.start) / Math.max(1, hop.end - hop.start)));
				x = a.x + (b.x - a.x) * f;
				y = a.y + (b.y - a.y) * f;
				moving = true;
			} else {
				if (info.shown >= info.fits) continue; // More than fit: the node shows the count.
				const p = slot(node, info.shown++, textBottom) as { x: number; y: number };
				x = p.x;
				y = p.y;
			}
			const dot: Dot = {
				key: inst.key,
				msg: inst.msg,
				origin: inst.origin,
				x,
				y,
				kind: inst.kind,
				state: inst.state,
				node: inst.node,
				moving
			};
			if (inst.group !== undefined) dot.group = inst.group;
			if (inst.visibleAt !== undefined) dot.visibleAt = inst.visibleAt;
			if (inst.receivedAt !== undefined) dot.receivedAt = inst.receivedAt;
			out.push(dot);
		}
		return out;
	}
}

const PITCH = 9;

/** How many resting dots fit on a node: a grid below its lines of text. */
function slotsIn(n: LaidOutNode, top: number): number {
	return Math.floor((n.width - 12) / PITCH) * Math.max(1, Math.floor((n.height - top - 6) / PITCH));
}

/** Resting dots fill a grid in the lower part of a node box, from the bottom up. */
function slot(n: LaidOutNode, k: number, top: number): { x: number; y: number } | undefined {
	const cols = Math.floor((n.width - 12) / PITCH);
	if (k >= slotsIn(n, top)) return undefined;
	const row = Math.floor(k / cols);
	const col = k % cols;
	return { x: n.x + 10 + col * PITCH, y: n.y + n.height - 8 - row * PITCH };
}
