// The charts' axes and the series read at the playhead (viz/marks/axis.ts).
import { describe, expect, it } from 'vitest';
import {
	formatTime,
	indexAt,
	niceMax,
	perSecond,
	rateBin,
	timeTicks,
	upToNow,
	valueAt,
	valueTicks
} from '$lib/viz/marks/axis';

describe('time axis', () => {
	it('formats simulated time as m:ss, tenths under a one-second step, h:mm:ss past an hour', () => {
		expect(formatTime(0)).toBe('0:00');
		expect(formatTime(65_000)).toBe('1:05');
		expect(formatTime(600_000)).toBe('10:00');
		expect(formatTime(1_500, 500)).toBe('0:01.5');
		expect(formatTime(3_725_000)).toBe('1:02:05');
	});

	it('puts ticks at round steps over the run, at most the wanted number of intervals', () => {
		const { step, ticks } = timeTicks(120_000, 5);
		expect(step).toBe(30_000);
		expect(ticks.map((t) => t.label)).toEqual(['0:00', '0:30', '1:00', '1:30', '2:00']);
		expect(timeTicks(10_000, 5).step).toBe(2_000);
		expect(timeTicks(600_000, 4).ticks.map((t) => t.label)).toEqual(['0:00', '5:00', '10:00']);
		expect(timeTicks(2_000, 4).ticks[1]?.label).toBe('0:00.5');
	});
});

describe('value axis', () => {
	it('rounds the top up to 1, 2, 2.5 or 5 × 10^k', () => {
		expect(niceMax(0)).toBe(1);
		expect(niceMax(1)).toBe(1);
		expect(niceMax(3)).toBe(5);
		expect(niceMax(11)).toBe(20);
		expect(niceMax(24)).toBe(25);
		expect(niceMax(101)).toBe(200);
	});

	it('ticks at 0, the middle and the top', () => {
		expect(valueTicks(20)).toEqual([0, 10, 20]);
		expect(valueTicks(5)).toEqual([0, 5]);
		expect(valueTicks(1)).toEqual([0, 1]);
		expect(valueTicks(2)).toEqual([0, 1, 2]);
		expect(valueTicks(25)).toEqual([0, 25]);
	});
});

describe('a series at the playhead', () => {
	const t = [0, 300, 600, 900];
	const v = [0, 2, 5, 1];

	it('reads the last sample at or before t', () => {
		expect(indexAt(t, -1)).toBe(-1);
		expect(indexAt(t, 0)).toBe(0);
		expect(indexAt(t, 599)).toBe(1);
		expect(indexAt(t, 600)).toBe(2);
		expect(indexAt(t, 5_000)).toBe(3);
		expect(valueAt(t, v, 650)).toBe(5);
		expect(valueAt(t, v, -5)).toBe(0);
	});

	it('ends the line in the live value at the playhead', () => {
		expect(upToNow(t, v, 700, 4)).toEqual({ t: [0, 300, 600, 700], v: [0, 2, 5, 4] });
		expect(upToNow(t, v, 600, 4)).toEqual({ t: [0, 300, 600], v: [0, 2, 4] });
		expect(upToNow(t, v, 650)).toEqual({ t: [0, 300, 600], v: [0, 2, 5] });
	});
});

describe('rates per second', () => {
	it('bins a whole number of samples, at least a second, about 60 across the run', () => {
		expect(rateBin(120_000, 300)).toBe(2_100);
		expect(rateBin(10_000, 250)).toBe(1_000);
		expect(rateBin(600_000, 1_500)).toBe(10_500);
	});

	it('turns per-interval counts into a rate per second per bin, up to the playhead', () => {
		// Samples every 250 ms; bins of 1 s hold the samples at 250, 500, 750, 1000 (and 0, counting nothing).
		const t = [0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000];
		const v = [0, 1, 0, 1, 2, 1, 1, 1, 1];
		expect(perSecond(t, v, 250, 1000, 2000)).toEqual({ t: [1000, 2000], v: [3.2, 4] });
		// The bin in progress is a rate over the samples so far.
		expect(perSecond(t, v, 250, 1000, 1500)).toEqual({ t: [1000, 1500], v: [3.2, 4] });
		expect(perSecond(t, v, 250, 1000, -1)).toEqual({ t: [], v: [] });
	});
});
