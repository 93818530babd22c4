// An append-only log of strings kept out of checkpoints. A consumer remembers every origin it processed
// (idempotency, and telling "processed twice" from "delivered twice"); copied into each checkpoint, that memory
// made a long run's checkpoints grow with the square of its length. Here the entries live in one log per node,
// owned by the Simulation (SimContext.appendLog) and shared by all checkpoints of a run, and a checkpoint
// holds only the log's length: restoring sets the length, back or forward (entries beyond it stay known as a
// reserve). Each entry keeps the positions where it occurs, so its count at any length is the number of its
// positions below that length, and moving costs nothing however far it goes. A replay after a restore appends
// the very same entries (the run is deterministic), so the log stays valid; should an entry ever differ, the
// entries after it are discarded. Another copy of the same run (the page's, fed by the worker that computes
// ahead) receives the entries it has not written itself with `supply`.
//
// Storage is compact, because a consumer appends one entry per message it processes (a million-message run
// holds a million entries): an entry of the form `<prefix>-<n>` (a producer's origin ids) is two 32-bit
// numbers in the log plus its first position in a per-prefix typed array, about 12 bytes instead of a string
// and a map entry (~100 bytes). Other entries, and positions after an entry's first, use maps.

export class AppendLog {
	/** Per position: the entry's prefix number, or -1 for an entry kept as text. */
	#kind: Int32Array = new Int32Array(1024);
	/** Per position: the entry's number (after the prefix), or its index in #texts. */
	#num: Int32Array = new Int32Array(1024);
	#size = 0;
	#length = 0;
	#prefixes: string[] = [];
	#prefixIds = new Map<string, number>();
	/** Per prefix, by number: the entry's first position plus one (0: not in the log). */
	#first: Int32Array[] = [];
	/** Entries kept as text, and the first position of each. */
	#texts: string[] = [];
	#textFirst = new Map<string, number>();
	/** Positions after the first, ascending, for entries that occur more than once. */
	#more = new Map<string, number[]>();

