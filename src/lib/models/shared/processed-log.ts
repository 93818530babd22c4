// What a consumer has processed, by origin, kept out of its checkpoints. A consumer remembers every origin it
// processed (idempotency, and telling "processed twice" from "delivered twice"); copied into each checkpoint,
// that memory made a long run's checkpoints grow with the square of its length. Here the origins live in one
// append-only log shared by all checkpoints of a run, and a checkpoint holds only the log's length: restoring
// moves the length back (or forward, for a checkpoint ahead) and adjusts the counts by the difference. A replay
// after a restore appends the very same origins (the run is deterministic), so the log stays valid; should an
// origin ever differ, the entries after it are discarded.

export class ProcessedLog {
	#log: string[] = [];
	#length = 0;
	#counts = new Map<string, number>();

	/** How many times `origin` was processed so far in the run. */
	count(origin: string): number {
		return this.#counts.get(origin) ?? 0;
	}

	/** The log's length: what a checkpoint stores. */
	get length(): number {
		return this.#length;
	}

	add(origin: string): void {
		if (this.#length < this.#log.length && this.#log[this.#length] !== origin)
			this.#log.length = this.#length;
		this.#log[this.#length++] = origin;
		this.#counts.set(origin, this.count(origin) + 1);
	}

	/** Return to the state after the first `n` entries (a checkpoint's length). */
	moveTo(n: number): void {
		if (n > this.#log.length)
			throw new Error(`processed log: cannot move to ${n}, only ${this.#log.length} known`);
		if (n === 0) {
			this.#counts.clear();
			this.#length = 0;
			return;
		}
		while (this.#length > n) {
			const origin = this.#log[--this.#length] as string;
			const c = this.count(origin) - 1;
			if (c > 0) this.#counts.set(origin, c);
			else this.#counts.delete(origin);
		}
		while (this.#length < n) {
			const origin = this.#log[this.#length++] as string;
			this.#counts.set(origin, this.count(origin) + 1);
		}
	}
}
