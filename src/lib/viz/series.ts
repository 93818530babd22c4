// Time series for the charts, derived from the trace as it is produced and sampled at fixed simulated
// intervals: per queue the numbers behind ApproximateNumberOfMessages / NotVisible / Delayed, the age of the
// oldest message and the sent / received / deleted rates; per stream shard the records put, throttles and
// the read lag; per consumer the throughput, failures and redeliveries. A pure function of the trace up to t.
// It is a trace sink whose state is plain data and part of every checkpoint (mark/rewind), so a restored
// checkpoint (also one computed in the worker) brings the series with it.

import type { TraceEvent, TraceSink } from '$lib/engine';

/** One chart's worth of lines, each sampled at `t`. */
export interface MetricSeries {
	t: number[];
	lines: Record<string, number[]>;
}

export interface QueueSeries {
	t: number[];
	visible: number[];
	notVisible: number[];
	delayed: number[];
}

type State = 'visible' | 'notVisible' | 'delayed';

export const QUEUE_RATE_LINES = ['sent', 'received', 'deleted'] as const;
const CONSUMER_LINES = ['processed', 'failed', 'redelivered'];
const SHARD_LINES = ['records', 'throttled', 'lag'];

/** A SeriesTracker's whole state as plain data (a checkpoint's mark). */
interface SeriesState {
	queues: Map<string, QueueSeries>;
	queueRates: Map<string, MetricSeries>;
	shards: Map<string, MetricSeries>;
	consumers: Map<string, MetricSeries>;
	counts: Map<string, Record<State, number>>;
	/** Per queue: each message's state by id, and each copy's (SQS-STD-1) by the id it shares. */
	state: Map<string, Map<string, State>>;
	copies: Map<string, Map<string, State>>;
	enqueuedAt: Map<string, Map<string, number>>;
	interval: Map<string, Record<string, number>>;
	nextSample: number;
}

