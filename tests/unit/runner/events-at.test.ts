// The estimate of trace events before a time that the worker (AheadRun) and the page (SimulatorState) share to
// choose where a seek starts and how much history it replays.
import { describe, expect, it } from 'vitest';
import { eventsAt } from '$lib/runner/events-at';

const points = [
	{ t: 0, count: 0 },
	{ t: 1000, count: 400 },
	{ t: 3000, count: 1200 },
	{ t: 3000, count: 1200 },
	{ t: 5000, count: 1300 }
];

describe('eventsAt', () => {
	it('is exact at a point and linear between two', () => {
		expect(eventsAt(points, 1000)).toBe(400);
		expect(eventsAt(points, 500)).toBe(200);
		expect(eventsAt(points, 2000)).toBe(800);
		expect(eventsAt(points, 4000)).toBe(1250);
	});

	it('holds the last count at or past the last point, and 0 before the first or with no points', () => {
		expect(eventsAt(points, 5000)).toBe(1300);
		expect(eventsAt(points, 90_000)).toBe(1300);
		expect(eventsAt([{ t: 100, count: 7 }], 50)).toBe(0);
		expect(eventsAt([], 50)).toBe(0);
	});

	it('never decreases with time over points whose counts do not', () => {
		let last = -1;
		for (let t = 0; t <= 6000; t += 37) {
			const n = eventsAt(points, t);
			expect(n).toBeGreaterThanOrEqual(last);
			last = n;
		}
	});
});
