// What the timeline marks, so a learner can find the interesting moments: every operator action and outage
// edge in the scenario, every "What went wrong" finding (the worker computes them over the whole run ahead),
// and the lesson's moments. Findings of one kind close together share a marker ("3 duplicate deliveries").
// Time ticks at a readable step. Pure; the Timeline component draws what this returns.

import { actionMarkers } from './operator';

export type MarkKind = 'action' | 'finding' | 'lesson';

export interface TimelineMark {
	t: number;
	kind: MarkKind;
	/** What a hover says, and the marker's accessible description. */
	label: string;
}

export interface MarkInputs {
	scenario: unknown;
	durationMs: number;
	findings?: readonly { t: number; kind: string; title: string }[];
	moments?: readonly { t: number; label: string }[];
}

/** Findings of one kind within this share of the run share one marker. */
const FINDING_BIN = 1 / 120;

export function timelineMarks({
	scenario,
	durationMs,
	findings = [],
	moments = []
}: MarkInputs): TimelineMark[] {
	const out: TimelineMark[] = [];
	for (const a of actionMarkers(scenario))
		if (a.t <= durationMs) out.push({ t: a.t, kind: 'action', label: `you acted: ${a.label}` });
	for (const m of moments)
		if (m.t <= durationMs) out.push({ t: m.t, kind: 'lesson', label: `lesson: ${m.label}` });
	// One marker per kind and bin: the first finding's time, its title and how many more.
	const bin = Math.max(1, durationMs * FINDING_BIN);
	const groups = new Map<string, { t: number; title: string; n: number }>();
	for (const f of findings) {
		if (f.t > durationMs) continue;
		const key = `${f.kind}|${Math.floor(f.t / bin)}`;
		const g = groups.get(key);
		if (g) g.n++;
		else groups.set(key, { t: f.t, title: f.title, n: 1 });
	}
	for (const g of groups.values())
		out.push({ t: g.t, kind: 'finding', label: g.n > 1 ? `${g.title} (and ${g.n - 1} more here)` : g.title });
	return out.sort((a, b) => a.t - b.t || a.kind.localeCompare(b.kind));
}

const STEPS_MS = [
	1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000
];

/** Tick times for a run: a round step giving at most `most` ticks, 0 included. */
export function timeTicks(durationMs: number, most = 8): number[] {
	const step =
		STEPS_MS.find((s) => durationMs / s <= most) ?? Math.ceil(durationMs / most / 3_600_000) * 3_600_000;
	const ticks: number[] = [];
	for (let t = 0; t <= durationMs; t += step) ticks.push(t);
	return ticks;
}

/** A tick's label: m:ss, or h:mm:ss past an hour. */
export function tickLabel(ms: number): string {
	const s = Math.round(ms / 1000);
	const h = Math.floor(s / 3600);
	const m = Math.floor((s % 3600) / 60);
	const ss = String(s % 60).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
