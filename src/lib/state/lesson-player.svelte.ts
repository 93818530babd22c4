// The lesson being walked through: which lesson, which step, the learner's prediction and whether the answer is
// revealed. Next plays the run to the next step's checkpoint at the step's speed and pauses exactly there (the
// question is asked then, before its phenomenon happens); Reveal plays the phenomenon to the reveal's end and
// shows its caption on the stage (`caption`, `highlight`); Back goes to the previous checkpoint; Finish keeps
// the run where it is. It also holds the "Your turn" challenge being tried and its grade. The Lessons panel
// renders it, presenter mode shows its step as a caption on the stage, and the presenter keys (PageDown /
// PageUp, or N / P) move through it from anywhere on the page.

import { DEFAULT_LESSON_SPEED, type Challenge, type Grade, type Lesson } from '$lib/lessons';
import type { SimulatorState } from './simulator.svelte';

export interface LessonHost {
	readonly sim: SimulatorState | undefined;
	/** A lesson or challenge loaded its scenario (the header's picker follows it). */
	lessonLoaded(lesson: { scenario: unknown }): void;
}

export class LessonPlayer {
	lesson = $state.raw<Lesson | undefined>(undefined);
	step = $state(0);
	choice = $state<number | undefined>(undefined);
	revealed = $state(false);
	/** What the stage says while a reveal plays (and after it, until the step changes). */
	caption = $state<string | undefined>(undefined);
	/** The node the stage should highlight during the reveal. */
	highlight = $state<string | undefined>(undefined);
	/** The "Your turn" challenge being tried, if any (then `lesson` is undefined). */
	challenge = $state.raw<Challenge | undefined>(undefined);
	/** The last Check's result for the challenge. */
	grade = $state.raw<Grade | undefined>(undefined);
	/** A Check is running the scenario headless. */
	checking = $state(false);
	/** How many of the challenge's hints are shown (one more after each failed check). */
	hintsShown = $state(0);
	readonly #host: LessonHost;
	#checkTicket = 0;

	constructor(host: LessonHost) {
		this.#host = host;
	}

	get current() {
		return this.lesson?.steps[this.step];
	}

	get done(): boolean {
		return this.lesson !== undefined && this.step >= this.lesson.steps.length;
	}

	/** Whether the step waits for a prediction before it can go on. */
	get blocked(): boolean {
		return this.current?.question !== undefined && !this.revealed;
	}

	/** The run is playing by itself to a checkpoint or through a reveal. */
	get moving(): boolean {
		const sim = this.#host.sim;
		return sim !== undefined && sim.playing && sim.stopAt !== undefined;
	}

	start(lesson: Lesson): void {
		const sim = this.#host.sim;
		if (!sim) return;
		sim.load(lesson.scenario);
		this.#host.lessonLoaded(lesson);
		this.challenge = undefined;
		this.lesson = lesson;
		this.step = 0;
		this.#enter(true);
	}

	/** Try a challenge: its starting scenario is loaded at t = 0. */
	startChallenge(challenge: Challenge): void {
		const sim = this.#host.sim;
		if (!sim) return;
		sim.load(challenge.scenario);
		this.#host.lessonLoaded(challenge);
		this.openChallenge(challenge);
	}

	/** Show a challenge for the run already loaded (a shared link carries the learner's attempt). */
	openChallenge(challenge: Challenge): void {
		this.lesson = undefined;
		this.#clearStage();
		this.challenge = challenge;
		this.grade = undefined;
		this.hintsShown = 0;
		this.checking = false;
	}

	close(): void {
		this.lesson = undefined;
		this.challenge = undefined;
		this.grade = undefined;
		this.#clearStage();
	}

	/** Go on from the current step (after its prediction, if it asks one): the run plays to the next one. */
	next(): void {
		if (!this.lesson || this.done || this.blocked) return;
		this.step++;
		if (this.done) {
			// Finish: the run stays where it is.
			this.#host.sim?.pause();
			this.#clearStage();
			return;
		}
		this.#enter(true);
	}

	back(): void {
		if (!this.lesson || this.step === 0) return;
		this.step--;
		this.#enter(false);
	}

	choose(option: number): void {
		if (!this.revealed) this.choice = option;
	}

	/** Show the answer and play the phenomenon to the end of the reveal, with its caption on the stage. */
	reveal(): void {
		if (this.choice === undefined || this.revealed) return;
		this.revealed = true;
		const s = this.current;
		const r = s?.reveal;
		if (!r) return;
		this.caption = r.caption;
		this.highlight = r.highlight?.node;
		const sim = this.#host.sim;
		if (sim && sim.playhead < r.until) sim.playUntil(r.until, r.speed ?? s?.speed ?? DEFAULT_LESSON_SPEED);
	}

	/** Grade the current scenario (with the learner's edits and actions): a whole headless run. */
	async check(): Promise<void> {
		const challenge = this.challenge;
		const sim = this.#host.sim;
		if (!challenge || !sim) return;
		const ticket = ++this.#checkTicket;
		this.checking = true;
		try {
			const { gradeChallenge } = await import('./grade-challenge');
			const grade = await gradeChallenge(challenge, sim.scenario, sim.seed);
			if (ticket !== this.#checkTicket || this.challenge !== challenge) return;
			this.grade = grade;
			if (!grade.pass) this.hintsShown = Math.min(challenge.hints.length, this.hintsShown + 1);
		} finally {
			if (ticket === this.#checkTicket) this.checking = false;
		}
	}

	/** Presenter keys: PageDown / N for the next step, PageUp / P for the previous one. True when handled. */
	onKey(e: KeyboardEvent): boolean {
		const target = e.target as HTMLElement | null;
		if (!this.lesson || (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')))
			return false;
		if (e.key === 'PageDown' || e.key === 'n') {
			if (this.done || this.blocked) return false;
			this.next();
			return true;
		}
		if (e.key === 'PageUp' || e.key === 'p') {
			this.back();
			return true;
		}
		return false;
	}

	#clearStage(): void {
		this.caption = undefined;
		this.highlight = undefined;
	}

	/**
	 * Go to a step. Going forward plays the run to its checkpoint and pauses there; going back (or to a checkpoint
	 * behind the playhead) moves there at once, paused.
	 */
	#enter(forward: boolean): void {
		this.choice = undefined;
		this.revealed = false;
		this.#clearStage();
		const s = this.lesson?.steps[this.step];
		const sim = this.#host.sim;
		if (!s || !sim) return;
		const at = s.at ?? (forward ? undefined : 0);
		if (at === undefined) {
			sim.pause();
			return;
		}
		if (forward && sim.playhead < at) {
			sim.playUntil(at, s.speed ?? DEFAULT_LESSON_SPEED);
			return;
		}
		sim.pause();
		void sim.seek(at);
	}
}
