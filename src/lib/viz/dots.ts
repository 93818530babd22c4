// What the stage knows only from the trace. A DotTracker is a trace sink that keeps, from the events the run
// produces: the hops in flight between nodes (a send, a receive, a failed message going back, a delivery, a
// message stopped at a subscription's filter, a dead-lettering, a record handed to a consumer…), each message's
// kind (duplicate, redelivered, failed, dead-lettered…), who is processing what since when, each subscription's
// last filter decision and each shard's last throttle. Resting messages are drawn by the node marks from the
// models' state; the tracker places only the moving ones, by interpolating each hop between its simulated start
// and end, so the picture at time t is a pure function of t and the trace up to t. Its state is plain data and
// part of every checkpoint (mark/rewind), so a restored checkpoint — also one computed in the worker — brings
// it along.

import type { TraceEvent, TraceSink } from '$lib/engine';
import type { Token } from './marks/tokens';
import {
	bendsVertically,
	curvePoint,
	entryPoint,
	exitPoint,
	nodeFor,
	type LaidOutNode,
	type Layout
} from './layout';

export type DotKind = 'normal' | 'duplicate' | 'retry' | 'dead' | 'filtered' | 'failed' | 'throttled';

/** Kept for callers of the earlier API: a token is the dot. */
export type Dot = Token;

interface Hop {
	key: string;
	/**
	 * Where the tracker files it: the event's index for a hop only that event makes (a receive, a failure, a
	 * record processed…), the message's origin for a send (its enqueue looks it up), else the key. Numbers and
	 * origins are never hashed as text, and no other key can be an origin (node ids have no `|`).
	 */
	id: string | number;
	msg: string;
	origin: string;
	from: string;
	to: string;
	start: number;
	end: number;
	/** Stop part of the way (0–1), e.g. at a subscription's filter gate, and rest there until `removeAt`. */
	stop?: number;
	removeAt: number;
	kind: DotKind;
	state: string;
	group?: string;
	order: number;
}

/** Who is processing what: by the trace's worker name (`consumer/0`, `lambda/shard…`). */
interface Work {
	t: number;
	until: number;
	msg: string;
	queue: string;
}

/** A DotTracker's state as plain data (a checkpoint's mark). */
export interface DotTrackerMark {
	hops: Hop[];
	kinds: [string, DotKind][];
	work: [string, Work][];
	gates: [string, { t: number; passed: boolean; msg: string }][];
	throttles: [string, number][];
	trimmed: [string, number][];
	order: number;
}

/** [sim] visual length of an instantaneous hop (a DLQ move, a same-instant SNS delivery). */
export const FLIGHT_MS = 250;
/** How long a stopped token (filtered out, a failed attempt) stays visible where it stopped. */
const LINGER_MS = 1500;
/** Where along a subscription's edge its filter gate stands. */
export const GATE_AT = 0.62;
const NO_EXTRA = {};
/** Where a send's hop is filed: its origin (what its enqueue looks up); a send without one (none now) by its key. */
const sendId = (origin: string | undefined): string => origin ?? 'p|undefined';

/** A connection dots fly along: its nodes, where it leaves and enters them, and how it bends. */
interface Edge {
	a: LaidOutNode;
	b: LaidOutNode;
	p: { x: number; y: number };
	q: { x: number; y: number };
	bends: boolean;
}

export class DotTracker implements TraceSink {
	#hops = new Map<string | number, Hop>();
	#kinds = new Map<string, DotKind>();
	#work = new Map<string, Work>();
	#gates = new Map<string, { t: number; passed: boolean; msg: string }>();
	#throttles = new Map<string, number>();
	#trimmed = new Map<string, number>();
	/** Latency of each producer and consumer hop, from the scenario. */
	readonly #latency: Map<string, number>;
	readonly #sentences = new Map<string, Map<string, string>>();
	#sources = new Map<string, string>();
	#order = 0;
	#sinceSweep = 0;
	/** Simulated time of the latest event written. */
	#lastT = Number.NEGATIVE_INFINITY;

	constructor(latency: Map<string, number>) {
		this.#latency = latency;
	}

	/** Where each consumer reads from, for hops drawn from trace events that name only the consumer. */
	setSources(sources: Map<string, string>): void {
		this.#sources = sources;
	}