export class SeriesTracker implements TraceSink {
	readonly every: number;
	#s: SeriesState;
	/** Interval keys by id (a cache of strings, not state). */
	readonly #keys = {
		'q|': new Map<string, string>(),
		's|': new Map<string, string>(),
		'c|': new Map<string, string>()
	};

	constructor(queueIds: string[], durationMs: number) {
		this.every = Math.max(250, Math.ceil(durationMs / 400));
		this.#s = {
			queues: new Map(),
			queueRates: new Map(),
			shards: new Map(),
			consumers: new Map(),
			counts: new Map(),
			state: new Map(),
			copies: new Map(),
			enqueuedAt: new Map(),
			interval: new Map(),
			nextSample: 0
		};
		for (const id of queueIds) {
			this.#s.queues.set(id, { t: [], visible: [], notVisible: [], delayed: [] });
			this.#s.counts.set(id, { visible: 0, notVisible: 0, delayed: 0 });
			this.#s.state.set(id, new Map());
			this.#s.copies.set(id, new Map());
			this.#s.enqueuedAt.set(id, new Map());
			this.#s.queueRates.set(id, { t: [], lines: { age: [], sent: [], received: [], deleted: [] } });
		}
	}

	/** Per queue: the numbers behind ApproximateNumberOfMessages / NotVisible / Delayed. */
	get queues(): ReadonlyMap<string, QueueSeries> {
		return this.#s.queues;
	}
	/** Per queue: age of the oldest message (s) and per-interval sent / received / deleted counts. */
	get queueRates(): ReadonlyMap<string, MetricSeries> {
		return this.#s.queueRates;
	}
	/** Per "stream/shard": records put, throttled puts and the largest read lag (s) per interval. */
	get shards(): ReadonlyMap<string, MetricSeries> {
		return this.#s.shards;
	}
	/** Per consumer: processed, failed and redelivered per interval. */
	get consumers(): ReadonlyMap<string, MetricSeries> {
		return this.#s.consumers;
	}

	/** A queue's visible / in-flight / delayed counts after the events written so far (not a sample). */
	countsNow(queueId: string): Readonly<Record<State, number>> | undefined {
		return this.#s.counts.get(queueId);
	}

	mark(): SeriesState {
		return structuredClone(this.#s);
	}

	rewind(mark: unknown): void {
		this.#s = structuredClone(mark as SeriesState);
	}

	/**
	 * Move a message of a queue to a state (none: gone). Which copy an event is about: SQS-STD-1: a copy that
	 * missed a delete lives on as a message of its own with the same id (in flight until it reappears); it only
	 * exists once the original is gone, so an event names the original while it lives and the copy after — or
	 * the copy when its cause says so.
	 */
	#move(node: string, msg: string | undefined, to: State | undefined, copy = false): void {
		const counts = this.#s.counts.get(node);
		if (!counts) return;
		const id = String(msg);
		const originals = this.#s.state.get(node) as Map<string, State>;
		const copies = this.#s.copies.get(node) as Map<string, State>;
		const isCopy = copy || (!originals.has(id) && copies.has(id));
		const states = isCopy ? copies : originals;
		const from = states.get(id);
		if (from) counts[from]--;
		if (to) {
			counts[to]++;
			states.set(id, to);
		} else {
			states.delete(id);
			if (!isCopy) this.#s.enqueuedAt.get(node)?.delete(id);
		}
	}

	/** The interval key of a queue, shard or consumer (`q|id`…), built once per id. */
	#intervalKey(prefix: 'q|' | 's|' | 'c|', id: string): string {
		const cache = this.#keys[prefix];
		let key = cache.get(id);
		if (key === undefined) {
			key = `${prefix}${id}`;
			cache.set(id, key);
		}
		return key;
	}

	#bump(key: string, metric: string, by = 1): void {
		let m = this.#s.interval.get(key);
		if (!m) {
			m = {};
			this.#s.interval.set(key, m);
		}
		m[metric] = (m[metric] ?? 0) + by;
	}

	#max(key: string, metric: string, value: number): void {
		const m = this.#s.interval.get(key) ?? {};
		m[metric] = Math.max(m[metric] ?? 0, value);
		this.#s.interval.set(key, m);
	}

	#series(map: Map<string, MetricSeries>, id: string, lines: string[]): MetricSeries {
		let s = map.get(id);
		if (!s) {
			// A series that starts late is padded with zeros, so all charts share one time axis.
			const t = this.#s.queues.values().next().value?.t.slice() ?? [];
			s = { t, lines: Object.fromEntries(lines.map((l) => [l, t.map(() => 0)])) };
			map.set(id, s);
		}
		return s;
	}

	#sampleUpTo(t: number): void {
		while (this.#s.nextSample <= t) {
			const at = this.#s.nextSample;
			for (const [id, s] of this.#s.queues) {
				const c = this.#s.counts.get(id) as Record<State, number>;
				s.t.push(at);
				s.visible.push(c.visible);
				s.notVisible.push(c.notVisible);
				s.delayed.push(c.delayed);
				const r = this.#s.queueRates.get(id) as MetricSeries;
				const i = this.#s.interval.get(`q|${id}`) ?? {};
				let oldest = at;
				for (const enq of (this.#s.enqueuedAt.get(id) as Map<string, number>).values())
					oldest = Math.min(oldest, enq);
				r.t.push(at);
				(r.lines.age as number[]).push(Math.round((at - oldest) / 100) / 10);
				for (const l of QUEUE_RATE_LINES) (r.lines[l] as number[]).push(i[l] ?? 0);
			}
			for (const [map, prefix] of [
				[this.#s.shards, 's|'],
				[this.#s.consumers, 'c|']
			] as const) {
				for (const [id, s] of map) {
					const i = this.#s.interval.get(`${prefix}${id}`) ?? {};
					s.t.push(at);
					for (const [l, arr] of Object.entries(s.lines)) arr.push(i[l] ?? 0);
				}
			}
			this.#s.interval.clear();
			this.#s.nextSample += this.every;
		}
	}

	/** Take the samples due up to `now` (the events up to now have been written). */
	sampleTo(now: number): void {
		this.#sampleUpTo(now);
	}

	write(e: TraceEvent): void {
		this.#sampleUpTo(e.t - 1);
		switch (e.type) {
			case 'enqueued':
				this.#move(e.node, e.msg, e.visibleAt > e.t ? 'delayed' : 'visible');
				this.#s.enqueuedAt.get(e.node)?.set(String(e.msg), e.t);
				this.#bump(this.#intervalKey('q|', e.node), 'sent');
				break;
			case 'delay-elapsed':
			case 'visibility-expired':
				this.#move(e.node, e.msg, 'visible', e.cause === 'copy-missed-delete');
				break;
			case 'copy-missed-delete':
				this.#move(e.node, e.msg, 'notVisible', true);
				break;
			case 'visibility-changed':
				if (e.visibleAt <= e.t) this.#move(e.node, e.msg, 'visible');
				else if (e.cause === 'hidden-again') this.#move(e.node, e.msg, 'notVisible'); // SQS-STD-5
				break;
			case 'received':
				this.#move(e.node, e.msg, 'notVisible', e.cause === 'copy-missed-delete');
				this.#bump(this.#intervalKey('q|', e.node), 'received');
				break;
			case 'deleted':
				this.#bump(this.#intervalKey('q|', e.node), 'deleted');
				this.#move(e.node, e.msg, undefined);
				break;
			case 'expired':
			case 'purged':
			case 'dead-lettered':
			case 'move-task-moved':
				this.#move(e.node, e.msg, undefined);
				break;
			case 'record-put':
				this.#series(this.#s.shards, `${e.node}/${e.shard}`, SHARD_LINES);
				this.#bump(`s|${e.node}/${e.shard}`, 'records');
				break;
			case 'put-throttled':
				this.#series(this.#s.shards, `${e.node}/${e.shard}`, SHARD_LINES);
				this.#bump(`s|${e.node}/${e.shard}`, 'throttled');
				break;
			case 'records-read':
				this.#series(this.#s.shards, `${e.node}/${e.shard}`, SHARD_LINES);
				this.#max(`s|${e.node}/${e.shard}`, 'lag', Math.round(e.millisBehindLatest / 100) / 10);
				break;
			case 'processed':
			case 'record-processed': {
				this.#series(this.#s.consumers, e.node, CONSUMER_LINES);
				this.#bump(this.#intervalKey('c|', e.node), e.ok ? 'processed' : 'failed');
				if ((e.type === 'processed' && e.again) || (e.type === 'record-processed' && e.replay)) {
					this.#bump(this.#intervalKey('c|', e.node), 'redelivered');
				}
				break;
			}
		}
	}
}
