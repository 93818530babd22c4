// DESIGN §2: the registry is handed to parsing explicitly; nothing registers itself as an import side
// effect. The bug this guards: a scenario with an invalid filter policy used to be accepted when the
// services had not been imported yet and rejected once they had (SNS-FP-17).
import { describe, expect, it, vi } from 'vitest';
import fanout from '../../../scenarios/sns-fanout-filters.json';

/** The fan-out scenario with a filter policy AWS refuses (an operator that does not exist). */
function withBrokenPolicy(): unknown {
	const doc = structuredClone(fanout) as {
		nodes: { type: string; Subscriptions?: { FilterPolicy?: unknown }[] }[];
	};
	const topic = doc.nodes.find((n) => n.type === 'sns-topic');
	if (!topic?.Subscriptions?.[0]) throw new Error('fixture: the fan-out scenario has no subscription');
	topic.Subscriptions[0].FilterPolicy = { region: [{ prefixx: 'eu-' }] };
	return doc;
}

const path = 'nodes[1].Subscriptions[0].FilterPolicy';

describe('explicit registry (DESIGN §2, SNS-FP-17)', () => {
	it('SNS-FP-17: a fresh module graph rejects an invalid filter policy with its path', async () => {
		vi.resetModules();
		const { parseScenario } = await import('$lib/services');
		const r = parseScenario(withBrokenPolicy());
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.map((e) => e.path)).toContain(path);
	});

	it('the engine applies exactly the rules it is handed, whatever has been imported', async () => {
		vi.resetModules();
		const engine = await import('$lib/engine');
		const { registry } = await import('$lib/services');
		const doc = withBrokenPolicy();
		expect(engine.parseScenario(doc, { checks: [] }).ok).toBe(true);
		const r = engine.parseScenario(doc, registry);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.find((e) => e.path === path)?.message).toMatch(/prefixx/);
		// Importing the services changed nothing global: an empty rule set still accepts.
		expect(engine.parseScenario(doc, { checks: [] }).ok).toBe(true);
	});

	it('the unbroken scenario parses', async () => {
		const { parseScenario } = await import('$lib/services');
		expect(parseScenario(fanout).ok).toBe(true);
	});
});
