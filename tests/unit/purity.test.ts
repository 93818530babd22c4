// DESIGN §1: the engine and the services know nothing of the DOM, Svelte or D3, and never touch wall-clock
// time or Math.random. This guard reads their sources.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const FORBIDDEN: { pattern: RegExp; why: string }[] = [
	{ pattern: /from\s+['"](svelte|svelte\/[^'"]*)['"]/, why: 'imports svelte' },
	{ pattern: /from\s+['"]\$app\//, why: 'imports $app' },
	{ pattern: /from\s+['"]d3(-[a-z]+)?['"]/, why: 'imports d3' },
	{ pattern: /\bDate\.now\s*\(/, why: 'uses Date.now' },
	{ pattern: /\bnew Date\s*\(\s*\)/, why: 'reads the wall clock (new Date())' },
	{ pattern: /\bMath\.random\s*\(/, why: 'uses Math.random' },
	{ pattern: /(^|[^.\w])setTimeout\s*\(/, why: 'uses setTimeout' },
	{ pattern: /(^|[^.\w])setInterval\s*\(/, why: 'uses setInterval' },
	{ pattern: /\bperformance\.now\s*\(/, why: 'reads the wall clock (performance.now)' },
	{ pattern: /\b(window|document)\./, why: 'touches the DOM' },
	{
		pattern:
			/\bMath\.(log|exp|pow|sin|cos|tan|asin|acos|atan2?|sinh|cosh|tanh|asinh|acosh|atanh|log1p|expm1|log2|log10|cbrt|hypot)\s*\(/,
		why: 'uses a Math function that differs between JS engines (SEMANTICS DET-1)'
	}
];

function violations(source: string): string[] {
	const code = source
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.split('\n')
		.map((l) => l.replace(/\/\/.*$/, ''));
	const out: string[] = [];
	code.forEach((line, k) => {
		// The scheduler *implements* XState's clock interface: a typed method declaration is not a call.
		if (/^\s*(set|clear)(Timeout|Interval)\s*\([\w$]+\s*:/.test(line)) return;
		for (const f of FORBIDDEN) if (f.pattern.test(line)) out.push(`line ${k + 1}: ${f.why}`);
	});
	return out;
}

describe('purity guard (engine and services)', () => {
	const files = [
		...filesUnder('src/lib/engine'),
		...filesUnder('src/lib/services'),
		...filesUnder('src/lib/sandbox')
	];

	it('finds the engine and model sources', () => {
		expect(files.length).toBeGreaterThan(10);
	});

	it('no engine or model file imports svelte/$app/d3, touches wall-clock time or Math.random, or uses engine-dependent math (DET-1)', () => {
		const found = files.flatMap((f) => violations(readFileSync(f, 'utf8')).map((v) => `${f} ${v}`));
		expect(found).toEqual([]);
	});

	it('the guard itself catches each forbidden pattern', () => {
		const samples = [
			"import { mount } from 'svelte';",
			"import { page } from '$app/state';",
			"import { select } from 'd3-selection';",
			'const t = Date.now();',
			'const r = Math.random();',
			'setTimeout(() => {}, 5);',
			'setInterval(tick, 5);',
			'const d = new Date();',
			'const w = performance.now();',
			'document.title = "x";',
			'const d = -Math.log(1 - u) * mean;',
			'const g = Math.pow(2, t);',
			'const c = Math.cos(a);'
		];
		for (const s of samples) expect(violations(s), s).not.toEqual([]);
		expect(violations('clock.setTimeout(fn, 5); // setTimeout( in a comment')).toEqual([]);
		expect(violations('\tsetTimeout(fn: () => void, ms: number): number {')).toEqual([]);
		expect(violations('\tsetTimeout(fn, 5);')).not.toEqual([]);
	});
});
