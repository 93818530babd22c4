// Saved scenarios: versioned storage; damaged entries are reported and skipped, the rest load.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '$lib/engine';
import { readSaved, SAVED_KEY, saveScenario } from '$lib/share/saved';

const scenario = loadScenario(JSON.parse(readFileSync('scenarios/sqs-fifo-groups.json', 'utf8')));

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
});