	/** How many times `entry` was appended so far in the run (among the first `length` entries). */
	count(entry: string): number {
		const first = this.#firstPosition(entry);
		if (first === undefined || first >= this.#length) return 0;
		const more = this.#more.get(entry);
		if (more === undefined) return 1;
		// Positions below the length: usually the whole short array.
		let lo = 0;
		let hi = more.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((more[mid] as number) < this.#length) lo = mid + 1;
			else hi = mid;
		}
		return 1 + lo;
	}

	/** The log's length: what a checkpoint stores. */
	get length(): number {
		return this.#length;
	}

	/** Entries known, the current length and any reserve beyond it. */
	get known(): number {
		return this.#size;
	}

	add(entry: string): void {
		if (this.#length < this.#size) {
			if (this.#entryAt(this.#length) === entry) {
				this.#length++;
				return;
			}
			this.#truncate(this.#length);
		}
		this.#append(entry);
		this.#length++;
	}

	/** Return to the state after the first `n` entries (a checkpoint's length). */
	moveTo(n: number): void {
		if (n > this.#size) throw new Error(`append log: cannot move to ${n}, only ${this.#size} known`);
		this.#length = n;
	}

	/** Entries from position `from` on (what another copy of the run lacks). */
	entriesFrom(from: number): string[] {
		const out: string[] = [];
		for (let p = Math.max(0, from); p < this.#size; p++) out.push(this.#entryAt(p));
		return out;
	}

	/**
	 * Entries written by another copy of the same run, starting at position `from` (at most `known`): they
	 * become reserve beyond the current length, or confirm entries already known. A difference from an entry
	 * already known means the two copies are not the same run, which is a bug: it throws.
	 */
	supply(from: number, entries: readonly string[]): void {
		if (from > this.#size) throw new Error(`append log: entries from ${from}, only ${this.#size} known`);
		entries.forEach((entry, k) => {
			const at = from + k;
			if (at < this.#size) {
				if (this.#entryAt(at) !== entry)
					throw new Error(`append log: entry ${at} differs between copies of one run`);
			} else this.#append(entry);
		});
	}

	#entryAt(p: number): string {
		const kind = this.#kind[p] as number;
		const num = this.#num[p] as number;
		return kind < 0 ? (this.#texts[num] as string) : `${this.#prefixes[kind]}-${num}`;
	}

	/**
	 * The last entry parsed and its result, and the last prefix met: a consumer's entry is parsed up to three
	 * times in a row (count, then add), and consecutive entries share their prefix, which is then neither cut out
	 * nor looked up again.
	 */
	#lastEntry: string | undefined;
	#lastParsed: [number, number] | undefined;
	#lastPrefix: string | undefined;
	#lastPrefixId = 0;

	/** `<prefix>-<n>` with n a canonical decimal below 2^31: [prefix id, n] (the prefix registered); else undefined. */
	#numbered(entry: string, register: boolean): [number, number] | undefined {
		if (entry === this.#lastEntry) return this.#lastParsed;
		const dash = entry.lastIndexOf('-');
		if (dash < 0 || dash === entry.length - 1 || entry.length - dash > 10) return undefined;
		let n = 0;
		for (let i = dash + 1; i < entry.length; i++) {
			const c = entry.charCodeAt(i) - 48;
			if (c < 0 || c > 9) return undefined;
			n = n * 10 + c;
		}
		if (n > 0x7fffffff || (entry.charCodeAt(dash + 1) === 48 && entry.length - dash > 2)) return undefined;
		let id: number | undefined;
		const last = this.#lastPrefix;
		if (last !== undefined && dash === last.length && entry.startsWith(last)) id = this.#lastPrefixId;
		else {
			const prefix = entry.slice(0, dash);
			id = this.#prefixIds.get(prefix);
			if (id === undefined) {
				if (!register) return [-1, n];
				id = this.#prefixes.length;
				this.#prefixes.push(prefix);
				this.#prefixIds.set(prefix, id);
				this.#first.push(new Int32Array(1024));
			}
			this.#lastPrefix = prefix;
			this.#lastPrefixId = id;
		}
		// Numbers far beyond the ones seen would make the dense array huge: such entries are kept as text.
		const parsed: [number, number] | undefined =
			n >= (this.#first[id] as Int32Array).length * 2 + 65_536 ? undefined : [id, n];
		this.#lastEntry = entry;
		this.#lastParsed = parsed;
		return parsed;
	}

	#firstPosition(entry: string): number | undefined {
		const numbered = this.#numbered(entry, false);
		if (numbered !== undefined) {
			const [id, n] = numbered;
			if (id < 0) return undefined;
			const first = this.#first[id] as Int32Array;
			const p = n < first.length ? (first[n] as number) : 0;
			if (p > 0) return p - 1;
		}
		return this.#textFirst.get(entry);
	}

	#append(entry: string): void {
		const position = this.#size;
		if (position === this.#kind.length) {
			this.#kind = grow(this.#kind, position * 2);
			this.#num = grow(this.#num, position * 2);
		}
		this.#size++;
		const known = this.#firstPosition(entry);
		if (known !== undefined) {
			// A repeat keeps its first occurrence's form.
			const more = this.#more.get(entry);
			if (more) more.push(position);
			else this.#more.set(entry, [position]);
			this.#kind[position] = this.#kind[known] as number;
			this.#num[position] = this.#num[known] as number;
			return;
		}
		const numbered = this.#numbered(entry, true);
		if (numbered !== undefined && numbered[0] >= 0) {
			const [id, n] = numbered;
			let first = this.#first[id] as Int32Array;
			if (n >= first.length) {
				let size = first.length;
				while (size <= n) size *= 2;
				first = grow(first, size);
				this.#first[id] = first;
			}
			first[n] = position + 1;
			this.#kind[position] = id;
			this.#num[position] = n;
			return;
		}
		this.#kind[position] = -1;
		this.#num[position] = this.#texts.length;
		this.#texts.push(entry);
		this.#textFirst.set(entry, position);
	}

	/** Forget the entries from position `n` on (a replay that differs from the reserve). */
	#truncate(n: number): void {
		for (let p = this.#size - 1; p >= n; p--) {
			const entry = this.#entryAt(p);
			const more = this.#more.get(entry);
			if (more !== undefined && more[more.length - 1] === p) {
				more.pop();
				if (more.length === 0) this.#more.delete(entry);
				continue;
			}
			const kind = this.#kind[p] as number;
			if (kind >= 0) (this.#first[kind] as Int32Array)[this.#num[p] as number] = 0;
			else {
				this.#textFirst.delete(entry);
				if (this.#num[p] === this.#texts.length - 1) this.#texts.pop();
			}
		}
		this.#size = n;
		this.#length = Math.min(this.#length, n);
	}
}

function grow(a: Int32Array, size: number): Int32Array {
	const b = new Int32Array(size);
	b.set(a);
	return b;
}
