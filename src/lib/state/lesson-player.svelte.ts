// The lesson being walked through: which lesson, which step, the learner's prediction and whether the answer is
// revealed. The Lessons panel renders it, presenter mode shows its step as a caption on the stage, and the
// presenter keys (PageDown / PageUp, or N / P) move through it from anywhere on the page.

import type { Lesson } from '$lib/lessons';
import type { SimulatorState } from './simulator.svelte';

export interface LessonHost {
	readonly sim: SimulatorState | undefined;
	/** A lesson loaded its scenario (the header's picker follows it). */
	lessonLoaded(lesson: Lesson): void;
}

export class LessonPlayer {
	lesson = $state.raw<Lesson | undefined>(undefined);
	step = $state(0);
	choice = $state<number | undefined>(undefined);
	revealed = $state(false);
	readonly #host: LessonHost;

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

	start(lesson: Lesson): void {
		const sim = this.#host.sim;
		if (!sim) return;
		sim.load(lesson.scenario);
		this.#host.lessonLoaded(lesson);
		this.lesson = lesson;
		this.step = 0;
		this.#enter();
	}

	close(): void {
		this.lesson = undefined;
	}

	/** Go on from the current step (after its prediction, if it asks one): the run plays to the next one. */
	next(): void {
		if (!this.lesson || this.done || this.blocked) return;
		this.#host.sim?.play();
		this.step++;
		this.#enter();
	}

	back(): void {
		if (!this.lesson || this.step === 0) return;
		this.step--;
		this.#enter();
	}

	choose(option: number): void {
		if (!this.revealed) this.choice = option;
	}

	reveal(): void {
		if (this.choice !== undefined) this.revealed = true;
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

	/** Go to a step: pause the run at its checkpoint. */
	#enter(): void {
		this.choice = undefined;
		this.revealed = false;
		const s = this.lesson?.steps[this.step];
		const sim = this.#host.sim;
		if (s?.at !== undefined && sim) {
			sim.pause();
			void sim.seek(s.at);
		}
	}
}
