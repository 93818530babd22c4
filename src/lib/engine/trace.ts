// The typed trace: every step of a run is one event with simulated time, ids and its cause. Views and
// checkers read the trace; nothing reads a model's private state. Events go to sinks as they happen, so a
// huge run can stream to disk or a hash without keeping everything in memory.

import { Murmur128, type Murmur128State } from './murmur128';

/** A payload with no fields of its own. */
type Empty = { readonly __empty?: never };

/** Fields every trace event carries. */
export interface TraceBase {
	/** Position in the trace, from 0. */
	i: number;
	/** Simulated time in milliseconds. */
	t: number;
	/** Id of the scenario node where it happened. */
	node: string;
	/** The node-local message id (an SQS MessageId, a Kinesis sequence number…). */
	msg?: string;
	/** Id of the producer's original message, carried across hops (topic → queue → consumer). */
	origin?: string;
	/** Why it happened, as a short kebab-case reason (e.g. `visibility-timeout`, `max-receive-count`). */
	cause?: string;
}

/** The operator actions a scenario can record (docs/ARCHITECTURE.md "Operator actions"). */
export type OperatorActionName =
	| 'pause'
	| 'resume'
	| 'set-rate'
	| 'crash'
	| 'restart'
	| 'slow-down'
	| 'fail-all'
	| 'send-message'
	| 'make-poison'
	| 'start-message-move-task'
	| 'split'
	| 'update-shard-count'
	| 'merge';

