// Reads the test files the fidelity report is made from (scan.ts isTestFile: tests/unit/**/*.test.ts,
// tests/e2e/**/*.e2e.ts, tests/property/**), for the Vite plugin at build time and the CLI at run time.
// Node only: the app never imports this.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTestFile, type SourceFile } from './scan';

/** Every file under dir, recursively, as paths relative to root with '/'. */
function walk(root: string, dir: string): string[] {
	let entries;
	try {
		entries = readdirSync(join(root, dir), { withFileTypes: true });
	} catch {
		return [];
	}
	return entries.flatMap((e) => {
		const path = dir === '' ? e.name : `${dir}/${e.name}`;
		if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(root, path);
		return e.isFile() ? [path] : [];
	});
}

/** The test files under root/tests, with their texts, sorted by path. */
export function readTestFiles(root: string): SourceFile[] {
	return walk(root, 'tests')
		.filter(isTestFile)
		.sort()
		.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}
