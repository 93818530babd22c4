// Messages between the page and the worker that computes runs ahead (ahead.worker.ts). Plain data only: they
// are structured-cloned across the thread boundary.

import type { Scenario } from '$lib/engine';
import type { AheadProgress, CheckpointReply } from './ahead';
import type { RunLimits } from './limits';

export type ToAhead =
	| { type: 'start'; runId: number; scenario: Scenario; seed: number; limits: RunLimits }
	| {
			type: 'checkpoint';
			runId: number;
			reqId: number;
			t: number;
			known: Record<string, number>;
			/** The asker applies every progress's logs: the reply need not repeat them (AheadRun.checkpoint). */
			sinceProgress?: boolean;
			/** Prefer the earliest checkpoint from which at most this many events lead to t (AheadRun.checkpoint). */
			history?: number;
	  }
	| { type: 'pause'; runId: number }
	| { type: 'resume'; runId: number }
	| { type: 'stop' };

export type FromAhead =
	| { type: 'progress'; progress: AheadProgress }
	| { type: 'checkpoint'; reqId: number; reply: CheckpointReply }
	| { type: 'error'; runId: number; message: string };