/** Event payloads by type. Models add their events here so the union stays closed and typed. */
export interface TraceEventMap {
	// Operator actions -----------------------------------------------------------------------------------
	/**
	 * One of the scenario's node actions fired (always with `cause: 'operator'`); `node` is the node whose
	 * Actions list holds it. send-message and make-poison also carry the message's `origin`. What the action
	 * then does follows as ordinary events; when AWS rejects it (a send that fails validation, a reshard that
	 * is impossible now), a `produce-failed` event at the same node and time says why.
	 */
	'operator-action': {
		action: OperatorActionName;
		/** Its position in the node's Actions list (what an undo removes). */
		index: number;
		/** The action's own fields other than `action` and `atMs` (the event's `t` is atMs). */
		params: Record<string, unknown>;
		/** Set when the action found nothing to change, with the reason (e.g. `already-paused`). */
		ignored?: string;
	};
	// Producers ------------------------------------------------------------------------------------------
	produced: {
		target: string;
		body: string;
		groupId?: string;
		dedupId?: string;
		attributes?: Record<string, { DataType: string; StringValue?: string }>;
	};
	'produce-failed': { target: string; error: string; message: string };
	// SQS ------------------------------------------------------------------------------------------------
	enqueued: {
		from: string;
		visibleAt: number;
		groupId?: string;
		dedupId?: string;
		sequenceNumber?: string;
		servers?: number[];
	};
	deduplicated: { from: string; dedupId: string; original: string };
	'delay-elapsed': Empty;
	received: {
		by: string;
		receiveCount: number;
		visibleAt: number;
		/** The simulated server whose copy was returned (standard queues). */
		server?: number;
		/** true when this delivery repeats one that was already deleted or is still being processed. */
		duplicate?: boolean;
		groupId?: string;
	};
	'receive-empty': { by: string; wait: boolean };
	'receive-throttled': { by: string; error: string };
	'visibility-expired': { receiveCount: number };
	'visibility-changed': { visibleAt: number; by: string };
	deleted: { by: string };
	'stale-handle-delete': { by: string };
	'copy-missed-delete': { server: number; reappearsAt: number };
	'dead-lettered': { dlq: string; receiveCount: number; maxReceiveCount: number };
	expired: { ageMs: number };
	purged: Empty;
	'move-task-moved': { to: string; newMsg: string };
	// SNS ------------------------------------------------------------------------------------------------
	published: { from: string; groupId?: string; sequenceNumber?: string };
	/** SNS-FP-1: the subscription's filter policy did not match; no retry, no DLQ. */
	'filtered-out': { subscription: string; endpoint: string };
	'delivery-attempted': {
		subscription: string;
		endpoint: string;
		protocol: string;
		attempt: number;
		outcome: 'success' | 'server-error' | 'client-error';
		status?: number;
		error?: string;
	};
	delivered: { subscription: string; attempts: number };
	'delivery-dead-lettered': { subscription: string; dlq: string; attempts: number };
	'delivery-dropped': { subscription: string; attempts: number };
	// Kinesis --------------------------------------------------------------------------------------------
	/** KIN-1/-3: a record appended to a shard; `msg` is its sequence number. */
	'record-put': {
		shard: string;
		partitionKey: string;
		/** Set when the put named its hash key (KIN-1): it, not the partition key, chose the shard. */
		explicitHashKey?: string;
		bytes: number;
		from: string;
	};
	/** KIN-4: a put over the shard's write limit. */
	'put-throttled': { shard: string; partitionKey: string; from: string };
	'records-read': { shard: string; by: string; count: number; millisBehindLatest: number };
	/** KIN-7: a read over the shard's shared read limit. */
	'read-throttled': { shard: string; by: string };
	/** KIN-10: trimmed by retention. */
	'record-expired': { shard: string };
	'shard-split': { shard: string; children: string[] };
	'shards-merged': { shard: string; children: string[] };
	/** KIN-14: a worker took over a shard lease from a dead one; processing resumes from the checkpoint. */
	'lease-taken': { shard: string; from: string; to: string; checkpoint: string };
	'worker-died': { worker: string };
	/** A consumer handed one record to its processor (per-key order and replays are checked on these). */
	'record-processed': { shard: string; partitionKey: string; by: string; ok: boolean; replay?: boolean };
	// Firehose -------------------------------------------------------------------------------------------
	'firehose-buffered': { bytes: number; buffered: number };
	/** FH-1: a flush, caused by `size` or `interval`. */
	'firehose-flushed': { records: number; failed: number; dropped: number; bytes: number };
	'firehose-delivered': { key: string };
	'firehose-delivery-failed': { records: number; lost: number };
	// Consumers ------------------------------------------------------------------------------------------
	'processing-started': { worker: string; queue: string; receiveCount: number; until: number };
	processed: {
		worker: string;
		queue: string;
		ok: boolean;
		/** true when this message (by origin) was processed successfully before. */
		again?: boolean;
		/** true when an idempotent consumer recognised and skipped it. */
		skipped?: boolean;
		latencyMs: number;
	};
	heartbeat: { worker: string; visibleAt: number };
	'batch-invoked': { worker: string; size: number; until: number; iteratorAgeMs?: number; attempt?: number };
	/** ESM-KIN-5: Lambda gave up on a batch; its metadata went to the on-failure destination, if any. */
	'batch-discarded': {
		worker: string;
		shard: string;
		size: number;
		firstSeq: string;
		lastSeq: string;
		destination?: string;
	};
	'batch-result': { worker: string; ok: boolean; failed: number; error?: string };
	/** ESM-SQS-7: a message matched no filter and was deleted without invoking the function. */
	'esm-filtered': { worker: string };
	/** A Lambda event source mapping changed its number of concurrent pollers (ESM-SQS-5). */
	'esm-scaled': { pollers: number; backlog: number };
}

export type TraceType = keyof TraceEventMap;

export type TraceEvent = {
	[K in TraceType]: TraceBase & { type: K } & TraceEventMap[K];
}[TraceType];

/** What a model hands to the recorder: everything except the position and time, which it stamps. */
export type TraceInput = {
	[K in TraceType]: Omit<TraceBase, 'i' | 't'> & { type: K } & TraceEventMap[K];
}[TraceType];

export type TraceOf<K extends TraceType> = Extract<TraceEvent, { type: K }>;

/** A destination for trace events. `mark`/`rewind` let checkpoints rewind a sink (optional). */
export interface TraceSink {
	write(event: TraceEvent): void;
	mark?(): unknown;
	rewind?(mark: unknown): void;
}

