// Time series for the charts, derived from the trace as it is produced: per queue the numbers behind
// ApproximateNumberOfMessages / NotVisible / Delayed, sampled at fixed simulated intervals. Like the dots, a
// pure function of the trace up to t; rebuilt after a seek restores a checkpoint.

import type { TraceEvent } from '$lib/engine';

export interface QueueSeries {
	t: number[];
	visible: number[];
	notVisible: number[];
	delayed: number[];
}

type State = 'visible' | 'notVisible' | 'delayed';

export class SeriesTracker {
	readonly every: number;
	readonly queues = new Map<string, QueueSeries>();
	readonly #counts = new Map<string, Record<State, number>>();
	readonly #state = new Map<string, State>();
	#cursor = 0;
	#nextSample = 0;

	constructor(queueIds: string[], durationMs: number) {
		this.every = Math.max(250, Math.ceil(durationMs / 400));
		for (const id of queueIds) {
			this.queues.set(id, { t: [], visible: [], notVisible: [], delayed: [] });
			this.#counts.set(id, { visible: 0, notVisible: 0, delayed: 0 });
		}
	}

	reset(): void {
		for (const s of this.queues.values()) {
			s.t.length = 0;
			s.visible.length = 0;
			s.notVisible.length = 0;
			s.delayed.length = 0;
		}
		for (const c of this.#counts.values()) c.visible = c.notVisible = c.delayed = 0;
		this.#state.clear();
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
		} else this.#state.delete(key);
	}

	#sampleUpTo(t: number): void {
		while (this.#nextSample <= t) {
			for (const [id, s] of this.queues) {
				const c = this.#counts.get(id) as Record<State, number>;
				s.t.push(this.#nextSample);
				s.visible.push(c.visible);
				s.notVisible.push(c.notVisible);
				s.delayed.push(c.delayed);
			}
			this.#nextSample += this.every;
		}
	}

	/** Read new events up to the simulation's current time `now`. */
	sync(events: readonly TraceEvent[], now: number): void {
		for (; this.#cursor < events.length; this.#cursor++) {
			const e = events[this.#cursor] as TraceEvent;
			this.#sampleUpTo(e.t - 1);
			switch (e.type) {
				case 'enqueued':
					this.#move(e.node, e.msg, e.visibleAt > e.t ? 'delayed' : 'visible');
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
					break;
				case 'deleted':
				case 'expired':
				case 'purged':
				case 'dead-lettered':
				case 'move-task-moved':
					this.#move(e.node, e.msg, undefined);
					break;
			}
		}
		this.#sampleUpTo(now);
	}
}
