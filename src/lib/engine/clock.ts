// The simulated clock: a discrete-event scheduler. Time only moves when the next due event is taken, one
// event at a time, so chained delays are never lost in big jumps. Events fire in (dueAt, insertion seq)
// order, which makes ties deterministic. It also implements XState's clock interface
// (setTimeout/clearTimeout), so `createActor(machine, { clock: scheduler })` runs XState timers on it.
//
// Two kinds of entries: data entries ({ target, event }) that the simulation dispatches to a node — these
// are plain data and survive checkpoints — and callback entries from the XState clock interface, which
// cannot be serialised (snapshot() refuses while any is pending).

export interface ScheduledEntry<E = unknown> {
	readonly dueAt: number;
	readonly seq: number;
	readonly target: string;
	readonly event: E;
}

interface HeapItem<E> {
	dueAt: number;
	seq: number;
	target: string;
	event: E | undefined;
	callback: (() => void) | undefined;
}

export interface SchedulerSnapshot<E = unknown> {
	now: number;
	nextSeq: number;
	entries: ScheduledEntry<E>[];
}

function before<E>(x: HeapItem<E>, y: HeapItem<E>): boolean {
	return x.dueAt < y.dueAt || (x.dueAt === y.dueAt && x.seq < y.seq);
}

export class Scheduler<E = unknown> {
	#now = 0;
	#nextSeq = 0;
	#heap: HeapItem<E>[] = [];
	/**
	 * Which seqs are live (scheduled, neither fired nor cancelled): one bit per seq from `#base`, so scheduling,
	 * firing and cancelling set or clear a bit where a Map by seq cost a hash insert and delete per entry (about
	 * 5% of a fan-out run). Cancelled entries stay in the heap with their bit clear and are dropped when they
	 * reach the top or at a compaction. The words below the oldest live seq are let go as the bits grow.
	 */
	#live = new Uint32Array(1024);
	/** The seq of bit 0 of `#live` (a multiple of 32). */
	#base = 0;
	#liveCount = 0;
	#dispatch: (entry: ScheduledEntry<E>) => void;

	constructor(dispatch: (entry: ScheduledEntry<E>) => void = () => {}) {
		this.#dispatch = dispatch;
	}

	/** Current simulated time in milliseconds. */
	now(): number {
		return this.#now;
	}

	/** Entries fired since the scheduler was created (not rewound by restore): a measure of work done. */
	fired = 0;

	/** Number of live (not cancelled) pending entries. */
	get pending(): number {
		return this.#liveCount;
	}

	/** Entries the heap holds, cancelled ones not yet dropped included (bounded: about twice `pending`). */
	get heapSize(): number {
		return this.#heap.length;
	}

	/** Schedule a data event for `target` at absolute simulated time `dueAt` (never in the past). */
	schedule(dueAt: number, target: string, event: E): number {
		return this.#push(Math.max(dueAt, this.#now), target, event, undefined);
	}

	/** Cancel a pending entry by its seq. Cancelling a fired or unknown entry is a no-op. */
	cancel(seq: number): void {
		if (this.#isLive(seq)) {
			this.#clearLive(seq);
			// Cancelled entries leave the heap lazily, when they reach the top; far-future ones (a message's
			// retention timer) would never get there. Once they outnumber the live ones, rebuild the heap from
			// the live entries. Pops are ordered by (dueAt, seq), a total order, so the run does not change.
			if (this.#heap.length > 1024 && this.#heap.length > 2 * this.#liveCount) this.#compact();
		}
	}

	// XState clock interface -------------------------------------------------------------------------
	setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
		return this.#push(this.#now + Math.max(0, timeout), '', undefined, fn);
	}

	clearTimeout(id: unknown): void {
		if (typeof id === 'number') this.cancel(id);
	}
	// -------------------------------------------------------------------------------------------------

	/** Due time of the next live entry, or undefined when nothing is pending. */
	peek(): number | undefined {
		this.#dropCancelled();
		return this.#heap[0]?.dueAt;
	}

	/** Fire the next entry (advancing time to it). Returns false when nothing is pending. */
	step(): boolean {
		this.#dropCancelled();
		const item = this.#pop();
		if (!item) return false;
		this.#clearLive(item.seq);
		this.#now = item.dueAt;
		this.fired++;
		if (item.callback) item.callback();
		// The heap item is handed over as the entry itself (it has the same fields), saving an allocation per event.
		else this.#dispatch(item as ScheduledEntry<E>);
		return true;
	}