/** Serialise a value with object keys sorted, so the same event always gives the same text. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value))
		return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
	const keys = Object.keys(value).sort();
	let out = '{';
	for (const k of keys) {
		const v = (value as Record<string, unknown>)[k];
		if (v === undefined) continue;
		if (out.length > 1) out += ',';
		out += `${JSON.stringify(k)}:${v === null || typeof v !== 'object' ? JSON.stringify(v) : stableStringify(v)}`;
	}
	return `${out}}`;
}

/** One JSONL line (no newline) for an event. */
export function traceLine(event: TraceEvent): string {
	return stableStringify(event);
}

/** Stamps events with position and time and fans them out to the sinks. */
export class TraceRecorder {
	#count = 0;
	#sinks: TraceSink[];
	#now: () => number;

	constructor(now: () => number, sinks: TraceSink[] = []) {
		this.#now = now;
		this.#sinks = sinks;
	}

	get count(): number {
		return this.#count;
	}

	addSink(sink: TraceSink): void {
		this.#sinks.push(sink);
	}

	emit(input: TraceInput): TraceEvent {
		// Stamped in place: every caller hands over a fresh object literal (no copy per event on the hot path).
		const event = input as TraceEvent & { i: number; t: number };
		event.i = this.#count++;
		event.t = this.#now();
		// The first four sinks each from a call site of its own: a run's sinks keep their places (the page's and
		// the worker's are memory, hash, dots, series), so each site sees one class where one loop saw them all.
		const sinks = this.#sinks;
		const n = sinks.length;
		if (n > 0) {
			(sinks[0] as TraceSink).write(event);
			if (n > 1) {
				(sinks[1] as TraceSink).write(event);
				if (n > 2) {
					(sinks[2] as TraceSink).write(event);
					if (n > 3) {
						(sinks[3] as TraceSink).write(event);
						for (let k = 4; k < n; k++) (sinks[k] as TraceSink).write(event);
					}
				}
			}
		}
		return event;
	}

	mark(): { count: number; sinks: unknown[] } {
		return { count: this.#count, sinks: this.#sinks.map((s) => s.mark?.()) };
	}

	rewind(mark: { count: number; sinks: unknown[] }): void {
		this.#count = mark.count;
		this.#sinks.forEach((s, k) => s.rewind?.(mark.sinks[k]));
	}
}

/**
 * Keeps events in memory; with `limit`, only the newest `limit` (a sliding window for long runs). A rewind
 * keeps the events after the mark in reserve: a run is deterministic, so replaying writes the very same
 * events again, and a checkpoint restored *ahead* (a forward seek) can reveal them without replaying.
 */
export class MemorySink implements TraceSink {
	#all: TraceEvent[] = [];
	#length = 0;
	#view: TraceEvent[] | undefined;
	/** How many events were dropped from the front of the window. */
	dropped = 0;
	readonly limit: number;

	constructor(limit = Number.POSITIVE_INFINITY) {
		this.limit = limit;
	}

