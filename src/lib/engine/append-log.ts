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

export class AppendLog {
	#log: string[] = [];
	#length = 0;
	/** Per entry, the positions where it occurs, ascending: one number, or an array when it occurs more than once. */
	#at = new Map<string, number | number[]>();

	/** How many times `entry` was appended so far in the run (among the first `length` entries). */
	count(entry: string): number {
		const at = this.#at.get(entry);
		if (at === undefined) return 0;
		if (typeof at === 'number') return at < this.#length ? 1 : 0;
		// Positions below the length: usually the whole short array.
		let lo = 0;
		let hi = at.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((at[mid] as number) < this.#length) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** The log's length: what a checkpoint stores. */
	get length(): number {
		return this.#length;
	}

	/** Entries known, the current length and any reserve beyond it. */
	get known(): number {
		return this.#log.length;
	}

	add(entry: string): void {
		if (this.#length < this.#log.length) {
			if (this.#log[this.#length] === entry) {
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
		if (n > this.#log.length)
			throw new Error(`append log: cannot move to ${n}, only ${this.#log.length} known`);
		this.#length = n;
	}

	/** Entries from position `from` on (what another copy of the run lacks). */
	entriesFrom(from: number): string[] {
		return this.#log.slice(from);
	}

	/**
	 * Entries written by another copy of the same run, starting at position `from` (at most `known`): they
	 * become reserve beyond the current length, or confirm entries already known. A difference from an entry
	 * already known means the two copies are not the same run, which is a bug: it throws.
	 */
	supply(from: number, entries: readonly string[]): void {
		if (from > this.#log.length)
			throw new Error(`append log: entries from ${from}, only ${this.#log.length} known`);
		entries.forEach((entry, k) => {
			const at = from + k;
			if (at < this.#log.length) {
				if (this.#log[at] !== entry)
					throw new Error(`append log: entry ${at} differs between copies of one run`);
			} else this.#append(entry);
		});
	}

	#append(entry: string): void {
		const position = this.#log.length;
		this.#log.push(entry);
		const at = this.#at.get(entry);
		if (at === undefined) this.#at.set(entry, position);
		else if (typeof at === 'number') this.#at.set(entry, [at, position]);
		else at.push(position);
	}

	/** Forget the entries from position `n` on (a replay that differs from the reserve). */
	#truncate(n: number): void {
		for (let p = this.#log.length - 1; p >= n; p--) {
			const entry = this.#log[p] as string;
			const at = this.#at.get(entry);
			if (typeof at === 'number' || at === undefined) this.#at.delete(entry);
			else {
				at.pop();
				if (at.length === 1) this.#at.set(entry, at[0] as number);
			}
		}
		this.#log.length = n;
	}
}
