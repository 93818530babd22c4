// An append-only log of strings kept out of checkpoints. A consumer remembers every origin it processed
// (idempotency, and telling "processed twice" from "delivered twice"); copied into each checkpoint, that memory
// made a long run's checkpoints grow with the square of its length. Here the entries live in one log per node,
// owned by the Simulation (SimContext.appendLog) and shared by all checkpoints of a run, and a checkpoint
// holds only the log's length: restoring moves the length back (or forward, for a checkpoint ahead) and adjusts
// the counts by the difference. A replay after a restore appends the very same entries (the run is
// deterministic), so the log stays valid; should an entry ever differ, the entries after it are discarded.
// Another copy of the same run (the page's, fed by the worker that computes ahead) receives the entries it has
// not written itself with `supply`, so it can restore a checkpoint taken further on.

export class AppendLog {
	#log: string[] = [];
	#length = 0;
	#counts = new Map<string, number>();

	/** How many times `entry` was appended so far in the run. */
	count(entry: string): number {
		return this.#counts.get(entry) ?? 0;
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
		if (this.#length < this.#log.length && this.#log[this.#length] !== entry) this.#log.length = this.#length;
		this.#log[this.#length++] = entry;
		this.#counts.set(entry, this.count(entry) + 1);
	}

	/** Return to the state after the first `n` entries (a checkpoint's length). */
	moveTo(n: number): void {
		if (n > this.#log.length)
			throw new Error(`append log: cannot move to ${n}, only ${this.#log.length} known`);
		if (n === 0) {
			this.#counts.clear();
			this.#length = 0;
			return;
		}
		while (this.#length > n) {
			const entry = this.#log[--this.#length] as string;
			const c = this.count(entry) - 1;
			if (c > 0) this.#counts.set(entry, c);
			else this.#counts.delete(entry);
		}
		while (this.#length < n) {
			const entry = this.#log[this.#length++] as string;
			this.#counts.set(entry, this.count(entry) + 1);
		}
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
			} else this.#log.push(entry);
		});
	}
}
