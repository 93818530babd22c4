// The fidelity page's rule catalogue (src/lib/fidelity/rules.ts) against the test suite: every id a test
// name cites must be in the catalogue, or the page would silently drop it. This is what keeps the
// catalogue from drifting. Names here cite no rule id: they check the catalogue, not AWS rules.
import { describe, expect, it } from 'vitest';
import { readTestFiles } from '../../../src/lib/fidelity/files';
import { idLikeTokens, RULE_PREFIXES, ruleIdsIn } from '../../../src/lib/fidelity/ids';
import { EVIDENCE_CLASSES, RULES } from '../../../src/lib/fidelity/rules';
import { buildReport, scanFile } from '../../../src/lib/fidelity/scan';

const files = readTestFiles('.');
const tests = files.flatMap((f) => scanFile(f.path, f.text));
const ids = new Set(RULES.map((r) => r.id));

describe('the rule catalogue', () => {
	it('has each id once, every one a known prefix and a number', () => {
		expect(ids.size).toBe(RULES.length);
		for (const r of RULES) expect(ruleIdsIn(r.id), r.id).toEqual([r.id]);
	});

	it('numbers each prefix from 1 with no gap, and has every prefix', () => {
		for (const prefix of RULE_PREFIXES) {
			const numbers = RULES.filter(
				(r) => r.id.startsWith(`${prefix}-`) && /^\d+$/.test(r.id.slice(prefix.length + 1))
			)
				.map((r) => Number(r.id.slice(prefix.length + 1)))
				.sort((a, b) => a - b);
			expect(numbers.length, prefix).toBeGreaterThan(0);
			expect(numbers, prefix).toEqual(numbers.map((_, i) => i + 1));
		}
	});

	it('holds the reference as of December 2026: 104 rules, 17 filter-policy rules, 16 Kinesis rules', () => {
		expect(RULES.length).toBe(104);
		expect(RULES.filter((r) => r.id.startsWith('SNS-FP-'))).toHaveLength(17);
		expect(RULES.filter((r) => /^KIN-\d+$/.test(r.id))).toHaveLength(16);
	});

	it('gives each rule a title, a section, a service and one of the evidence classes', () => {
		for (const r of RULES) {
			expect(r.title.trim(), r.id).not.toBe('');
			expect(r.section.trim(), r.id).not.toBe('');
			expect(EVIDENCE_CLASSES, r.id).toContain(r.evidence);
			for (const u of r.unverified ?? []) expect(u.trim(), r.id).not.toBe('');
		}
	});

	it('every rule id cited in a test name or describe block of the suite is in the catalogue', () => {
		const cited = new Set(tests.flatMap((t) => t.rules));
		expect(cited.size).toBeGreaterThan(50);
		expect([...cited].filter((id) => !ids.has(id))).toEqual([]);
	});

	it('no test name cites something that looks like a rule id of a prefix the catalogue lacks', () => {
		const unknown = tests.flatMap((t) =>
			[t.name, ...t.describe]
				.flatMap(idLikeTokens)
				.filter((id) => !ids.has(id))
				.map((id) => `${t.file}: ${id}`)
		);
		expect(unknown).toEqual([]);
	});

	it('the report of the suite lists no unknown id and counts as tested exactly the rules with tests', () => {
		const report = buildReport(RULES, files);
		expect(report.unknownIds).toEqual([]);
		expect(report.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
		for (const r of report.rules) expect(r.status, r.id).toBe(r.tests.length > 0 ? 'tested' : 'untested');
		expect(report.totals.tested).toBe(report.rules.filter((r) => r.tests.length > 0).length);
	});

	it('the fidelity tests themselves cite no rule, so they never count as checking one', () => {
		expect(
			tests
				.filter(
					(t) =>
						t.file.startsWith('tests/unit/fidelity/') ||
						t.file === 'tests/unit/cli/fidelity.test.ts' ||
						t.file === 'tests/e2e/fidelity.e2e.ts'
				)
				.flatMap((t) => t.rules)
		).toEqual([]);
	});
});
