// A worker thread of the seed-sweep pool (src/cli/sweep.ts): it gets the scenario and the stop time once, as
// workerData, then runs one seed per message and answers with the run, or with the error, for that seed.

import { parentPort, workerData } from 'node:worker_threads';
import { runSeed } from '../lib/sweep/run-seed';
import type { SweepJob, SweepReply, SweepRequest } from './sweep';

const port = parentPort;
if (!port) throw new Error('src/cli/sweep-worker.ts is a worker thread of src/cli/sweep.ts, not a program');
const { scenario, untilMs } = workerData as SweepJob;

port.on('message', ({ seed }: SweepRequest) => {
	let reply: SweepReply;
	try {
		reply = { seed, run: runSeed(scenario, seed, untilMs) };
	} catch (err) {
		reply = { seed, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
	}
	port.postMessage(reply);
});
