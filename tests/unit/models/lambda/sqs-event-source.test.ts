import { it } from 'vitest';
import { loadScenario, MemorySink, type TraceEvent } from '$lib/engine';
import { checkSimulation, createSimulation } from '$lib/models';

function run(nodes: unknown[], durationMs = 60_000) {
	const mem = new MemorySink();
	const sim = createSimulation(loadScenario({ version: 1, name: 't', seed: 1, durationMs, nodes }), {
		sinks: [mem]
	});
	sim.run();
	return { sim, events: mem.events as TraceEvent[] };
}

it('probe', () => {
	const { sim, events } = run(
		[
			{
				id: 'p',
				type: 'producer',
				target: 'q',
				Rate: { type: 'burst', size: 40, everySeconds: 3600 },
				LatencyMs: 0
			},
			{
				id: 'p2',
				type: 'producer',
				target: 'q',
				Rate: { type: 'burst', size: 1, everySeconds: 3600 },
				LatencyMs: 0,
				StartAtMs: 1500
			},
			{ id: 'q', type: 'sqs-queue', Nondeterminism: 'off' },
			{
				id: 'fn',
				type: 'lambda',
				source: 'q',
				BatchSize: 20,
				MaximumBatchingWindowInSeconds: 2,
				MaximumConcurrency: 2,
				ProcessingTime: { type: 'fixed', ms: 10 }
			}
		],
		10_000
	);
	for (const e of events)
		if (['batch-invoked', 'esm-scaled', 'enqueued', 'batch-result', 'received'].includes(e.type))
			console.log(JSON.stringify(e));
	console.log(checkSimulation(sim, events));
});
