// Time series for the charts, derived from the trace as it is produced and sampled at fixed simulated
// intervals: per queue the numbers behind ApproximateNumberOfMessages / NotVisible / Delayed, the age of the
// oldest message and the sent / received / deleted rates; per stream shard the records put, throttles and
// the read lag; per consumer the throughput, failures and redeliveries. A pure function of the trace up to t;
// rebuilt after a seek restores a checkpoint.

import type { TraceEvent } from '$lib/engine';

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

export class SeriesTracker {
	readonly every: number;
	readonly queues = new Map<string, QueueSeries>();
	/** Per queue: age of the oldest message (s) and per-interval sent / received / deleted counts. */
	readonly queueRates = new Map<string, MetricSeries>();
	/** Per "stream/shard": records put, throttled puts and the largest read lag (s) per interval. */
	readonly shards = new Map<string, MetricSeries>();
	/** Per consumer: processed, failed and redelivered per interval. */
	readonly consumers = new Map<string, MetricSeries>();
	readonly #counts = new Map<string, Record<State, number>>();
	readonly #state = new Map<string, State>();
	readonly #enqueuedAt = new Map<string, Map<string, number>>();
	readonly #interval = new Map<string, Record<string, number>>();
	#cursor = 0;
	#nextSample = 0;

	constructor(queueIds: string[], durationMs: number) {
		this.every = Math.max(250, Math.ceil(durationMs / 400));
		for (const id of queueIds) {
			this.queues.set(id, { t: [], visible: [], notVisible: [], delayed: [] });
			this.#counts.set(id, { visible: 0, notVisible: 0, delayed: 0 });
			this.#enqueuedAt.set(id, new Map());
			this.queueRates.set(id, { t: [], lines: { age: [], sent: [], received: [], deleted: [] } });
		}
	}

	reset(): void {
		for (const s of this.queues.values()) {
			s.t.length = 0;
			s.visible.length = 0;
			s.notVisible.length = 0;
			s.delayed.length = 0;
		}
		for (const m of [this.queueRates, this.shards, this.consumers]) {
			for (const s of m.values()) {
				s.t.length = 0;
				for (const l of Object.values(s.lines)) l.length = 0;
			}
		}
		this.shards.clear();
		this.consumers.clear();
		for (const c of this.#counts.values()) c.visible = c.notVisible = c.delayed = 0;
		for (const m of this.#enqueuedAt.values()) m.clear();
		this.#state.clear();
		this.#interval.clear();
		this.#cursor = 0;
		this.#nextSample = 0;
	}

	#move(node: string, msg: string | undefined, to: State | undefined): void {
		const counts = this.#counts.get(node);
		if (!counts) return;
		const key = `${node}|${msg}`;
		const from = this.#state.get(key);
		if (from) counts[from]--;
		if (to) {
			counts[to]++;
			this.#state.set(key, to);
		} else {
			this.#state.delete(key);
			this.#enqueuedAt.get(node)?.delete(String(msg));
		}
	}

	#bump(key: string, metric: string, by = 1): void {
		const m = this.#interval.get(key) ?? {};
		m[metric] = (m[metric] ?? 0) + by;
		this.#interval.set(key, m);
	}

