// Every lesson runs headless and its phenomenon really happens; its checkpoints lie inside the run.
import { describe, expect, it } from 'vitest';
import { loadScenario, MemorySink, type TraceEvent } from '$lib/engine';
import { createSimulation } from '$lib/models';
import { LESSONS } from '$lib/lessons';

describe('lessons', () => {
	it('there are at least 12', () => {
		expect(LESSONS.length).toBeGreaterThanOrEqual(12);
	});
	for (const lesson of LESSONS) {
		it(`${lesson.id}: ${lesson.phenomenon.claim}`, () => {
			const scenario = loadScenario(lesson.scenario);
			const mem = new MemorySink();
			createSimulation(scenario, { sinks: [mem] }).run();
			expect(lesson.phenomenon.holds(mem.events as TraceEvent[])).toBe(true);
			for (const s of lesson.steps)
				if (s.at !== undefined) expect(s.at).toBeLessThanOrEqual(scenario.durationMs);
			expect(lesson.steps.some((s) => s.question)).toBe(true);
		});
	}
});
