// The built-in scenario list: every file in /scenarios is offered once, under its own name, and loads.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS, DEFAULT_SCENARIO, DEFAULT_SCENARIO_ID } from '$lib/scenarios';
import { loadScenario } from '$lib/services';
import '$lib/services'; // registers the models' own scenario checks (filter policies, delivery policies)

const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));

describe('built-in scenarios', () => {
	it('lists every scenario file exactly once', () => {
		expect(BUILT_IN_SCENARIOS).toHaveLength(files.length);
		expect(new Set(BUILT_IN_SCENARIOS.map((s) => s.id)).size).toBe(files.length);
	});

	it.each(BUILT_IN_SCENARIOS.map((s) => [s.id, s] as const))(
		'%s loads, parses and carries the name the picker shows',
		async (_id, s) => {
			const doc = await s.load();
			expect(loadScenario(doc).name).toBe(s.name);
			const file = files.find((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')).name === s.name);
			expect(file, `no file in /scenarios is named "${s.name}"`).toBeDefined();
		}
	);

	it('ships the default scenario synchronously', async () => {
		const def = BUILT_IN_SCENARIOS.find((s) => s.id === DEFAULT_SCENARIO_ID);
		expect(def).toBeDefined();
		expect(await def!.load()).toBe(DEFAULT_SCENARIO);
	});
});
