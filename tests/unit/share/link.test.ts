// Share links round-trip a run, and the decoder turns every kind of bad link into a clear message (fuzzed).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '$lib/services';
import { decodeShareFragment, encodeShareFragment, MAX_FRAGMENT } from '$lib/share/link';

const scenario = loadScenario(JSON.parse(readFileSync('scenarios/sqs-standard-duplicates.json', 'utf8')));

describe('share links', () => {
	it('round-trips scenario, seed and playhead', async () => {
		const fragment = await encodeShareFragment({ scenario, seed: 99, t: 12_345 });
		expect(fragment).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
		const r = await decodeShareFragment(fragment);
		expect(r).toEqual({ ok: true, run: { scenario, seed: 99, t: 12_345 } });
	});

	it('keeps the open challenge in the view, and drops a malformed one', async () => {
		const view = { tab: 'lessons', lesson: 'challenge-no-twice' };
		const r = await decodeShareFragment(await encodeShareFragment({ scenario, seed: 1, t: 0, view }));
		expect(r).toEqual({ ok: true, run: { scenario, seed: 1, t: 0, view } });
		const bad = await decodeShareFragment(
			await encodeShareFragment({ scenario, seed: 1, t: 0, view: { tab: 'lessons', lesson: '<b>x</b>' } })
		);
		expect(bad).toEqual({ ok: true, run: { scenario, seed: 1, t: 0, view: { tab: 'lessons' } } });
	});

	it('names what is wrong with a bad link', async () => {
		const good = await encodeShareFragment({ scenario, seed: 1, t: 0 });
		const cases: [string, RegExp][] = [
			['#hello', /not a Pigeonhole share link/],
			['#v9.abc', /newer or unknown version/],
			[good.slice(0, good.length - 40), /truncated or garbled/],
			['#v1.!!!<script>', /garbled/],
			[`#v1.${'A'.repeat(MAX_FRAGMENT + 1)}`, /too long/],
			[
				await encodeShareFragment({
					scenario: { ...scenario, durationMs: -5 } as typeof scenario,
					seed: 1,
					t: 0
				}),
				/durationMs/
			]
		];
		for (const [fragment, message] of cases) {
			const r = await decodeShareFragment(fragment);
			expect(r.ok).toBe(false);
			if (!r.ok) expect(r.error).toMatch(message);
		}
	});

	it('never throws and never accepts garbage (fuzz)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string(),
					fc.string().map((s) => `#v1.${s}`),
					fc.base64String().map((s) => `#v1.${s}`)
				),
				async (text) => {
					const r = await decodeShareFragment(text);
					// Random text is never a valid compressed, versioned scenario: every one is refused with a reason.
					expect(r.ok, text).toBe(false);
					if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('keeps hostile strings as plain data (they are rendered as text by the app)', async () => {
		const hostile = { ...scenario, name: '<img src=x onerror=alert(1)>' };
		const r = await decodeShareFragment(await encodeShareFragment({ scenario: hostile, seed: 1, t: 0 }));
		expect(r.ok && r.run.scenario.name).toBe('<img src=x onerror=alert(1)>');
	});
});
