// The source of virtual:pigeonhole-fidelity (vite-plugin.js): the report from the test files under a root.
// The module holds it in a compact form (each test once, files by index, as JSON text) and expands it to a
// FidelityReport when it loads, so a test that names eight rules is not in the bundle eight times.
import { join } from 'node:path';
import { readTestFiles } from './files';
import { RULES } from './rules';
import { buildReport, type FidelityReport, type FidelityRule, type FidelityTest } from './scan';

/** The report with each rule's tests as indexes into one list of [file index, name, recording?]. */
export interface CompactReport {
	files: string[];
	tests: ([number, string] | [number, string, string])[];
	rules: (Omit<FidelityRule, 'tests'> & { tests: number[] })[];
	totals: FidelityReport['totals'];
	unknownIds: string[];
}

export function compactReport(report: FidelityReport): CompactReport {
	const files: string[] = [];
	const fileIndex = new Map<string, number>();
	const tests: CompactReport['tests'] = [];
	const testIndex = new Map<FidelityTest, number>();
	const rules = report.rules.map((r) => ({
		...r,
		tests: r.tests.map((t) => {
			let k = testIndex.get(t);
			if (k === undefined) {
				let f = fileIndex.get(t.file);
				if (f === undefined) {
					f = files.push(t.file) - 1;
					fileIndex.set(t.file, f);
				}
				k = tests.push(t.recording === undefined ? [f, t.name] : [f, t.name, t.recording]) - 1;
				testIndex.set(t, k);
			}
			return k;
		})
	}));
	return { files, tests, rules, totals: report.totals, unknownIds: report.unknownIds };
}

/** The inverse of compactReport (the same function runs in the generated module). */
export function expandReport(c: CompactReport): FidelityReport {
	const tests = c.tests.map(([f, name, recording]) => ({
		file: c.files[f] as string,
		name,
		...(recording === undefined ? {} : { recording })
	}));
	return {
		rules: c.rules.map((r) => ({ ...r, tests: r.tests.map((k) => tests[k] as FidelityTest) })),
		totals: c.totals,
		unknownIds: c.unknownIds
	};
}

/** The module's code (`export const report`) and the files it was made from (absolute paths). */
export function fidelityModuleSource(root: string): { code: string; files: string[] } {
	const files = readTestFiles(root);
	const compact = compactReport(buildReport(RULES, files));
	return {
		code: [
			`const c = JSON.parse(${JSON.stringify(JSON.stringify(compact))});`,
			`const tests = c.tests.map(([f, name, recording]) => (recording === undefined ? { file: c.files[f], name } : { file: c.files[f], name, recording }));`,
			`export const report = { rules: c.rules.map((r) => ({ ...r, tests: r.tests.map((k) => tests[k]) })), totals: c.totals, unknownIds: c.unknownIds };`,
			''
		].join('\n'),
		files: files.map((f) => join(root, f.path))
	};
}
