// The limit the engine is measured against (npm run bench): a bare model of the fan-out's scheduled work —
// bench/fanout.json's producer, topic with three filtered subscriptions, three queues and four long-polling
// workers each — on a binary heap ordered by (dueAt, seq) like the engine's scheduler, with the same lazy
// cancellation and compaction. Per message it pushes about 9 entries and fires 6; 3 are cancelled (retention,
// visibility and long-poll timers). It checks one filter per subscription and keeps messages in per-queue
// lists, and nothing else: no ids, no MD5s, no receipt handles, no trace. What the engine does beyond it is
// what the ratio measures.

interface Entry {
	due: number;
	seq: number;
	kind: number;
	a: number;
	b: number;
	cancelled: boolean;
}

class Heap {
	#items: Entry[] = [];
	#seq = 0;
	#cancelled = 0;
	pushed = 0;
	fired = 0;

	push(due: number, kind: number, a = 0, b = 0): Entry {
		const e: Entry = { due, seq: this.#seq++, kind, a, b, cancelled: false };
		const h = this.#items;
		h.push(e);
		let i = h.length - 1;
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (!less(e, h[p] as Entry)) break;
			h[i] = h[p] as Entry;
			i = p;
		}
		h[i] = e;
		this.pushed++;
		return e;
	}

	cancel(e: Entry): void {
		if (e.cancelled) return;
		e.cancelled = true;
		// Compaction as the engine does it: rebuild once cancelled entries are the majority.
		if (++this.#cancelled > 1024 && this.#cancelled * 2 > this.#items.length) {
			this.#items = this.#items.filter((x) => !x.cancelled);
			this.#items.sort((x, y) => (less(x, y) ? -1 : 1));
			this.#cancelled = 0;
		}
	}

	pop(): Entry | undefined {
		const h = this.#items;
		while (h.length > 0) {
			const top = h[0] as Entry;
			const last = h.pop() as Entry;
			if (h.length > 0) {
				let i = 0;
				for (;;) {
					const l = 2 * i + 1;
					if (l >= h.length) break;
					const r = l + 1;
					const c = r < h.length && less(h[r] as Entry, h[l] as Entry) ? r : l;
					if (!less(h[c] as Entry, last)) break;
					h[i] = h[c] as Entry;
					i = c;
				}
				h[i] = last;
			}
			if (top.cancelled) {
				this.#cancelled--;
				continue;
			}
			this.fired++;
			return top;
		}
		return undefined;
	}
}

const less = (x: Entry, y: Entry) => x.due < y.due || (x.due === y.due && x.seq < y.seq);

const PRODUCE = 0;
const ARRIVE = 1;
const RECEIVED = 2;
const DONE = 3;
const POLL = 4;
const WAIT_TIMEOUT = 5;
const DELIVER = 6;

interface Msg {
	kind: string;
	retention?: Entry;
	visibility?: Entry;
}

/** Runs `published` messages through the model; returns what it did (for the bench's note and a sanity check). */
export function runLimitModel(
	published: number,
	perSecond = 5000
): { deleted: number; pushed: number; fired: number } {
	const heap = new Heap();
	const kinds = ['a', 'b', 'c'];
	const queues = kinds.map(() => ({ available: [] as Msg[], waiters: [] as { w: number; timer: Entry }[] }));
	const inHand: Msg[][] = [];
	const WORKERS = 4;
	for (let q = 0; q < 3; q++) for (let w = 0; w < WORKERS; w++) heap.push(0, POLL, q, w);
	let produced = 0;
	let deleted = 0;
	const arriving: Msg[] = [];
	const delivering: [number, Msg][] = [];
	heap.push(0, PRODUCE);
	const receive = (q: number, w: number, now: number) => {
		const queue = queues[q] as (typeof queues)[number];
		const batch = queue.available.splice(0, 10);
		for (const m of batch) m.visibility = heap.push(now + 30_000, 0xff);
		inHand[q * WORKERS + w] = batch;
		heap.push(now + 1, RECEIVED, q, w);
	};
	for (let e = heap.pop(); e; e = heap.pop()) {
		const now = e.due;
		switch (e.kind) {
			case PRODUCE: {
				arriving.push({ kind: kinds[produced % 3] as string });
				produced++;
				heap.push(now, ARRIVE);
				if (produced < published) heap.push(now + 1000 / perSecond, PRODUCE);
				break;
			}
			case ARRIVE: {
				// The topic: one filter check per subscription ({"kind": [k]}), a delivery per match.
				const m = arriving.shift() as Msg;
				for (let s = 0; s < 3; s++) {
					if (m.kind !== kinds[s]) continue;
					delivering.push([s, m]);
					heap.push(now, DELIVER);
				}
				break;
			}
			case DELIVER: {
				const [q, m] = delivering.shift() as [number, Msg];
				const queue = queues[q] as (typeof queues)[number];
				m.retention = heap.push(now + 345_600_000, 0xfe);
				queue.available.push(m);
				const waiter = queue.waiters.shift();
				if (waiter) {
					heap.cancel(waiter.timer);
					receive(q, waiter.w, now);
				}
				break;
			}
			case RECEIVED:
				heap.push(now + 1, DONE, e.a, e.b);
				break;
			case DONE: {
				const batch = inHand[e.a * WORKERS + e.b] ?? [];
				for (const m of batch) {
					if (m.visibility) heap.cancel(m.visibility);
					if (m.retention) heap.cancel(m.retention);
					deleted++;
				}
				inHand[e.a * WORKERS + e.b] = [];
				heap.push(now + 1, POLL, e.a, e.b);
				break;
			}
			case POLL: {
				const queue = queues[e.a] as (typeof queues)[number];
				if (queue.available.length > 0) receive(e.a, e.b, now);
				else queue.waiters.push({ w: e.b, timer: heap.push(now + 20_000, WAIT_TIMEOUT, e.a, e.b) });
				break;
			}
			case WAIT_TIMEOUT: {
				const queue = queues[e.a] as (typeof queues)[number];
				queue.waiters = queue.waiters.filter((x) => x.w !== e.b);
				heap.push(now + 1, POLL, e.a, e.b);
				break;
			}
		}
		if (deleted >= published && produced >= published) break;
	}
	return { deleted, pushed: heap.pushed, fired: heap.fired };
}
