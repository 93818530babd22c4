// The fidelity scanner (src/lib/fidelity/scan.ts, ids.ts): rule ids and their shorthands in test names,
// the describe chain, tables of cases, and the recordings cited in comments. These tests check the
// fidelity page's machinery, not AWS rules, so their names cite no rule id (the scanner would count them).
import { describe, expect, it } from 'vitest';
import { idLikeTokens, ruleIdsIn, splitRuleIds } from '../../../src/lib/fidelity/ids';
import type { Rule } from '../../../src/lib/fidelity/rules';
import {
	buildReport,
	formatReportTable,
	isTestFile,
	recordingsIn,
	scanFile
} from '../../../src/lib/fidelity/scan';
import { fidelityHref } from '../../../src/lib/fidelity/href-core';
import { transitionRule } from '../../../src/lib/fidelity/transition-rules';

describe('rule ids in a name', () => {
	const cases: [string, string[]][] = [
		['SQS-FIFO-5: a message ahead of an in-flight one', ['SQS-FIFO-5']],
		['SQS-FIFO-2/-10: group and extra attributes', ['SQS-FIFO-2', 'SQS-FIFO-10']],
		['SQS-STD-1/SQS-FIFO-5/SQS-DLQ-1: one run', ['SQS-STD-1', 'SQS-FIFO-5', 'SQS-DLQ-1']],
		['SNS-FP-3, -4: or and missing', ['SNS-FP-3', 'SNS-FP-4']],
		['SNS-FP-14/17: $or limits', ['SNS-FP-14', 'SNS-FP-17']],
		['SQS-STD-4/-5/-8: timers', ['SQS-STD-4', 'SQS-STD-5', 'SQS-STD-8']],
		['SNS-RETRY-2..4: schedules', ['SNS-RETRY-2', 'SNS-RETRY-3', 'SNS-RETRY-4']],
		['SQS-STD-4..-6: a dashed range', ['SQS-STD-4', 'SQS-STD-5', 'SQS-STD-6']],
		['KIN-1–3: an en-dash range', ['KIN-1', 'KIN-2', 'KIN-3']],
		['SQS-STD-2 / ESM-SQS-1: spaced slash', ['SQS-STD-2', 'ESM-SQS-1']],
		['SNS-TOP-3, SNS-RETRY-5: comma list', ['SNS-TOP-3', 'SNS-RETRY-5']],
		['SNS-RETRY-3 [sim]: a note after the id', ['SNS-RETRY-3']],
		['KIN-11 per-key order is kept', ['KIN-11']],
		['ESM-KIN-3/-4/-5: bisect and give up', ['ESM-KIN-3', 'ESM-KIN-4', 'ESM-KIN-5']],
		['ESM-SQS-3/SQS-DLQ-1: mixed prefixes', ['ESM-SQS-3', 'SQS-DLQ-1']],
		['the group lock (SQS-FIFO-5) in the middle', ['SQS-FIFO-5']],
		['SNS-FP-3, 4 keys: a bare number after a comma is not an id', ['SNS-FP-3']],
		['SHA-256 and UTF-8 are words, not ids', []],
		['KIN-3 appears once though named twice: KIN-3', ['KIN-3']]
	];
	for (const [name, ids] of cases)
		it(`finds ${JSON.stringify(ids)} in ${JSON.stringify(name)}`, () => {
			expect(ruleIdsIn(name)).toEqual(ids);
		});

	it('never reads the KIN of an ESM-KIN id as an id of its own', () => {
		expect(ruleIdsIn('ESM-KIN-3 blocks')).toEqual(['ESM-KIN-3']);
		expect(ruleIdsIn('XESM-KIN-3')).toEqual([]);
	});

	it('a range longer than forty, or backwards, is not a range', () => {
		expect(ruleIdsIn('KIN-1..99')).toEqual(['KIN-1']);
		expect(ruleIdsIn('KIN-5..2')).toEqual(['KIN-5']);
	});

	it('id-like tokens of unknown prefixes are found for the completeness check, common words are not', () => {
		expect(idLikeTokens('SQS-STD-14 and SNS-XYZ-2, SHA-256, UTF-8, IEEE-754')).toEqual([
			'SQS-STD-14',
			'SNS-XYZ-2'
		]);
	});

	it('splits a text into plain parts and parts that name an id, shorthands included', () => {
		const text = 'reappeared (SQS-STD-4/-5), see SNS-RETRY-2..4.';
		const parts = splitRuleIds(text);
		expect(parts.map((p) => p.text).join('')).toBe(text);
		expect(parts.filter((p) => p.id).map((p) => [p.text, p.id])).toEqual([
			['SQS-STD-4', 'SQS-STD-4'],
			['-5', 'SQS-STD-5'],
			['SNS-RETRY-2', 'SNS-RETRY-2'],
			['4', 'SNS-RETRY-4']
		]);
		expect(splitRuleIds('no ids here')).toEqual([{ text: 'no ids here' }]);
	});
});

