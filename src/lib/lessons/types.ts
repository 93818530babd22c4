// The shapes of lessons and challenges, and the small pure helpers their files share: a seeded shuffle of a
// question's options (so the right answer is not always in the same place, yet every build shows the same
// order), counting and "first time" over a trace.

import type { Scenario, TraceEvent } from '$lib/engine';
import { hashString32 } from '$lib/engine/random';

export interface Question {
	prompt: string;
	options: string[];
	/** Index of the right option in `options` (after the shuffle). */
	answer: number;
	/** Why, with the SEMANTICS.md rule id. */
	explain: string;
}

export interface Reveal {
	/** The run plays to this simulated ms when the answer is revealed: the phenomenon happens on the stage. */
	until: number;
	/** Shown on the stage while the reveal plays (where to look). */
	caption: string;
	/** The node the stage highlights during the reveal. */
	highlight?: { node?: string };
	/** Playback speed of the reveal (default: the step's). */
	speed?: number;
}

export interface LessonStep {
	text: string;
	/** Play the run to here (simulated ms) and pause before showing the step's question. */
	at?: number;
	/** Playback speed while playing to `at` and through the reveal (default DEFAULT_LESSON_SPEED). */
	speed?: number;
	/** Predict before revealing. Asked at `at`, before the phenomenon happens. */
	question?: Question;
	/** What Reveal plays and says. */
	reveal?: Reveal;
}

export interface Phenomenon {
	claim: string;
	/** The claim, checked over the whole run's trace. */
	holds: (events: readonly TraceEvent[]) => boolean;
	/** The simulated time the phenomenon first happens (undefined when it never does). */
	firstAt: (events: readonly TraceEvent[]) => number | undefined;
}

export interface Lesson {
	id: string;
	title: string;
	scenario: unknown;
	steps: LessonStep[];
	takeaway: string;
	phenomenon: Phenomenon;
}

export interface Grade {
	pass: boolean;
	/** What the run did, in a sentence (why it passes or fails). */
	message: string;
}

/** "Your turn": change one parameter or act on the stage so that the run reaches a goal. */
export interface Challenge {
	id: string;
	title: string;
	scenario: unknown;
	/** What the run must do. */
	goal: string;
	/** Where to change things (Edit panel or the inspector's Act section). */
	how: string;
	/** Shown one more at a time after a failed check. */
	hints: string[];
	/** A pure function over the current scenario and the whole run's trace. */
	grade: (scenario: Scenario, events: readonly TraceEvent[]) => Grade;
}

/** Playback speed of a lesson step that names none (one of the picker's SPEEDS). */
export const DEFAULT_LESSON_SPEED = 5;

export const count = (events: readonly TraceEvent[], f: (e: TraceEvent) => boolean): number =>
	events.filter(f).length;

export const firstWhere = (
	events: readonly TraceEvent[],
	f: (e: TraceEvent) => boolean
): number | undefined => events.find(f)?.t;

/** FNV-1a over the text (the engine's one hash helper): the seed of a lesson's shuffle. */
const hash = hashString32;

/** The options in an order fixed by `seed` (Fisher–Yates driven by a small LCG). */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
	const out = [...items];
	let s = hash(seed) || 1;
	for (let i = out.length - 1; i > 0; i--) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}

/** A question whose options are shuffled by the lesson id; `answer` points at `right` afterwards. */
export function ask(seed: string, prompt: string, right: string, wrong: string[], explain: string): Question {
	const options = seededShuffle([right, ...wrong], seed);
	return { prompt, options, answer: options.indexOf(right), explain };
}
