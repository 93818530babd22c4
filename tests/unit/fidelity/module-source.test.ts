// The virtual module behind the fidelity page (src/lib/fidelity/module-source.ts, vite-plugin.js): its code
// evaluates to the same report buildReport makes, and the compact form loses nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactReport, expandReport, fidelityModuleSource } from '../../../src/lib/fidelity/module-source';
import { readTestFiles } from '../../../src/lib/fidelity/files';
import { RULES } from '../../../src/lib/fidelity/rules';
import { buildReport, type FidelityReport } from '../../../src/lib/fidelity/scan';

/** A repository with two test files and a file that is not a test. */
function fixture(): string {
	const root = mkdtempSync(join(tmpdir(), 'fidelity-'));
	mkdirSync(join(root, 'tests/unit/a'), { recursive: true });
	mkdirSync(join(root, 'tests/e2e'), { recursive: true });
	writeFileSync(
		join(root, 'tests/unit/a/x.test.ts'),
		"// Recorded: LocalStack test_sqs.snapshot.json, test_x\nit('SQS-STD-1/SQS-FIFO-5: two', () => {});\nit('KIN-2: one', () => {});\n"
	);
	writeFileSync(join(root, 'tests/e2e/y.e2e.ts'), "test('KIN-2: in the browser', async () => {});\n");
	writeFileSync(join(root, 'tests/e2e/helpers.ts'), "test('KIN-3: not a test file', () => {});\n");
	return root;
}

async function evaluate(code: string): Promise<FidelityReport> {
	const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
		report: FidelityReport;
	};
	return mod.report;
}

describe('the fidelity virtual module', () => {
	it('evaluates to the report of the test files under its root and names them for watching', async () => {
		const root = fixture();
		const { code, files } = fidelityModuleSource(root);
		expect(files.sort()).toEqual([join(root, 'tests/e2e/y.e2e.ts'), join(root, 'tests/unit/a/x.test.ts')]);
		const report = await evaluate(code);
		expect(report).toEqual(buildReport(RULES, readTestFiles(root)));
		const byId = new Map(report.rules.map((r) => [r.id, r]));
		expect(byId.get('KIN-2')?.tests).toEqual([
			{ file: 'tests/e2e/y.e2e.ts', name: 'KIN-2: in the browser' },
			{ file: 'tests/unit/a/x.test.ts', name: 'KIN-2: one' }
		]);
		expect(byId.get('SQS-FIFO-5')?.tests[0]?.recording).toBe('LocalStack test_sqs.snapshot.json, test_x');
		expect(byId.get('KIN-3')?.status).toBe('untested');
	});

	it('keeps a test that names several rules once in the compact form, and expands it back exactly', () => {
		const report = buildReport(RULES, readTestFiles(fixture()));
		const compact = compactReport(report);
		expect(compact.tests).toHaveLength(3);
		expect([...compact.files].sort()).toEqual(['tests/e2e/y.e2e.ts', 'tests/unit/a/x.test.ts']);
		expect(expandReport(compact)).toEqual(report);
	});

	it('of this repository, evaluates to the report the CLI prints', async () => {
		const report = await evaluate(fidelityModuleSource('.').code);
		expect(report.rules).toHaveLength(RULES.length);
		expect(report.totals.tested).toBeGreaterThan(50);
	});
});