describe('tests in a file', () => {
	it('reads it() and test() names with their describe chain and the ids of both', () => {
		const src = [
			"describe('SQS-FIFO-5 group lock', () => {",
			"\tdescribe('nested', () => {",
			"\t\tit('holds later messages', () => {});",
			'\t});',
			"\ttest('SQS-FIFO-6: fills from one group', () => {});",
			'});',
			"it('outside every block', () => {});"
		].join('\n');
		const tests = scanFile('tests/unit/x.test.ts', src);
		expect(tests.map((t) => [t.name, t.describe, t.rules, t.line])).toEqual([
			['holds later messages', ['SQS-FIFO-5 group lock', 'nested'], ['SQS-FIFO-5'], 3],
			['SQS-FIFO-6: fills from one group', ['SQS-FIFO-5 group lock'], ['SQS-FIFO-5', 'SQS-FIFO-6'], 5],
			['outside every block', [], [], 7]
		]);
	});

	it('reads modifiers, curried tables and Playwright blocks; skips skipped tests, steps and hooks', () => {
		const src = `
			it.only('KIN-1: only', () => {});
			it.concurrent("KIN-2: double quotes", () => {});
			it.each([[1], [2]])('KIN-3: each %i', (n) => {});
			test.describe('KIN-4 block', () => {
				test.beforeEach(async () => {});
				test('a Playwright test', async ({ page }) => {
					await test.step('KIN-9: a step is not a test', async () => {});
				});
			});
			it.skip('KIN-5: skipped', () => {});
			it.todo('KIN-6: todo');
			foo.it('KIN-7: a method of something else', () => {});
			function it2() {}
		`;
		expect(scanFile('tests/e2e/x.e2e.ts', src).map((t) => [t.name, t.rules])).toEqual([
			['KIN-1: only', ['KIN-1']],
			['KIN-2: double quotes', ['KIN-2']],
			['KIN-3: each %i', ['KIN-3']],
			['a Playwright test', ['KIN-4']]
		]);
	});

	it('keeps interpolations of a template name as written and reads its static ids', () => {
		const src = 'for (const what of xs) it(`SNS-FP-17: rejects ${what.name}`, () => {});';
		expect(scanFile('f', src).map((t) => [t.name, t.rules])).toEqual([
			['SNS-FP-17: rejects ${what.name}', ['SNS-FP-17']]
		]);
	});

	it('a name computed from a table stands for each row that opens with a rule id', () => {
		const src = [
			'const cases = [',
			"\t['SNS-FP-5 exact string', { a: ['x'] }, true],",
			"\t['SNS-FP-9 prefix', { a: [{ prefix: 'x' }] }, true],",
			"\t['not a rule row', {}, false]",
			'];',
			"describe('matching', () => {",
			'\tfor (const [rule, policy] of cases) it(`${rule}`, () => {});',
			'});'
		].join('\n');
		expect(scanFile('f', src).map((t) => [t.name, t.describe, t.rules, t.line])).toEqual([
			['SNS-FP-5 exact string', ['matching'], ['SNS-FP-5'], 2],
			['SNS-FP-9 prefix', ['matching'], ['SNS-FP-9'], 3]
		]);
	});

	it('strings, comments, regular expressions and templates hide what looks like a call', () => {
		const src = [
			"// it('KIN-1: in a line comment', () => {});",
			"/* test('KIN-2: in a block comment') */",
			'const s = "it(\'KIN-3: in a string\')";',
			"const t = `it('KIN-4: in a template ${'${'}x}')`;",
			"expect(x).toMatch(/it\\('KIN-5[)(]/);",
			"const d = a / b / c; it('KIN-6: after a division', () => { expect(')(').toBe(')('); });",
			"it('KIN-7: the last', () => {});"
		].join('\n');
		expect(scanFile('f', src).map((t) => t.name)).toEqual(['KIN-6: after a division', 'KIN-7: the last']);
	});

	it('picks up a recording cited in a comment inside the test or just above it, not further up', () => {
		const src = [
			'// Recorded: LocalStack test_sqs.snapshot.json, test_far_away',
			'const x = 1;',
			'// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_dedup',
			"it('SQS-FIFO-3: above', () => {});",
			"it('SQS-FIFO-3: inside', () => {",
			'\t// Recorded: kinesalite test/putRecord.js, "should return ResourceNotFoundException"',
			'\texpect(1).toBe(1);',
			'});',
			"it('SQS-FIFO-3: none', () => {});",
			"it('SQS-FIFO-3: plain', () => {",
			'\t// The recorded text (LocalStack test_sns.snapshot.json,',
			'\t// test_publish_wrong_arn_format) starts the same way.',
			'});',
			"it('SNS-API-1: cited in the name (LocalStack test_sns.snapshot.json)', () => {});"
		].join('\n');
		expect(scanFile('f', src).map((t) => [t.name, t.recordings])).toEqual([
			['SQS-FIFO-3: above', ['LocalStack test_sqs.snapshot.json, test_fifo_dedup']],
			['SQS-FIFO-3: inside', ['kinesalite test/putRecord.js, "should return ResourceNotFoundException"']],
			['SQS-FIFO-3: none', []],
			['SQS-FIFO-3: plain', ['LocalStack test_sns.snapshot.json, test_publish_wrong_arn_format']],
			[
				'SNS-API-1: cited in the name (LocalStack test_sns.snapshot.json)',
				['LocalStack test_sns.snapshot.json']
			]
		]);
	});

	it('reads the three citation forms of a recording', () => {
		expect(recordingsIn(' Recorded: LocalStack test_sqs.snapshot.json, test_x')).toEqual([
			'LocalStack test_sqs.snapshot.json, test_x'
		]);
		expect(recordingsIn(' as LocalStack test_kinesis.snapshot.json records it.')).toEqual([
			'LocalStack test_kinesis.snapshot.json'
		]);
		expect(recordingsIn(' (kinesalite test/x.js)')).toEqual(['kinesalite test/x.js']);
		expect(recordingsIn(' a comment without one')).toEqual([]);
	});
});

