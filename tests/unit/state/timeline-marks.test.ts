// The timeline's marks: operator actions, findings (grouped per kind close together) and lesson moments in
// time order; round time ticks with readable labels.
import { describe, expect, it } from 'vitest';
import { tickLabel, timeTicks, timelineMarks } from '$lib/state/timeline-marks';

const scenario = {
	nodes: [
		{ id: 'c', type: 'consumer', Actions: [{ action: 'crash', atMs: 40_000 }] },
		{ id: 'late', type: 'producer', Actions: [{ action: 'pause', atMs: 500_000 }] }
	]
};

describe('timeline marks', () => {
	it('actions, lesson moments and findings in time order; past the end left out', () => {
		const marks = timelineMarks({
			scenario,
			durationMs: 120_000,
			findings: [
				{ t: 10_000, kind: 'duplicate', title: 'orders: m-1 delivered twice' },
				{ t: 10_400, kind: 'duplicate', title: 'orders: m-2 delivered twice' },
				{ t: 10_500, kind: 'dead-lettered', title: 'm-3 dead-lettered' },
				{ t: 90_000, kind: 'duplicate', title: 'orders: m-9 delivered twice' },
				{ t: 130_000, kind: 'duplicate', title: 'after the end' }
			],
			moments: [{ t: 30_000, label: 'step 2: a question' }]
		});
		expect(marks).toEqual([
			{ t: 10_000, kind: 'finding', label: 'orders: m-1 delivered twice (and 1 more here)' },
			{ t: 10_500, kind: 'finding', label: 'm-3 dead-lettered' },
			{ t: 30_000, kind: 'lesson', label: 'lesson: step 2: a question' },
			{ t: 40_000, kind: 'action', label: 'you acted: c: crash' },
			{ t: 90_000, kind: 'finding', label: 'orders: m-9 delivered twice' }
		]);
	});

	it('ticks are round steps from 0, at most the number asked for', () => {
		expect(timeTicks(60_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
		expect(timeTicks(120_000)).toEqual([0, 15_000, 30_000, 45_000, 60_000, 75_000, 90_000, 105_000, 120_000]);
		expect(timeTicks(3_600_000).length).toBeLessThanOrEqual(8);
		expect(timeTicks(5_000)[1]).toBe(1000);
		expect(timeTicks(200 * 3_600_000).length).toBeLessThanOrEqual(9);
	});

	it('tick labels read m:ss, and h:mm:ss past an hour', () => {
		expect(tickLabel(0)).toBe('0:00');
		expect(tickLabel(75_000)).toBe('1:15');
		expect(tickLabel(3_725_000)).toBe('1:02:05');
	});
});