	/** Hops and stopped tokens held (the picture's moving part, for the run's limits). */
	get size(): number {
		return this.#hops.size + this.#kinds.size;
	}

	/** The kind of a message at a node (duplicate, redelivered, failed, dead-lettered…), normal when unknown. */
	kindOf(node: string, msg: string): DotKind {
		// Most runs mark few messages: no key is built while none is marked.
		return this.#kinds.size === 0 ? 'normal' : (this.#kinds.get(`${node}|${msg}`) ?? 'normal');
	}

	/** A hop's sentence, made once per node and phrase (thousands of hops share a few). */
	#said(phrase: string, node: string): string {
		let byNode = this.#sentences.get(phrase);
		if (!byNode) this.#sentences.set(phrase, (byNode = new Map<string, string>()));
		let text = byNode.get(node);
		if (text === undefined) byNode.set(node, (text = `${phrase} ${node}`));
		return text;
	}

	/** What the worker (the trace's worker name) is processing, since when and until when. */
	workOf(worker: string): Work | undefined {
		return this.#work.get(worker);
	}

	/** A subscription's last filter decision (SNS-FP-1), for its gate. */
	gateOf(subscription: string): { t: number; passed: boolean; msg: string } | undefined {
		return this.#gates.get(subscription);
	}

	/** When a shard last refused a put (KIN-4), for its lane to flash. */
	throttledAt(stream: string, shard: string): number | undefined {
		return this.#throttles.get(`${stream}/${shard}`);
	}

	/** Records a shard has lost to retention (KIN-10), so ordinals keep counting from the first record. */
	trimmed(stream: string, shard: string): number {
		return this.#trimmed.get(`${stream}/${shard}`) ?? 0;
	}

	write(e: TraceEvent): void {
		this.#apply(e);
		this.#lastT = e.t;
		// Drop hops that are over now and then; a sweep after as many events as it holds, O(1) per event.
		if (++this.#sinceSweep > Math.max(1000, this.#hops.size)) this.#sweep();
	}

	/** Drops the hops over before the latest event (no picture from then on shows them). */
	#sweep(): void {
		this.#sinceSweep = 0;
		const t = this.#lastT;
		// By value (a hop knows its id): iterating entries made a [key, hop] pair per hop held.
		for (const hop of this.#hops.values()) if (hop.removeAt < t) this.#hops.delete(hop.id);
	}

	mark(): DotTrackerMark {
		// A checkpoint copies only the hops still to be drawn: most of those held between sweeps are over.
		this.#sweep();
		return structuredClone({
			hops: [...this.#hops.values()],
			kinds: [...this.#kinds],
			work: [...this.#work],
			gates: [...this.#gates],
			throttles: [...this.#throttles],
			trimmed: [...this.#trimmed],
			order: this.#order
		});
	}

	rewind(mark: unknown): void {
		const m = structuredClone(mark as DotTrackerMark);
		this.#hops = new Map(m.hops.map((h) => [h.id, h]));
		this.#kinds = new Map(m.kinds);
		this.#work = new Map(m.work);
		this.#gates = new Map(m.gates);
		this.#throttles = new Map(m.throttles);
		this.#trimmed = new Map(m.trimmed);
		this.#order = m.order;
		// Unknown until the next event: a mark right after a rewind keeps every hop.
		this.#lastT = Number.NEGATIVE_INFINITY;
	}

	/** A hop filed under `id` (Hop.id); one filed under the same text before is replaced, and ends up last. */
	#hop(
		key: string,
		id: string | number,
		e: TraceEvent,
		from: string,
		to: string,
		ms: number,
		extra: {
			stop?: number;
			kind?: DotKind;
			state?: string;
			group?: string | undefined;
			removeAt?: number;
		} = NO_EXTRA
	): void {
		const end = e.t + Math.max(1, ms);
		// An event's index is filed once: only text ids can be there already.
		if (typeof id !== 'number') this.#hops.delete(id);
		// Assigned rather than spread: a hop or two per message.
		const hop: Hop = {
			key,
			id,
			msg: e.msg ?? e.origin ?? key,
			origin: e.origin ?? e.msg ?? key,
			from,
			to,
			start: e.t,
			end,
			removeAt: extra.removeAt ?? end,
			kind: extra.kind ?? 'normal',
			state: extra.state ?? this.#said('on its way to', to),
			order: this.#order++
		};
		if (extra.stop !== undefined) hop.stop = extra.stop;
		if (extra.group !== undefined) hop.group = extra.group;
		this.#hops.set(id, hop);
	}

	#apply(e: TraceEvent): void {
		switch (e.type) {
			case 'produced':
				this.#hop(`p|${e.origin}`, sendId(e.origin), e, e.node, e.target, this.#latency.get(e.node) ?? 0, {
					state: this.#said('sent to', e.target),
					group: e.groupId
				});
				break;
			case 'enqueued': {
				const k = `${e.node}|${e.msg}`;
				if (e.cause === 'redrive') this.#kinds.set(k, 'dead');
				else if (e.cause === 'move-task') this.#kinds.set(k, 'retry');
				// Arrivals other than a producer's send fly in from where they came (a topic, a DLQ move).
				if (!this.#hops.has(sendId(e.origin)) && e.from !== e.node) {
					this.#hop(`e|${k}`, `e|${k}`, e, e.from, e.node, FLIGHT_MS, {
						...(e.cause === 'redrive'
							? { kind: 'dead' as const, state: `dead-lettered into ${e.node}` }
							: {}),
						...(e.groupId !== undefined ? { group: e.groupId } : {})
					});
				}
				break;
			}
			case 'received': {
				const k = `${e.node}|${e.msg}`;
				if (e.duplicate) this.#kinds.set(k, 'duplicate');
				else if (e.receiveCount > 1 && this.#kinds.get(k) !== 'dead') this.#kinds.set(k, 'retry');
				const kind = this.#kinds.size === 0 ? 'normal' : (this.#kinds.get(k) ?? 'normal');
				// The message stays in its queue, in flight (the queue's mark draws it with its timer); a copy flies to
				// whoever received it.
				this.#hop(`r|${k}|${e.i}`, e.i, e, e.node, e.by, this.#latency.get(e.by) ?? 10, {
					kind,
					state: this.#said('received by', e.by),
					group: e.groupId
				});
				break;
			}
			case 'processing-started':
				this.#work.set(e.worker, { t: e.t, until: e.until, msg: e.msg ?? '', queue: e.queue });
				break;
			case 'processed': {
				this.#work.delete(e.worker);
				if (!e.ok) {
					// A failed message goes back: it stays invisible in its queue until its visibility timeout (SQS-STD-4).
					const k = `${e.queue}|${e.msg}`;
					this.#kinds.set(k, 'failed');
					this.#hop(`x|${k}|${e.i}`, e.i, e, e.node, e.queue, FLIGHT_MS, {
						kind: 'failed',
						state: `failed at ${e.node}; invisible in ${e.queue} until its visibility timeout`
					});
				}
				break;
			}
			case 'visibility-expired': {
				const k = `${e.node}|${e.msg}`;
				if (this.#kinds.get(k) !== 'dead') this.#kinds.set(k, 'retry');
				break;
			}
			case 'deleted':
			case 'expired':
			case 'purged':
			case 'move-task-moved':
			case 'dead-lettered':
				if (this.#kinds.size > 0) this.#kinds.delete(`${e.node}|${e.msg}`);
				break;
			case 'filtered-out': {
				// SNS-FP-1: the message stops at the subscription's gate, and goes no further.
				this.#gates.set(e.subscription, { t: e.t, passed: false, msg: e.msg ?? '' });
				const f = `f|${e.node}|${e.msg}|${e.subscription}`;
				this.#hop(f, f, e, e.node, `${e.node}>${e.endpoint}`, FLIGHT_MS, {
					stop: GATE_AT,
					kind: 'filtered',
					state: `filtered out at ${e.subscription}`,
					removeAt: e.t + LINGER_MS
				});
				break;
			}
			case 'delivery-attempted':
				if (e.outcome === 'success') {
					this.#gates.set(e.subscription, { t: e.t, passed: true, msg: e.msg ?? '' });
					if (e.protocol !== 'sqs') {
						const d = `d|${e.node}|${e.msg}|${e.subscription}`;
						this.#hop(d, d, e, e.node, `${e.node}>${e.endpoint}`, FLIGHT_MS, {
							state: `delivered to ${e.endpoint}`
						});
					}
				} else {
					this.#gates.set(e.subscription, { t: e.t, passed: true, msg: e.msg ?? '' });
					const a = `a|${e.node}|${e.msg}|${e.subscription}`;
					this.#hop(a, a, e, e.node, `${e.node}>${e.endpoint}`, FLIGHT_MS, {
						stop: 0.9,
						kind: 'failed',
						state: `attempt ${e.attempt} failed (${e.status ?? e.outcome})`,
						removeAt: e.t + LINGER_MS
					});
				}
				break;
			case 'put-throttled':
				this.#throttles.set(`${e.node}/${e.shard}`, e.t);
				this.#hop(`t|${e.node}|${e.i}`, e.i, e, e.from, e.node, FLIGHT_MS, {
					stop: 0.85,
					kind: 'throttled',
					state: `throttled on ${e.shard}`,
					removeAt: e.t + 600
				});
				break;
			case 'record-expired':
				this.#trimmed.set(`${e.node}/${e.shard}`, this.trimmed(e.node, e.shard) + 1);
				break;
			case 'record-processed':
				this.#hop(
					`k|${e.node}|${e.msg}|${e.by}|${e.i}`,
					e.i,
					e,
					this.#sources.get(e.by) ?? e.node,
					e.by,
					FLIGHT_MS,
					{
						...(e.replay ? { kind: 'retry' as const } : e.ok ? {} : { kind: 'failed' as const }),
						state: `${e.ok ? 'processed' : 'failed'} by ${e.by}${e.replay ? ' (a replay)' : ''}`
					}
				);
				break;
			case 'batch-discarded':
				// ESM-KIN-5: the batch's metadata goes to the on-failure destination.
				if (e.destination !== undefined)
					this.#hop(`o|${e.node}|${e.i}`, e.i, e, e.node, e.destination, FLIGHT_MS * 2, {
						kind: 'dead',
						state: `batch ${e.firstSeq.slice(-4)}…${e.lastSeq.slice(-4)} given up: metadata to ${e.destination}`
					});
				break;
			case 'firehose-delivered':
				this.#hop(`s|${e.node}|${e.i}`, e.i, e, e.node, `${e.node}>s3`, FLIGHT_MS * 2, {
					state: `object ${e.key}`
				});
				break;
			default:
				break;
		}
	}

	/**
	 * The tokens in flight at simulated time t, positioned on `layout` with radius r. A hop whose end is not a
	 * scenario node (`topic>endpoint`, `firehose>s3`) goes to the node the layout adds for it.
	 */
	dotsAt(t: number, layout: Layout, r = 5): Token[] {
		const out: Token[] = [];
		const vertical = layout.metrics.vertical;
		// Thousands of hops share a few edges: each edge's ends are worked out once per call.
		const edges = new Map<string, Map<string, Edge | null>>();
		for (const hop of this.#hops.values()) {
			if (hop.removeAt < t) {
				this.#hops.delete(hop.id);
				continue;
			}
			if (t < hop.start) continue;
			let from = edges.get(hop.from);
			if (!from) edges.set(hop.from, (from = new Map<string, Edge | null>()));
			let edge = from.get(hop.to);
			if (edge === undefined) {
				const a = nodeFor(layout, hop.from);
				const b = nodeFor(layout, hop.to);
				edge =
					a && b
						? {
								a,
								b,
								p: exitPoint(a, b, vertical),
								q: entryPoint(b, a, vertical),
								bends: bendsVertically(a, b, vertical)
							}
						: null;
				from.set(hop.to, edge);
			}
			if (!edge) continue;
			const { a, b, p, q } = edge;
			const along = Math.min(1, Math.max(0, (t - hop.start) / Math.max(1, hop.end - hop.start)));
			const f = hop.stop !== undefined ? Math.min(hop.stop, along) : along;
			if (hop.stop === undefined && along >= 1) continue;
			const at = curvePoint(p, q, f, edge.bends);
			out.push({
				key: hop.key,
				msg: hop.msg,
				origin: hop.origin,
				x: at.x,
				y: at.y,
				r,
				kind: hop.kind,
				state: hop.state,
				node: along >= 1 ? b.id : a.id,
				moving: along < 1,
				...(hop.group !== undefined ? { group: hop.group } : {})
			});
		}
		return out;
	}
}