	/** The events up to the current point of the run (oldest first, after the window's drops). */
	get events(): TraceEvent[] {
		if (this.#length === this.#all.length) return this.#all;
		this.#view ??= this.#all.slice(0, this.#length);
		return this.#view;
	}

	write(event: TraceEvent): void {
		if (this.limit === 0) {
			// A window of none counts the events (its marks are positions) and keeps nothing.
			this.dropped++;
			return;
		}
		this.#view = undefined;
		if (this.#length < this.#all.length) this.#all[this.#length] = event;
		else this.#all.push(event);
		this.#length++;
		if (this.#length > this.limit * 1.25) {
			const cut = this.#length - this.limit;
			this.#all.splice(0, cut);
			this.#length -= cut;
			this.dropped += cut;
		}
	}

	mark(): number {
		return this.dropped + this.#length;
	}

	/**
	 * Where the window of a sink with this limit starts after `count` events written from the start without a
	 * rewind (`dropped` then): it drops from the front each time it passes 1.25 × its limit, back to its limit.
	 */
	static windowStart(count: number, limit: number): number {
		const over = Math.floor(limit * 1.25) + 1; // the length that makes a cut
		if (!Number.isFinite(limit) || count < over) return 0;
		const cut = over - limit;
		return cut * (Math.floor((count - over) / cut) + 1);
	}

	rewind(mark: unknown): void {
		this.#view = undefined;
		const m = mark as number;
		if (m < this.dropped || m > this.dropped + this.#all.length) {
			// The mark lies outside what the window holds (dropped from the front, or beyond the reserve):
			// the window restarts empty at the mark, and the replay from there refills it.
			this.#all = [];
			this.#length = 0;
			this.dropped = m;
			return;
		}
		this.#length = m - this.dropped;
	}
}

/**
 * The trace hash: MurmurHash3 x86 128-bit (murmur128.ts) over a compact binary encoding of every event, written
 * field by field in the order the model wrote the keys (the same code writes them in the same order, so the
 * hash is as deterministic as the run). Each field starts with one 32-bit field word: a flag bit, the value's
 * kind (3 bits), the key's index (12 bits) and 16 bits of payload. Keys are numbered in order of first
 * appearance; a key's first field writes its name in full before the field word. Small non-negative integers
 * (< 65,536), booleans and null live in the field word itself; other integers and numbers whose tenths are an
 * integer (times like 30000.2) take one more word; the values of keys that name things (`node`, `type`,
 * `subscription`, `endpoint`…: few per run) are written in full the first time and then as their index in
 * order of first appearance; a string of 8 or more code units that equals the one last written in its slot of
 * a small table of recent strings (message ids, origins: each appears in several events in a row) is written
 * as that slot; anything else follows the field word tagged with its type and length: other numbers as the 8
 * bytes of their IEEE-754 double, strings as their UTF-16 code units two to a word, arrays and objects
 * recursively. An event ends with an end word. The dictionaries and the table are a deterministic function of
 * the events so far and part of the hash's state (so a restored checkpoint continues exactly): the encoding
 * is lossless, a decoder could rebuild every event. Only integer arithmetic and exactly-defined conversions
 * are used, so Node and every browser give the same digest (DET-1), and any change to any field of any event
 * changes it. Encoding into a reused word buffer instead of `JSON.stringify` of each event allocates nothing
 * per event, which is what makes it fast (the engine's hottest path).
 */
export class HashSink implements TraceSink {
	#hasher = new Murmur128();
	#buf = new Uint32Array(HASH_BUFFER_WORDS + HASH_SLACK_WORDS);
	#n = 0;
	/** Keys by first appearance: `index << 16 | 1` when the key's values are names, `index << 16` otherwise. */
	#keys = new Map<string, number>();
	#keyList: string[] = [];
	/** The dictionary of names: index by string, and the strings in order of first appearance. */
	#names = new Map<string, number>();
	#nameList: string[] = [];
	/** The table of recent strings, by slot (recentSlot). */
	#recent: (string | null)[] = new Array<string | null>(RECENT_SLOTS).fill(null);
	/** Copies of the lists for marks, shared while unchanged (marks never mutate them). */
	#keysMarked: string[] = [];
	#namesMarked: string[] = [];

	write(event: TraceEvent): void {
		this.#fields(event as unknown as Record<string, unknown>);
		this.#word(END_OF_EVENT);
		if (this.#n >= HASH_BUFFER_WORDS) this.#flushBlocks();
	}

	#fields(o: Record<string, unknown>): void {
		// Words go straight into the buffer through a local index (a field's own words fit in the slack past
		// HASH_BUFFER_WORDS); strings and nested values go through #string and #value, which keep #n.
		const buf = this.#buf;
		for (const k in o) {
			const v = o[k];
			if (v === undefined) continue; // As JSON leaves it out.
			let key = this.#keys.get(k);
			if (key === undefined) key = this.#newKey(k);
			if (this.#n >= HASH_BUFFER_WORDS) this.#flushBlocks();
			let n = this.#n;
			const head = FIELD | (key & KEY_BITS);
			switch (typeof v) {
				case 'number':
					if (Number.isInteger(v)) {
						// -0 is 0, as in JSON.
						if (v >= 0 && v <= 0xffff) buf[n++] = head | KIND_SMALL | (v & 0xffff);
						else if (v >= -0x80000000 && v <= 0x7fffffff) {
							buf[n++] = head | KIND_INT;
							buf[n++] = v >>> 0;
						} else {
							buf[n++] = head | KIND_VALUE;
							n = putDouble(buf, n, v);
						}
					} else if (!Number.isFinite(v)) buf[n++] = head | KIND_NULL;
					else {
						const tenths = v * 10;
						if (
							Number.isInteger(tenths) &&
							tenths >= -0x80000000 &&
							tenths <= 0x7fffffff &&
							tenths / 10 === v
						) {
							buf[n++] = head | KIND_TENTHS;
							buf[n++] = tenths >>> 0;
						} else {
							buf[n++] = head | KIND_VALUE;
							n = putDouble(buf, n, v);
						}
					}
					this.#n = n;
					break;
				case 'string':
					if ((key & 1) === 1) {
						const ix = this.#names.get(v);
						if (ix !== undefined) {
							buf[n++] = head | KIND_NAME | ix;
							this.#n = n;
						} else {
							if (this.#nameList.length < NAMES_MAX) {
								this.#names.set(v, this.#nameList.length);
								this.#nameList.push(v);
							}
							buf[n++] = head | KIND_VALUE;
							this.#n = n;
							this.#string(v);
						}
					} else if (v.length >= RECENT_MIN_LENGTH) {
						const slot = recentSlot(v);
						if (this.#recent[slot] === v) {
							buf[n++] = head | KIND_RECENT | slot;
							this.#n = n;
						} else {
							this.#recent[slot] = v;
							buf[n++] = head | KIND_VALUE;
							this.#n = n;
							this.#string(v);
						}
					} else {
						buf[n++] = head | KIND_VALUE;
						this.#n = n;
						this.#string(v);
					}
					break;
				case 'boolean':
					buf[n++] = head | KIND_BOOLEAN | (v ? 1 : 0);
					this.#n = n;
					break;
				default:
					if (v === null) {
						buf[n++] = head | KIND_NULL;
						this.#n = n;
					} else {
						buf[n++] = head | KIND_VALUE;
						this.#n = n;
						this.#value(v);
					}
			}
		}
	}

	/** A key seen for the first time: its name in full, then its index (none once KEYS_MAX are numbered). */
	#newKey(k: string): number {
		this.#string(k);
		const name = NAME_KEYS.has(k) ? 1 : 0;
		if (this.#keyList.length >= KEYS_MAX) return (KEY_UNNUMBERED << 16) | name;
		const key = (this.#keyList.length << 16) | name;
		this.#keys.set(k, key);
		this.#keyList.push(k);
		return key;
	}

	/** A value inside an array or a nested object's field of kind KIND_VALUE: tagged with its type. */
	#value(v: unknown): void {
		switch (typeof v) {
			case 'number':
				// As in JSON: -0 is 0, and NaN and ±Infinity are null (so the hash tells apart what the trace does).
				if (!Number.isFinite(v)) return this.#word(TAG_NULL);
				if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) {
					this.#word(TAG_INT);
					this.#word(v >>> 0); // -0 >>> 0 is 0
				} else this.#double(v);
				return;
			case 'string':
				return this.#string(v);
			case 'boolean':
				return this.#word(v ? TAG_TRUE : TAG_FALSE);
			case 'object':
				if (v === null) return this.#word(TAG_NULL);
				if (Array.isArray(v)) {
					this.#word(TAG_ARRAY | (v.length & LENGTH_MASK));
					for (const x of v as unknown[]) this.#value(x === undefined ? null : x);
					return;
				}
				{
					const o = v as Record<string, unknown>;
					let fields = 0;
					for (const k in o) if (o[k] !== undefined) fields++;
					this.#word(TAG_OBJECT | (fields & LENGTH_MASK));
					return this.#fields(o);
				}
			default:
				// bigint, function, symbol: never in a trace (JSON would refuse or drop them); hashed by their text.
				return this.#string(String(v));
		}
	}

	#double(v: number): void {
		if (this.#n >= HASH_BUFFER_WORDS) this.#flushBlocks();
		this.#n = putDouble(this.#buf, this.#n, v);
	}

	#string(s: string): void {
		const len = s.length;
		this.#word(TAG_STRING | (len & LENGTH_MASK));
		let i = 0;
		while (i < len) {
			if (this.#n >= HASH_BUFFER_WORDS + HASH_SLACK_WORDS - 1) this.#flushBlocks();
			// Fill up to the buffer's end in one loop, two code units a word.
			const room = (HASH_BUFFER_WORDS + HASH_SLACK_WORDS - 1 - this.#n) * 2;
			const end = Math.min(len, i + room);
			const buf = this.#buf;
			let n = this.#n;
			for (; i + 1 < end; i += 2) buf[n++] = (s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)) >>> 0;
			if (i < end && end === len) buf[n++] = s.charCodeAt(i++);
			this.#n = n;
		}
	}

	#word(w: number): void {
		if (this.#n >= HASH_BUFFER_WORDS + HASH_SLACK_WORDS) this.#flushBlocks();
		this.#buf[this.#n++] = w; // a typed array stores w modulo 2³²
	}

	/** Hashes the buffer's whole blocks; the rest (fewer than 4 words) moves to its front. */
	#flushBlocks(): void {
		const whole = this.#n - (this.#n % 4);
		if (whole === 0) return;
		this.#hasher.updateWords(this.#buf, whole);
		this.#buf.copyWithin(0, whole, this.#n);
		this.#n -= whole;
	}

	/** The words not yet hashed (fewer than 4 after a flush), as the hasher's text tail. */
	#tail(): string {
		let t = '';
		for (let k = 0; k < this.#n; k++) {
			const w = this.#buf[k] as number;
			t += String.fromCharCode(w & 0xffff, w >>> 16);
		}
		return t;
	}

