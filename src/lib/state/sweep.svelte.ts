// The Seeds panel's state (#17): a seed sweep of the current scenario run in Web Workers, and the metric the
// histogram shows ("how often does this configuration deliver twice?"). The runs are kept by seed, so the
// histogram and the list do not depend on which worker finished first; a run opens as its seed in the
// simulator. A sweep belongs to the scenario it ran: editing or loading another one makes it stale.

import type { Scenario } from '$lib/engine';
import type { SeedRun } from '$lib/sweep/run-seed';
import type { Metric } from '$lib/sweep/stats';
import type { SweepHandle } from '$lib/runner/sweep-host';

/** The metrics worth a histogram first, in order: the first that varies or is non-zero is shown. */
const INTERESTING: readonly Metric[] = [
	'duplicates',
	'deadLettered',
	'throttled',
	'outOfOrder',
	'expired',
	'dropped',
	'failed',
	'latencyP95Ms'
];

export const SWEEP_MIN = 2;
export const SWEEP_MAX = 1000;

export class SeedSweep {
	/** Runs so far, sorted by seed. */
	runs = $state.raw<SeedRun[]>([]);
	/** Seeds asked for. */
	total = $state(0);
	running = $state(false);
	error = $state<string | undefined>(undefined);
	/** How many runs to ask for next (the panel's field). */
	count = $state(50);
	/** The node and metric the histogram shows (undefined: the first interesting one). */
	node = $state<string | undefined>(undefined);
	metric = $state<Metric | undefined>(undefined);
	/** The scenario the runs are of (compared by identity with the simulator's). */
	scenario = $state.raw<Scenario | undefined>(undefined);
	/** How many workers ran it (0: the page). */
	workers = $state(0);
	#handle: SweepHandle | undefined;

	/** Run seeds 1..count of `scenario` (its own duration), replacing any earlier sweep. */
	async start(scenario: Scenario, count = this.count): Promise<void> {
		this.stop();
		const n = Math.max(SWEEP_MIN, Math.min(SWEEP_MAX, Math.floor(count)));
		const seeds = Array.from({ length: n }, (_, k) => k + 1);
		this.scenario = scenario;
		this.runs = [];
		this.total = n;
		this.error = undefined;
		this.running = true;
		const { startSweep } = await import('$lib/runner/sweep-host');
		if (this.scenario !== scenario || !this.running) return; // stopped or restarted meanwhile
		const pending: SeedRun[] = [];
		let flush: ReturnType<typeof requestAnimationFrame> | undefined;
		const handle = startSweep(scenario, seeds, {
			onRun: (run) => {
				pending.push(run);
				// One update a frame, however fast the runs arrive.
				flush ??= requestAnimationFrame(() => {
					flush = undefined;
					if (this.#handle === handle) this.#add(pending.splice(0));
				});
			}
		});
		this.#handle = handle;
		this.workers = handle.workers;
		try {
			await handle.done;
		} catch (e) {
			if (this.#handle === handle) this.error = (e as Error).message;
		}
		if (this.#handle !== handle) return;
		if (flush !== undefined) cancelAnimationFrame(flush);
		this.#add(pending.splice(0));
		this.running = false;
		this.#handle = undefined;
	}

	stop(): void {
		this.#handle?.stop();
		this.#handle = undefined;
		this.running = false;
	}

	#add(runs: SeedRun[]): void {
		if (runs.length === 0) return;
		this.runs = [...this.runs, ...runs].sort((a, b) => a.seed - b.seed);
	}

	/** Whether the runs are of another scenario than `current` (edited or replaced since). */
	staleFor(current: Scenario): boolean {
		return this.scenario !== undefined && this.scenario !== current;
	}

	/** The node and metric shown: the chosen ones, else the first interesting metric that is non-zero somewhere. */
	shown(): { node: string; metric: Metric } | undefined {
		const first = this.runs[0];
		if (!first) return undefined;
		const nodes = this.node !== undefined ? [this.node] : first.nodes.map((n) => n.node);
		const metrics = this.metric !== undefined ? [this.metric] : INTERESTING;
		for (const metric of metrics)
			for (const node of nodes)
				if (this.values(node, metric).some((v) => v.value > 0)) return { node, metric };
		const node = nodes[0];
		return node === undefined ? undefined : { node, metric: metrics[0] ?? 'duplicates' };
	}

	/** Each run's value of a node's metric, by seed (a run without a value, a latency with no sample, left out). */
	values(node: string, metric: Metric): { seed: number; value: number }[] {
		const out: { seed: number; value: number }[] = [];
		for (const r of this.runs) {
			const v = r.nodes.find((x) => x.node === node)?.[metric];
			if (v !== undefined) out.push({ seed: r.seed, value: v });
		}
		return out;
	}
}
