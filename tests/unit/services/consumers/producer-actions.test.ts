// Operator actions on a producer: pause, resume, set-rate (docs/ARCHITECTURE.md "Operator actions").
import { describe, expect, it } from 'vitest';
import { actionsOf, run, type Json } from '../shared/action-helpers';

const queue: Json = { id: 'q', type: 'sqs-queue', Nondeterminism: 'off' };

function producer(extra: Json): Json {
	return { id: 'p', type: 'producer', target: 'q', Rate: { type: 'fixed', perSecond: 10 }, ...extra };
}

const sendTimes = (r: ReturnType<typeof run>) => r.of('produced').map((e) => e.t);
const within = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;

describe('producer actions', () => {
	it('pause sends nothing between pause and resume; resume sends again at once', () => {
		const r = run(
			[
				queue,
				producer({
					Actions: [
						{ action: 'pause', atMs: 2000 },
						{ action: 'resume', atMs: 5000 }
					]
				})
			],
			{ durationMs: 8000 }
		);
		const times = sendTimes(r);
		// 10 per second: 0, 100, … 1900 before the pause (the send due at 2000 is cancelled by it).
		expect(within(times, 0, 2000)).toBe(20);
		expect(within(times, 2000, 5000)).toBe(0);
		expect(times.filter((t) => t >= 5000)[0]).toBe(5000);
		expect(within(times, 5000, 8001)).toBe(31); // 5000, 5100, … 8000
		// Every message sent still arrives, 20 ms later (LatencyMs), once; the one sent at 8000 arrives after the end.
		expect(r.of('enqueued').map((e) => e.t)).toEqual(times.filter((t) => t < 8000).map((t) => t + 20));
		expect(actionsOf(r)).toEqual([
			[2000, 'p', 'pause'],
			[5000, 'p', 'resume']
		]);
		expect(r.of('operator-action').every((e) => e.cause === 'operator' && e.ignored === undefined)).toBe(
			true
		);
	});

	it('a pause before StartAtMs holds the first send; a resume before StartAtMs keeps it at StartAtMs', () => {
		const held = run(
			[
				queue,
				producer({
					StartAtMs: 3000,
					Count: 3,
					Actions: [
						{ action: 'pause', atMs: 1000 },
						{ action: 'resume', atMs: 2000 }
					]
				})
			],
			{ durationMs: 10_000 }
		);
		expect(sendTimes(held)).toEqual([3000, 3100, 3200]);
		const late = run(
			[
				queue,
				producer({
					StartAtMs: 3000,
					Count: 3,
					Actions: [
						{ action: 'pause', atMs: 1000 },
						{ action: 'resume', atMs: 6000 }
					]
				})
			],
			{ durationMs: 10_000 }
		);
		expect(sendTimes(late)).toEqual([6000, 6100, 6200]);
	});

	it('a resume without a pause and a second pause change nothing and say so', () => {
		const r = run(
			[
				queue,
				producer({
					Count: 5,
					Actions: [
						{ action: 'resume', atMs: 50 },
						{ action: 'pause', atMs: 150 },
						{ action: 'pause', atMs: 160 },
						{ action: 'resume', atMs: 1000 }
					]
				})
			],
			{ durationMs: 5000 }
		);
		expect(sendTimes(r)).toEqual([0, 100, 1000, 1100, 1200]);
		expect(r.of('operator-action').map((e) => e.ignored)).toEqual([
			'not-paused',
			undefined,
			'already-paused',
			undefined
		]);
	});

	it('set-rate changes the number of sends per second, timed from the previous send', () => {
		const faster = run(
			[
				queue,
				producer({
					Rate: { type: 'fixed', perSecond: 2 },
					Actions: [{ action: 'set-rate', atMs: 5000, Rate: { type: 'fixed', perSecond: 10 } }]
				})
			],
			{ durationMs: 9999 }
		);
		const f = sendTimes(faster);
		expect(within(f, 0, 5000)).toBe(10); // 2 per second
		// The last send before was at 4500; one new gap after it (4600) is already past, so at 5000.
		expect(f.filter((t) => t >= 5000).slice(0, 3)).toEqual([5000, 5100, 5200]);
		expect(within(f, 5000, 10_000)).toBe(50); // 10 per second
		const slower = run(
			[
				queue,
				producer({ Actions: [{ action: 'set-rate', atMs: 5050, Rate: { type: 'fixed', perSecond: 1 } }] })
			],
			{ durationMs: 9999 }
		);
		const s = sendTimes(slower);
		expect(within(s, 0, 5050)).toBe(51);
		// The last send was at 5000: the next is one new gap (1 s) after it.
		expect(s.filter((t) => t >= 5050)).toEqual([6000, 7000, 8000, 9000]);
		const e = faster.of('operator-action')[0];
		expect(e).toMatchObject({
			t: 5000,
			action: 'set-rate',
			index: 0,
			params: { Rate: { type: 'fixed', perSecond: 10 } }
		});
	});

	it('set-rate to a Poisson or burst rate: about the new rate per second, bursts of the new size', () => {
		const poisson = run(
			[
				queue,
				producer({
					Rate: { type: 'fixed', perSecond: 1 },
					Actions: [{ action: 'set-rate', atMs: 10_000, Rate: { type: 'poisson', perSecond: 50 } }]
				})
			],
			{ durationMs: 20_000 }
		);
		const p = sendTimes(poisson);
		expect(within(p, 0, 10_000)).toBe(10);
		// 500 expected in 10 s; a Poisson count stays within ±100 of it (over 4 standard deviations).
		expect(within(p, 10_000, 20_001)).toBeGreaterThan(400);
		expect(within(p, 10_000, 20_001)).toBeLessThan(600);
		const burst = run(
			[
				queue,
				producer({
					Rate: { type: 'fixed', perSecond: 1 },
					Actions: [{ action: 'set-rate', atMs: 3500, Rate: { type: 'burst', size: 5, everySeconds: 2 } }]
				})
			],
			{ durationMs: 8000 }
		);
		const b = sendTimes(burst);
		// 0, 1000, 2000, 3000; then a burst 2 s after the last send (5000) and every 2 s.
		expect(b).toEqual([0, 1000, 2000, 3000, ...Array(5).fill(5000), ...Array(5).fill(7000)]);
	});

	it('set-rate while paused takes effect when the producer resumes', () => {
		const r = run(
			[
				queue,
				producer({
					Rate: { type: 'fixed', perSecond: 1 },
					Actions: [
						{ action: 'pause', atMs: 1500 },
						{ action: 'set-rate', atMs: 2000, Rate: { type: 'fixed', perSecond: 4 } },
						{ action: 'resume', atMs: 4000 }
					]
				})
			],
			{ durationMs: 5000 }
		);
		expect(sendTimes(r)).toEqual([0, 1000, 4000, 4250, 4500, 4750, 5000]);
	});
});
