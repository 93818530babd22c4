// Grading a "Your turn" challenge: the current scenario (with the learner's edits and actions) runs headless from
// t = 0 with the run's seed, in slices so the page stays responsive, and the challenge's pure grade reads the
// whole trace. Loaded lazily with the engine (the panel's first load carries no simulation code).

import { MemorySink, type Scenario } from '$lib/engine';
import { createSimulation } from '$lib/services';
import type { Challenge, Grade } from '$lib/lessons';

/** Scheduler events per slice between yields to the page. */
const SLICE_EVENTS = 5_000;

export async function gradeChallenge(
	challenge: Challenge,
	scenario: Scenario,
	seed: number,
	pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0))
): Promise<Grade> {
	const mem = new MemorySink();
	const sim = createSimulation(scenario, { seed, sinks: [mem] });
	while (!sim.runUntil(scenario.durationMs, SLICE_EVENTS)) await pause();
	return challenge.grade(scenario, mem.events);
}
