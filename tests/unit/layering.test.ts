// DESIGN §2 layering, enforced: the engine knows no service, services know no views, and the sandbox
// reaches a service only through that service's index. Reads every import specifier in src/lib.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const LIB = resolve('src/lib');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

/** Every module a file imports, as a path relative to src/lib (external packages are left out). */
export function importsOf(file: string, source = readFileSync(file, 'utf8')): string[] {
	const specs = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map(
		(m) => m[1] ?? ''
	);
	return specs.flatMap((spec) => {
		let abs: string;
		if (spec.startsWith('$lib/') || spec === '$lib') abs = join(LIB, spec.slice(5));
		else if (spec.startsWith('.')) abs = resolve(dirname(file), spec);
		else return [];
		for (const ext of ['', '.ts', '.svelte.ts', '.js']) {
			if (existsSync(abs + ext) && statSync(abs + ext).isFile()) return [relative(LIB, abs + ext)];
		}
		if (existsSync(join(abs, 'index.ts'))) return [relative(LIB, join(abs, 'index.ts'))];
		return [relative(LIB, abs)];
	});
}

const layerOf = (path: string) => path.split('/')[0] ?? '';

interface Rule {
	from: string;
	why: string;
	forbidden: (target: string, source: string) => boolean;
}

const VIEWS = ['components', 'viz', 'state', 'runner'];
/** services/<service>/limits.ts: a service's numbers, leaf modules of data that anything may import. */
const isLimits = (path: string) => /^services\/[^/]+\/limits\.ts$/.test(path);
const RULES: Rule[] = [
	{
		from: 'engine',
		why: 'the engine imports no service (only the limits.ts of a service), sandbox or view',
		forbidden: (t) =>
			!isLimits(t) && ['services', 'sandbox', 'lessons', 'scenarios', 'share', ...VIEWS].includes(layerOf(t))
	},
	{
		from: 'services',
		why: 'services import no views and no sandbox',
		forbidden: (t) => ['sandbox', 'lessons', 'share', ...VIEWS].includes(layerOf(t))
	},
	{
		from: 'sandbox',
		why: 'the sandbox reaches a service only through its index',
		forbidden: (t) => {
			const parts = t.split('/');
			if (parts[0] !== 'services') return VIEWS.includes(parts[0] ?? '');
			// services/index.ts, services/<service>/index.ts
			return (
				!(parts.length === 2 && parts[1] === 'index.ts') && !(parts.length === 3 && parts[2] === 'index.ts')
			);
		}
	}
];

export function layeringViolations(files: string[]): string[] {
	const out: string[] = [];
	for (const file of files) {
		const from = relative(LIB, file);
		for (const rule of RULES) {
			if (layerOf(from) !== rule.from) continue;
			for (const target of importsOf(file))
				if (rule.forbidden(target, from)) out.push(`${from} → ${target}: ${rule.why}`);
		}
	}
	return out;
}

describe('layering (DESIGN §2)', () => {
	it('no module imports across a layer boundary', () => {
		expect(layeringViolations(filesUnder(LIB))).toEqual([]);
	});

	it('the check sees a violation when there is one', () => {
		const fake = join(LIB, 'engine', 'fake.ts');
		const src = "import { SqsQueue } from '../services/sqs/queue';";
		expect(importsOf(fake, src)).toEqual(['services/sqs/queue.ts']);
		const sandboxFake = join(LIB, 'sandbox', 'fake.ts');
		expect(importsOf(sandboxFake, "import { x } from '../services/sqs';")).toEqual(['services/sqs/index.ts']);
	});

	it("a service's limits.ts is a leaf of data: it imports nothing, so the engine's schema may read it", () => {
		const limits = filesUnder(join(LIB, 'services')).filter((f) => f.endsWith('/limits.ts'));
		expect(limits.map((f) => relative(LIB, f)).sort()).toEqual(
			expect.arrayContaining([
				'services/kinesis/limits.ts',
				'services/sns/limits.ts',
				'services/sqs/limits.ts'
			])
		);
		for (const file of limits) expect(importsOf(file), relative(LIB, file)).toEqual([]);
		// The engine may import a limits.ts, and nothing else of a service.
		const engineFake = join(LIB, 'engine', 'fake.ts');
		const leaf = importsOf(engineFake, "import * as SQS from '../services/sqs/limits';");
		expect(leaf).toEqual(['services/sqs/limits.ts']);
	});
});
