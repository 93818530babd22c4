// The page's pure pieces: the tabs keyboard pattern, which tab a selection opens, and the animation loop
// (reduced motion ticks at most ~4 times a second; stopping cancels the frame).
import { describe, expect, it } from 'vitest';
import { startAnimation } from '$lib/state/animation';
import { TABS } from '$lib/state/constants';
import { tabAfterKey, tabOnSelection } from '$lib/state/tabs';

const LAST = TABS[TABS.length - 1] ?? 'editor';

describe('tabAfterKey', () => {
	it('moves right and left, wrapping, and jumps with Home and End', () => {
		expect(tabAfterKey('inspector', 'ArrowRight')).toBe('insights');
		expect(tabAfterKey('inspector', 'ArrowLeft')).toBe(LAST);
		expect(tabAfterKey(LAST, 'ArrowRight')).toBe('inspector');
		expect(tabAfterKey('charts', 'Home')).toBe('inspector');
		expect(tabAfterKey('charts', 'End')).toBe('editor');
		expect(tabAfterKey('charts', 'a')).toBeUndefined();
	});
});

describe('tabOnSelection', () => {
	it('opens the inspector unless the tab works with the selection', () => {
		expect(tabOnSelection('insights')).toBe('inspector');
		expect(tabOnSelection('charts')).toBe('inspector');
		for (const t of ['editor', 'sequence', 'lessons', 'compare'] as const) expect(tabOnSelection(t)).toBe(t);
	});
});

describe('startAnimation', () => {
	function harness(reduced: boolean) {
		const ticks: number[] = [];
		let pending: ((t: number) => void) | undefined;
		let cancelled: number | undefined;
		let id = 0;
		const stop = startAnimation(
			{ tick: (dt) => ticks.push(dt) },
			{
				reduced,
				now: () => 0,
				request: (f) => {
					pending = f;
					return ++id;
				},
				cancel: (n) => (cancelled = n)
			}
		);
		return { ticks, frame: (t: number) => pending?.(t), stop, cancelled: () => cancelled, id: () => id };
	}

	it('ticks every frame by the elapsed time', () => {
		const h = harness(false);
		h.frame(16);
		h.frame(40);
		expect(h.ticks).toEqual([16, 24]);
		h.stop();
		expect(h.cancelled()).toBe(h.id());
	});

	it('with reduced motion, ticks at most every 250 ms', () => {
		const h = harness(true);
		h.frame(100);
		h.frame(200);
		h.frame(300);
		h.frame(400);
		h.frame(600);
		expect(h.ticks).toEqual([300, 300]);
	});
});