describe('the report', () => {
	const rules: Rule[] = [
		{
			id: 'SQS-FIFO-5',
			title: 'Group lock',
			service: 'SQS',
			section: 'SQS FIFO queues',
			evidence: 'recorded'
		},
		{
			id: 'SQS-FIFO-9',
			title: 'Throughput',
			service: 'SQS',
			section: 'SQS FIFO queues',
			evidence: 'documented',
			unverified: ['70,000 TPS']
		},
		{ id: 'KIN-1', title: 'Routing', service: 'Kinesis', section: 'Kinesis Data Streams', evidence: 'sim' }
	];
	const files = [
		{
			path: 'tests/unit/a.test.ts',
			text: [
				'// Recorded: LocalStack test_sqs.snapshot.json, test_fifo_lock',
				"it('SQS-FIFO-5/SQS-FIFO-99: lock', () => {});",
				"it('KIN-1: routing', () => {});",
				"it('no rule', () => {});"
			].join('\n')
		},
		{ path: 'tests/e2e/b.e2e.ts', text: "test('KIN-1: in the browser', async () => {});" },
		{ path: 'src/lib/not-a-test.ts', text: "it('SQS-FIFO-9: not read', () => {});" }
	];
	const report = buildReport(rules, files);

	it('marks a rule tested iff a test names it, and lists those tests with their recordings', () => {
		expect(report.rules.map((r) => [r.id, r.status, r.tests])).toEqual([
			[
				'SQS-FIFO-5',
				'tested',
				[
					{
						file: 'tests/unit/a.test.ts',
						name: 'SQS-FIFO-5/SQS-FIFO-99: lock',
						recording: 'LocalStack test_sqs.snapshot.json, test_fifo_lock'
					}
				]
			],
			['SQS-FIFO-9', 'untested', []],
			[
				'KIN-1',
				'tested',
				[
					{ file: 'tests/e2e/b.e2e.ts', name: 'KIN-1: in the browser' },
					{ file: 'tests/unit/a.test.ts', name: 'KIN-1: routing' }
				]
			]
		]);
		expect(report.rules[0]?.recordings).toEqual(['LocalStack test_sqs.snapshot.json, test_fifo_lock']);
		expect(report.unknownIds).toEqual(['SQS-FIFO-99']);
	});

	it('totals count rules, tested rules, tests and each evidence class and service', () => {
		expect(report.totals).toEqual({
			rules: 3,
			tested: 2,
			untested: 1,
			withRecording: 1,
			withUnverified: 1,
			tests: 3,
			byEvidence: {
				recorded: { rules: 1, tested: 1 },
				'recorded + sim': { rules: 0, tested: 0 },
				documented: { rules: 1, tested: 0 },
				'documented + sim': { rules: 0, tested: 0 },
				sim: { rules: 1, tested: 1 }
			},
			byService: { SQS: { rules: 2, tested: 1 }, Kinesis: { rules: 1, tested: 1 } }
		});
	});

	it('the table has a row per rule with status, evidence and the number of tests', () => {
		const table = formatReportTable(report);
		expect(table).toMatch(/^rule\s+status\s+evidence\s+tests/);
		expect(table).toMatch(/^SQS-FIFO-5\s+tested\s+recorded\s+1\s+1\s+Group lock$/m);
		expect(table).toMatch(/^SQS-FIFO-9\s+untested\s+documented\s+0\s+Throughput$/m);
		expect(table).toMatch(/^KIN-1\s+tested\s+sim\s+2\s+Routing$/m);
		expect(table).toContain('2 of 3 rules tested (1 untested) by 3 tests');
		expect(table).toContain('not in the catalogue: SQS-FIFO-99');
	});

	it('reads unit tests, e2e tests and the property tests, nothing else', () => {
		expect(isTestFile('tests/unit/a/b.test.ts')).toBe(true);
		expect(isTestFile('tests/e2e/a.e2e.ts')).toBe(true);
		expect(isTestFile('tests/property/run.ts')).toBe(true);
		expect(isTestFile('tests/e2e/helpers.ts')).toBe(false);
		expect(isTestFile('tests/unit/a.ts')).toBe(false);
		expect(isTestFile('src/lib/a.test.ts')).toBe(false);
	});
});

describe('links to the fidelity page', () => {
	it('a rule link is the page under the base path with the rule id as the hash', () => {
		expect(fidelityHref('', 'SQS-FIFO-5')).toBe('/fidelity/#SQS-FIFO-5');
		expect(fidelityHref('/sub/path', 'KIN-1')).toBe('/sub/path/fidelity/#KIN-1');
		expect(fidelityHref('.')).toBe('./fidelity/');
	});

	it('each transition of the message lifecycle names the rule behind it, the guard first', () => {
		expect(transitionRule('RECEIVE', 'maxReceiveCountReached')).toBe('SQS-DLQ-1');
		expect(transitionRule('RECEIVE')).toBe('SQS-STD-4');
		expect(transitionRule('RELEASE')).toBe('SQS-STD-5');
		expect(transitionRule('PURGE')).toBeUndefined();
	});
});
