// A Web Worker of a seed sweep in the browser (#17): it runs the seeds the page hands it, one at a time, and
// posts each run's summary back. The page keeps a few of these busy (sweep-host.ts), as the CLI keeps worker
// threads busy; the run for a seed is the CLI's run for that seed (sweep/run-seed.ts).

import type { Scenario } from '../engine';
import { runSeed, type SeedRun } from '../sweep/run-seed';

export type ToSweepWorker = { type: 'run'; scenario: Scenario; seed: number; untilMs?: number };
export type FromSweepWorker =
	{ type: 'run'; run: SeedRun } | { type: 'error'; seed: number; message: string };

const scope = self as unknown as {
	postMessage(message: FromSweepWorker): void;
	onmessage: ((e: MessageEvent<ToSweepWorker>) => void) | null;
};

scope.onmessage = (e) => {
	const m = e.data;
	try {
		scope.postMessage({ type: 'run', run: runSeed(m.scenario, m.seed, m.untilMs) });
	} catch (err) {
		scope.postMessage({ type: 'error', seed: m.seed, message: (err as Error).message });
	}
};
