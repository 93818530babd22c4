// The lesson player in Node, with the simulator ticked by hand: Continue plays to the checkpoint (time advances
// gradually and stops exactly there), Reveal plays to the reveal's end with its caption and highlight, Back goes
// to the previous checkpoint, Finish keeps the run where it is; a challenge is graded fail, then pass after the
// learner's edit.
import { describe, expect, it } from 'vitest';
import { CHALLENGES, LESSONS } from '$lib/lessons';
import { LessonPlayer } from '$lib/state/lesson-player.svelte';
import { SimulatorState } from '$lib/state/simulator.svelte';

function setup() {
	const sim = new SimulatorState(LESSONS[0]!.scenario, { host: () => undefined });
	const loaded: unknown[] = [];
	const player = new LessonPlayer({ sim, lessonLoaded: (l) => loaded.push(l.scenario) });
	return { sim, player, loaded };
}

/** Tick 16 ms frames until the run stops by itself; the simulated times seen. */
function playOut(sim: SimulatorState): number[] {
	const seen: number[] = [];
	for (let k = 0; k < 10_000 && sim.playing; k++) {
		sim.tick(16);
		seen.push(sim.now);
	}
	return seen;
}

describe('LessonPlayer', () => {
	it('plays to each checkpoint, reveals by playing the phenomenon, goes back, and finishes in place', () => {
		const { sim, player, loaded } = setup();
		const lesson = LESSONS.find((l) => l.id === 'visibility')!;
		player.start(lesson);
		expect(loaded).toEqual([lesson.scenario]);
		expect(player.step).toBe(0);
		player.next();
		const step = lesson.steps[1]!;
		expect(player.moving).toBe(true);
		expect(sim.speed).toBe(step.speed);
		const seen = playOut(sim);
		expect(seen.length).toBeGreaterThan(10);
		expect(seen.some((t) => t > 0 && t < step.at!)).toBe(true);
		expect(sim.now).toBe(step.at);
		expect(player.moving).toBe(false);
		expect(player.blocked).toBe(true);
		player.next();
		expect(player.step).toBe(1);
		player.choose(step.question!.answer);
		player.reveal();
		expect(player.caption).toBe(step.reveal!.caption);
		expect(player.highlight).toBe(step.reveal!.highlight?.node);
		playOut(sim);
		expect(sim.now).toBe(step.reveal!.until);
		player.next();
		playOut(sim);
		expect(sim.now).toBe(lesson.steps[2]!.at);
		player.back();
		expect(player.step).toBe(1);
		expect(sim.now).toBe(step.at);
		expect(player.revealed).toBe(false);
		expect(player.caption).toBeUndefined();
		player.choose(0);
		player.reveal();
		playOut(sim);
		player.next();
		playOut(sim);
		const before = sim.now;
		player.next();
		expect(player.done).toBe(true);
		expect(sim.now).toBe(before);
		expect(sim.playing).toBe(false);
	});

	it('grades a challenge: the start fails with a hint, the edited scenario passes', async () => {
		const { sim, player } = setup();
		const c = CHALLENGES.find((x) => x.id === 'challenge-visibility')!;
		player.startChallenge(c);
		expect(player.challenge).toBe(c);
		await player.check();
		expect(player.grade?.pass).toBe(false);
		expect(player.hintsShown).toBe(1);
		const doc = structuredClone(sim.scenario) as unknown as { nodes: Record<string, unknown>[] };
		doc.nodes = doc.nodes.map((n) => (n.id === 'orders' ? { ...n, VisibilityTimeout: 30 } : n));
		sim.load(doc);
		await player.check();
		expect(player.grade?.pass, player.grade?.message).toBe(true);
	});
});