	/** Hex digest of everything written so far (the sink keeps accepting events). */
	digest(): string {
		this.#flushBlocks();
		return this.#hasher.copy().update(this.#tail()).hexDigest();
	}

	/** The hasher's state as plain data, so a checkpoint made in a worker restores on the page. */
	mark(): HashSinkState {
		this.#flushBlocks();
		if (this.#keysMarked.length !== this.#keyList.length) this.#keysMarked = this.#keyList.slice();
		if (this.#namesMarked.length !== this.#nameList.length) this.#namesMarked = this.#nameList.slice();
		return {
			...this.#hasher.state(),
			tail: this.#tail(),
			keys: this.#keysMarked,
			names: this.#namesMarked,
			recent: this.#recent.slice()
		};
	}

	rewind(mark: unknown): void {
		const m = mark as HashSinkState;
		this.#hasher = Murmur128.fromState({ h: m.h, units: m.units, tail: '' });
		this.#keyList = m.keys.slice();
		this.#keysMarked = m.keys;
		this.#keys = new Map();
		for (let k = 0; k < this.#keyList.length; k++) {
			const key = this.#keyList[k] as string;
			this.#keys.set(key, (k << 16) | (NAME_KEYS.has(key) ? 1 : 0));
		}
		this.#nameList = m.names.slice();
		this.#namesMarked = m.names;
		this.#names = new Map();
		for (let k = 0; k < this.#nameList.length; k++) this.#names.set(this.#nameList[k] as string, k);
		this.#recent = m.recent.slice();
		this.#n = 0;
		for (let k = 0; k + 1 < m.tail.length; k += 2)
			this.#buf[this.#n++] = (m.tail.charCodeAt(k) | (m.tail.charCodeAt(k + 1) << 16)) >>> 0;
	}
}

/** Words buffered before hashing, and room past it so one field never needs a check per word. */
const HASH_BUFFER_WORDS = 1 << 14;
const HASH_SLACK_WORDS = 64;
const LENGTH_MASK = 0x0fffffff;
// Tags of values written after a field word of KIND_VALUE, in arrays and for a key in full (top bit clear).
const TAG_STRING = 0x10000000;
const TAG_INT = 0x20000001;
const TAG_DOUBLE = 0x20000002;
const TAG_TRUE = 0x30000001;
const TAG_FALSE = 0x30000000;
const TAG_NULL = 0x40000000;
const TAG_ARRAY = 0x50000000;
const TAG_OBJECT = 0x60000000;
const END_OF_EVENT = 0x7fffffff;
// A field word: FIELD | kind | key index << 16 | payload.
const FIELD = 0x80000000;
const KIND_SMALL = 0 << 28; // payload: the integer
const KIND_NAME = 1 << 28; // payload: the name's index
const KIND_RECENT = 2 << 28; // payload: the recent string's slot
const KIND_INT = 3 << 28; // the int32 follows
const KIND_BOOLEAN = 4 << 28; // payload: 1 or 0
const KIND_NULL = 5 << 28;
const KIND_TENTHS = 6 << 28; // the int32 ten times the number follows
const KIND_VALUE = 7 << 28; // a tagged value follows
const KEY_BITS = 0x0fff0000;
/** At most this many keys are numbered; the rest are written in full every time, with this index. */
const KEYS_MAX = 0xfff;
const KEY_UNNUMBERED = 0xfff;
/** At most this many names are remembered (the rest are written in full): bounded memory and marks. */
const NAMES_MAX = 4096;
/** The table of recent strings: its size, and the shortest string it holds. */
const RECENT_SLOTS = 256;
const RECENT_MIN_LENGTH = 8;
const F64 = new DataView(new ArrayBuffer(8));

/** A number's tagged IEEE-754 double at `n` (three words); returns the index after it. */
function putDouble(buf: Uint32Array, n: number, v: number): number {
	F64.setFloat64(0, v, true);
	buf[n] = TAG_DOUBLE;
	buf[n + 1] = F64.getUint32(0, true);
	buf[n + 2] = F64.getUint32(4, true);
	return n + 3;
}

/** A string's slot in the table of recent strings: a fixed function of its length and a few code units. */
function recentSlot(s: string): number {
	const len = s.length;
	return (
		(s.charCodeAt(0) * 7 +
			s.charCodeAt(1) * 31 +
			s.charCodeAt(len - 1) * 131 +
			s.charCodeAt(len - 2) * 17 +
			s.charCodeAt(len >> 1) +
			len) &
		(RECENT_SLOTS - 1)
	);
}

/** A HashSink's mark: the hasher's state, the dictionaries and the recent strings (plain data: it crosses to the page). */
export interface HashSinkState extends Murmur128State {
	keys: string[];
	names: string[];
	recent: (string | null)[];
}

/** Keys whose values name things (nodes, subscriptions, workers, causes): few distinct values in a run. */
const NAME_KEYS = new Set([
	'type',
	'node',
	'from',
	'target',
	'by',
	'endpoint',
	'subscription',
	'protocol',
	'queue',
	'shard',
	'worker',
	'destination',
	'cause',
	'outcome',
	'action'
]);

/** Writes JSONL lines to a callback (a file stream in the CLI). Cannot be rewound. */
export class JsonlSink implements TraceSink {
	#write: (line: string) => void;

	constructor(write: (line: string) => void) {
		this.#write = write;
	}

	write(event: TraceEvent): void {
		this.#write(`${traceLine(event)}\n`);
	}
}

/** Hash of a whole list of events, the same digest a HashSink gives for the same stream. */
export function hashTrace(events: Iterable<TraceEvent>): string {
	const sink = new HashSink();
	for (const e of events) sink.write(e);
	return sink.digest();
}

/** The trace as JSONL text. */
export function toJsonl(events: Iterable<TraceEvent>): string {
	let out = '';
	for (const e of events) out += `${traceLine(e)}\n`;
	return out;
}