	/**
	 * Fire every entry due at or before `t`, in order, then set the clock to `t`. `maxEvents` bounds the
	 * work (returns false if it stopped early, leaving the clock at the last fired event).
	 */
	runUntil(t: number, maxEvents = Number.POSITIVE_INFINITY): boolean {
		let fired = 0;
		for (;;) {
			const next = this.peek();
			if (next === undefined || next > t) break;
			if (fired >= maxEvents) return false;
			this.step();
			fired++;
		}
		if (t > this.#now) this.#now = t;
		return true;
	}

	snapshot(): SchedulerSnapshot<E> {
		const entries: ScheduledEntry<E>[] = [];
		for (const item of this.#heap) {
			if (!this.#isLive(item.seq)) continue;
			if (item.callback) {
				throw new Error('Scheduler.snapshot: a callback timer is pending; models must schedule data events');
			}
			entries.push({ dueAt: item.dueAt, seq: item.seq, target: item.target, event: item.event as E });
		}
		entries.sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
		return { now: this.#now, nextSeq: this.#nextSeq, entries };
	}

	restore(snapshot: SchedulerSnapshot<E>): void {
		this.#heap = [];
		// The bits cover the entries' seqs from the start (they come in time order, not seq order, so growing
		// as they come could move the base past a seq still to come).
		let low = snapshot.nextSeq;
		let high = 0;
		for (const e of snapshot.entries) {
			if (e.seq < low) low = e.seq;
			if (e.seq > high) high = e.seq;
		}
		this.#base = snapshot.entries.length > 0 ? low & ~31 : 0;
		let words = 1024;
		while ((high - this.#base) >> 5 >= words) words *= 2;
		this.#live = new Uint32Array(words);
		this.#liveCount = 0;
		this.#now = snapshot.now;
		this.#nextSeq = snapshot.nextSeq;
		for (const e of snapshot.entries)
			this.#insert({ dueAt: e.dueAt, seq: e.seq, target: e.target, event: e.event, callback: undefined });
	}

	#push(dueAt: number, target: string, event: E | undefined, callback: (() => void) | undefined): number {
		const seq = this.#nextSeq++;
		this.#insert({ dueAt, seq, target, event, callback });
		return seq;
	}

	#isLive(seq: number): boolean {
		const bit = seq - this.#base;
		if (bit < 0 || bit >= this.#live.length * 32) return false;
		return ((this.#live[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
	}

	/** Marks a live seq fired or cancelled. */
	#clearLive(seq: number): void {
		const bit = seq - this.#base;
		this.#live[bit >>> 5] = (this.#live[bit >>> 5] as number) & ~(1 << (bit & 31));
		this.#liveCount--;
	}

	#setLive(seq: number): void {
		let bit = seq - this.#base;
		if (bit >= this.#live.length * 32) {
			// Out of room: drop the words before the first live one, then grow if that was not enough.
			const words = this.#live;
			let low = 0;
			while (low < words.length && words[low] === 0) low++;
			if (low === words.length)
				this.#base = seq & ~31; // none live: the bits are all clear already
			else if (low > 0) {
				words.copyWithin(0, low);
				words.fill(0, words.length - low);
				this.#base += low * 32;
			}
			bit = seq - this.#base;
			if (bit >= words.length * 32) {
				let size = words.length * 2;
				while (bit >= size * 32) size *= 2;
				const grown = new Uint32Array(size);
				grown.set(words);
				this.#live = grown;
			}
		}
		this.#live[bit >>> 5] = (this.#live[bit >>> 5] as number) | (1 << (bit & 31));
		this.#liveCount++;
	}

	#insert(item: HeapItem<E>): void {
		this.#setLive(item.seq);
		const heap = this.#heap;
		heap.push(item);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const p = heap[parent] as HeapItem<E>;
			if (!before(item, p)) break;
			heap[i] = p;
			i = parent;
		}
		heap[i] = item;
	}

	#pop(): HeapItem<E> | undefined {
		const heap = this.#heap;
		const top = heap[0];
		if (!top) return undefined;
		const last = heap.pop() as HeapItem<E>;
		if (heap.length > 0) {
			let i = 0;
			const n = heap.length;
			for (;;) {
				const l = 2 * i + 1;
				if (l >= n) break;
				const r = l + 1;
				const c = r < n && before(heap[r] as HeapItem<E>, heap[l] as HeapItem<E>) ? r : l;
				if (!before(heap[c] as HeapItem<E>, last)) break;
				heap[i] = heap[c] as HeapItem<E>;
				i = c;
			}
			heap[i] = last;
		}
		return top;
	}

	#compact(): void {
		const heap = this.#heap.filter((item) => this.#isLive(item.seq));
		// Floyd's heap construction: sift each parent down, last first. O(n), where sorting was O(n log n) and
		// took tens of milliseconds in one frame for a few hundred thousand entries.
		const n = heap.length;
		for (let start = (n >> 1) - 1; start >= 0; start--) {
			const item = heap[start] as HeapItem<E>;
			let i = start;
			for (;;) {
				const l = 2 * i + 1;
				if (l >= n) break;
				const r = l + 1;
				const c = r < n && before(heap[r] as HeapItem<E>, heap[l] as HeapItem<E>) ? r : l;
				if (!before(heap[c] as HeapItem<E>, item)) break;
				heap[i] = heap[c] as HeapItem<E>;
				i = c;
			}
			heap[i] = item;
		}
		this.#heap = heap;
	}

	#dropCancelled(): void {
		const heap = this.#heap;
		while (heap.length > 0 && !this.#isLive((heap[0] as HeapItem<E>).seq)) this.#pop();
	}
}
