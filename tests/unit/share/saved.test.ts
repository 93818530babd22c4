// Saved scenarios: versioned storage; damaged entries are reported and skipped, the rest load; entries that
// share a name all stay listed, each with a unique, stable key and a name that tells it apart.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '$lib/services';
import { readSaved, SAVED_KEY, saveScenario } from '$lib/share/saved';

const scenario = loadScenario(JSON.parse(readFileSync('scenarios/sqs-fifo-groups.json', 'utf8')));
const other = loadScenario(JSON.parse(readFileSync('scenarios/sqs-poison-dlq.json', 'utf8')));
const variant = loadScenario({
	...(JSON.parse(readFileSync('scenarios/sqs-fifo-groups.json', 'utf8')) as object),
	seed: 99
});

function memory(initial?: string) {
	const data = new Map<string, string>(initial === undefined ? [] : [[SAVED_KEY, initial]]);
	return {
		getItem: (k: string) => data.get(k) ?? null,
		setItem: (k: string, v: string) => void data.set(k, v)
	};
}

describe('saved scenarios', () => {
	it('saves, replaces by name and reads back', () => {
		const s = memory();
		saveScenario(s, scenario, '2026-11-24T00:00:00Z');
		saveScenario(s, scenario, '2026-11-24T01:00:00Z');
		const r = readSaved(s);
		expect(r.entries).toHaveLength(1);
		expect(r.entries[0]?.scenario).toEqual(scenario);
		expect(r.skipped).toEqual([]);
	});

	it('reports and skips a damaged entry, keeping the good ones', () => {
		const s = memory(
			JSON.stringify([
				{ name: 'broken', scenario: { version: 1 } },
				{ name: scenario.name, scenario }
			])
		);
		const r = readSaved(s);
		expect(r.entries.map((e) => e.name)).toEqual([scenario.name]);
		expect(r.skipped[0]).toMatch(/“broken”\) is damaged/);
		expect(readSaved(memory('{not json')).skipped[0]).toMatch(/not JSON/);
	});

	it('lists both of two entries stored under the same name, with unique keys and their save times', () => {
		const s = memory(
			JSON.stringify([
				{ name: scenario.name, savedAt: '2026-11-24T00:00:00.000Z', scenario },
				{ name: scenario.name, savedAt: '2026-11-24T01:30:05.000Z', scenario: variant }
			])
		);
		const r = readSaved(s);
		expect(r.skipped).toEqual([]);
		expect(r.entries.map((e) => e.name)).toEqual([
			`${scenario.name} (saved 2026-11-24 00:00:00 UTC)`,
			`${scenario.name} (saved 2026-11-24 01:30:05 UTC)`
		]);
		expect(new Set(r.entries.map((e) => e.key)).size).toBe(2);
		expect(r.entries.map((e) => e.scenario.seed)).toEqual([scenario.seed, 99]);
	});

	it('keeps entries with the same name and the same (or no) save time apart too', () => {
		const r = readSaved(
			memory(
				JSON.stringify([
					{ name: 'twin', scenario },
					{ name: 'twin', scenario },
					{ name: 'twin', savedAt: '2026-11-24T00:00:00Z', scenario },
					{ name: 'twin', savedAt: '2026-11-24T00:00:00Z', scenario }
				])
			)
		);
		expect(r.entries.map((e) => e.name)).toEqual([
			'twin',
			'twin #2',
			'twin (saved 2026-11-24 00:00:00 UTC)',
			'twin (saved 2026-11-24 00:00:00 UTC) #2'
		]);
		expect(new Set(r.entries.map((e) => e.key)).size).toBe(4);
	});

	it('never lists a shared name like an entry that is really called that', () => {
		const r = readSaved(
			memory(
				JSON.stringify([
					{ name: 'x', savedAt: '', scenario },
					{ name: 'x', savedAt: '', scenario },
					{ name: 'x #2', savedAt: '', scenario }
				])
			)
		);
		const names = r.entries.map((e) => e.name);
		expect(names).toContain('x #2');
		expect(new Set(names).size).toBe(3);
	});

	it('gives unique keys even when the stored ids repeat', () => {
		const r = readSaved(
			memory(
				JSON.stringify([
					{ id: 'same', name: 'a', scenario },
					{ id: 'same', name: 'b', scenario },
					{ id: '', name: 'c', scenario },
					{ name: 'd', scenario }
				])
			)
		);
		expect(r.entries.map((e) => e.key)).toEqual(['same', 'same #2', 'saved-3', 'saved-4']);
	});

	it('keys stay the same across reads and across saving other scenarios', () => {
		const s = memory(
			JSON.stringify([
				{ name: scenario.name, savedAt: '2026-11-24T00:00:00Z', scenario },
				{ name: scenario.name, savedAt: '2026-11-24T01:00:00Z', scenario: variant }
			])
		);
		const first = readSaved(s).entries.map((e) => e.key);
		expect(readSaved(s).entries.map((e) => e.key)).toEqual(first);
		const after = saveScenario(s, other, '2026-11-24T02:00:00Z');
		expect(after.map((e) => e.key).slice(0, 2)).toEqual(first);
		expect(readSaved(s).entries.map((e) => e.key)).toEqual(after.map((e) => e.key));
		expect(new Set(after.map((e) => e.key)).size).toBe(3);
	});

	it('saving under a name replaces every entry of that name and keeps the others', () => {
		const s = memory(
			JSON.stringify([
				{ name: scenario.name, savedAt: '2026-11-24T00:00:00Z', scenario },
				{ name: other.name, savedAt: '2026-11-24T00:30:00Z', scenario: other },
				{ name: scenario.name, savedAt: '2026-11-24T01:00:00Z', scenario }
			])
		);
		const next = saveScenario(s, variant, '2026-11-24T02:00:00Z');
		expect(next.map((e) => e.name)).toEqual([other.name, scenario.name]);
		expect(next[1]?.scenario.seed).toBe(99);
		expect(readSaved(s).entries).toEqual(next);
	});

	it('two saves at the same moment get different keys', () => {
		const s = memory();
		saveScenario(s, scenario, '2026-11-24T00:00:00Z');
		const next = saveScenario(s, other, '2026-11-24T00:00:00Z');
		expect(next).toHaveLength(2);
		expect(next[0]?.key).not.toBe(next[1]?.key);
	});
});