	#max(key: string, metric: string, value: number): void {
		const m = this.#interval.get(key) ?? {};
		m[metric] = Math.max(m[metric] ?? 0, value);
		this.#interval.set(key, m);
	}

	#series(map: Map<string, MetricSeries>, id: string, lines: string[]): MetricSeries {
		let s = map.get(id);
		if (!s) {
			// A series that starts late is padded with zeros, so all charts share one time axis.
			const t = this.queues.values().next().value?.t.slice() ?? [];
			s = { t, lines: Object.fromEntries(lines.map((l) => [l, t.map(() => 0)])) };
			map.set(id, s);
		}
		return s;
	}

	#sampleUpTo(t: number): void {
		while (this.#nextSample <= t) {
			const at = this.#nextSample;
			for (const [id, s] of this.queues) {
				const c = this.#counts.get(id) as Record<State, number>;
				s.t.push(at);
				s.visible.push(c.visible);
				s.notVisible.push(c.notVisible);
				s.delayed.push(c.delayed);
				const r = this.queueRates.get(id) as MetricSeries;
				const i = this.#interval.get(`q|${id}`) ?? {};
				let oldest = at;
				for (const enq of (this.#enqueuedAt.get(id) as Map<string, number>).values())
					oldest = Math.min(oldest, enq);
				r.t.push(at);
				(r.lines.age as number[]).push(Math.round((at - oldest) / 100) / 10);
				for (const l of QUEUE_RATE_LINES) (r.lines[l] as number[]).push(i[l] ?? 0);
			}
			for (const [map, prefix] of [
				[this.shards, 's|'],
				[this.consumers, 'c|']
			] as const) {
				for (const [id, s] of map) {
					const i = this.#interval.get(`${prefix}${id}`) ?? {};
					s.t.push(at);
					for (const [l, arr] of Object.entries(s.lines)) arr.push(i[l] ?? 0);
				}
			}
			this.#interval.clear();
			this.#nextSample += this.every;
		}
	}

	/** Read new events up to `now`; `offset` is the trace position of events[0] in a windowed trace. */
	sync(events: readonly TraceEvent[], now: number, offset = 0): void {
		for (let k = Math.max(0, this.#cursor - offset); k < events.length; k++, this.#cursor = offset + k) {
			const e = events[k] as TraceEvent;
			this.#sampleUpTo(e.t - 1);
			switch (e.type) {
				case 'enqueued':
					this.#move(e.node, e.msg, e.visibleAt > e.t ? 'delayed' : 'visible');
					this.#enqueuedAt.get(e.node)?.set(String(e.msg), e.t);
					this.#bump(`q|${e.node}`, 'sent');
					break;
				case 'delay-elapsed':
				case 'visibility-expired':
					this.#move(e.node, e.msg, 'visible');
					break;
				case 'visibility-changed':
					if (e.visibleAt <= e.t) this.#move(e.node, e.msg, 'visible');
					break;
				case 'received':
					this.#move(e.node, e.msg, 'notVisible');
					this.#bump(`q|${e.node}`, 'received');
					break;
				case 'deleted':
					this.#bump(`q|${e.node}`, 'deleted');
					this.#move(e.node, e.msg, undefined);
					break;
				case 'expired':
				case 'purged':
				case 'dead-lettered':
				case 'move-task-moved':
					this.#move(e.node, e.msg, undefined);
					break;
				case 'record-put':
					this.#series(this.shards, `${e.node}/${e.shard}`, ['records', 'throttled', 'lag']);
					this.#bump(`s|${e.node}/${e.shard}`, 'records');
					break;
				case 'put-throttled':
					this.#series(this.shards, `${e.node}/${e.shard}`, ['records', 'throttled', 'lag']);
					this.#bump(`s|${e.node}/${e.shard}`, 'throttled');
					break;
				case 'records-read':
					this.#series(this.shards, `${e.node}/${e.shard}`, ['records', 'throttled', 'lag']);
					this.#max(`s|${e.node}/${e.shard}`, 'lag', Math.round(e.millisBehindLatest / 100) / 10);
					break;
				case 'processed':
				case 'record-processed': {
					this.#series(this.consumers, e.node, ['processed', 'failed', 'redelivered']);
					this.#bump(`c|${e.node}`, e.ok ? 'processed' : 'failed');
					if ((e.type === 'processed' && e.again) || (e.type === 'record-processed' && e.replay)) {
						this.#bump(`c|${e.node}`, 'redelivered');
					}
					break;
				}
			}
		}
		this.#sampleUpTo(now);
	}
}
