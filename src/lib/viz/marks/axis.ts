// The charts' scales and axes as plain data, Observable Plot style: a time axis over simulated time with
// ticks at round steps (1 s, 5 s, 30 s, 1 min…) labelled m:ss, a value axis with a nice maximum, and a
// series read at the playhead (the last sample at or before t). Pure functions: the panel renders them.

/** Round steps for a time axis, in ms. */
const TIME_STEPS = [
	100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
	1_800_000, 3_600_000
];

export interface Tick {
	value: number;
	label: string;
}

/** Simulated time as m:ss (h:mm:ss past an hour; tenths when the step is under a second). */
export function formatTime(ms: number, stepMs = 1000): string {
	const neg = ms < 0 ? '-' : '';
	const a = Math.abs(ms);
	const whole = Math.floor(a / 1000);
	const h = Math.floor(whole / 3600);
	const m = Math.floor((whole % 3600) / 60);
	const s = whole % 60;
	const ss = String(s).padStart(2, '0');
	const frac = stepMs < 1000 ? `.${Math.floor((a % 1000) / 100)}` : '';
	const head = h > 0 ? `${h}:${String(m).padStart(2, '0')}` : String(m);
	return `${neg}${head}:${ss}${frac}`;
}

/** Ticks over [0, endMs] at the smallest round step giving at most `maxTicks` intervals. */
export function timeTicks(endMs: number, maxTicks = 5): { step: number; ticks: Tick[] } {
	const end = Math.max(0, endMs);
	const want = Math.max(1, maxTicks);
	const step = TIME_STEPS.find((s) => end / s <= want) ?? Math.ceil(end / want / 3_600_000) * 3_600_000;
	const ticks: Tick[] = [];
	for (let v = 0; v <= end + 1e-9; v += step) ticks.push({ value: v, label: formatTime(v, step) });
	return { step, ticks };
}

/** A nice top for a value axis holding `max` (1, 2, 5 × 10^k; at least 1). */
export function niceMax(max: number): number {
	if (!(max > 1)) return 1;
	let p = 1;
	while (p * 10 <= max) p *= 10;
	for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= max) return Number((f * p).toPrecision(12));
	return 10 * p;
}

/** Value-axis ticks: 0, the top, and the middle when it is a whole number. */
export function valueTicks(top: number): number[] {
	const mid = top / 2;
	return Number.isInteger(mid) ? [0, mid, top] : [0, top];
}

/** The index of the last sample at or before t (-1 when none). Samples are in time order. */
export function indexAt(t: readonly number[], at: number): number {
	let lo = 0;
	let hi = t.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if ((t[mid] as number) <= at) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	return found;
}

/** A series' value at t: its last sample at or before t (0 before the first). */
export function valueAt(t: readonly number[], values: readonly number[], at: number): number {
	const k = indexAt(t, at);
	return k < 0 ? 0 : (values[k] ?? 0);
}

/**
 * The samples up to `now`, ending in the value the model holds at `now` (samples are taken at fixed
 * intervals, so the last one can be older than the playhead): the line ends where the stage is.
 */
export function upToNow(
	t: readonly number[],
	values: readonly number[],
	now: number,
	live?: number
): { t: number[]; v: number[] } {
	const k = indexAt(t, now);
	const ts = t.slice(0, k + 1);
	const vs = values.slice(0, k + 1).map((v) => v ?? 0);
	if (live !== undefined) {
		if (ts.length > 0 && ts[ts.length - 1] === now) vs[vs.length - 1] = live;
		else {
			// A step: the last sample's value holds until the live one.
			ts.push(now);
			vs.push(live);
		}
	}
	return { t: ts, v: vs };
}

/** A display bin for per-interval counts: about `bins` across the run, a whole number of samples, ≥ 1 s. */
export function rateBin(durationMs: number, every: number, bins = 60): number {
	const step = Math.max(1, every);
	return Math.max(Math.ceil(1000 / step), Math.ceil(durationMs / bins / step)) * step;
}

/**
 * Per-interval counts (each sample counts the `every` ms ending at its time) as a rate per second over
 * `binMs` bins, up to `now`: one point per bin at its last sample, the last bin as far as it has got.
 */
export function perSecond(
	t: readonly number[],
	values: readonly number[],
	every: number,
	binMs: number,
	now: number
): { t: number[]; v: number[] } {
	const out = { t: [] as number[], v: [] as number[] };
	let bin = -1;
	let sum = 0;
	let n = 0;
	let last = 0;
	const flush = () => {
		if (n === 0) return;
		out.t.push(last);
		out.v.push(Math.round((sum / ((n * every) / 1000)) * 100) / 100);
	};
	for (let k = 0; k < t.length; k++) {
		const at = t[k] as number;
		if (at > now) break;
		// The sample at `at` counts (at - every, at]: it belongs to the bin holding at - 1.
		const b = Math.floor(Math.max(0, at - 1) / binMs);
		if (b !== bin) {
			flush();
			bin = b;
			sum = 0;
			n = 0;
		}
		sum += values[k] ?? 0;
		n++;
		last = at;
	}
	flush();
	return out;
}
