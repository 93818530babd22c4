#!/usr/bin/env node
// `npm run check:engines`: every package in package-lock.json accepts the oldest Node that package.json's
// "engines" promises (and the Node running this), so the declared version and the dependencies agree.
// Lists each package that does not and exits 1. The ranges are read by a small semver subset (comparators,
// ^, ~, x-ranges and ||); a range it cannot read is reported as such rather than guessed at.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** @typedef {[number, number, number]} Version */

/**
 * "20", "20.19", "20.19.0", "v20.19.0", "20.x" → the parts given (an x or a missing part ends the list).
 * @param {string} text
 * @returns {number[] | undefined}
 */
function parts(text) {
	const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(text);
	if (!m) return undefined;
	const out = [];
	for (const p of m.slice(1)) {
		if (p === undefined || /^[xX*]$/.test(p)) break;
		out.push(Number(p));
	}
	return out;
}

/**
 * @param {Version} a
 * @param {Version} b
 */
function compare(a, b) {
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) < (b[i] ?? 0) ? -1 : 1;
	return 0;
}

/**
 * @param {number[]} p
 * @returns {Version}
 */
const floor = (p) => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];

/**
 * The half-open interval [low, high) of one comparator; high undefined means unbounded.
 * @param {string} op
 * @param {number[]} p
 * @returns {{ low: Version; high?: Version; lowOpen?: boolean; highClosed?: boolean }}
 */
function interval(op, p) {
	const low = floor(p);
	/** The first version after the x-range `p` (20 → 21.0.0, 20.19 → 20.20.0). */
	const next = () => {
		if (p.length === 0) return undefined;
		const q = [...p];
		q[q.length - 1] = (q[q.length - 1] ?? 0) + 1;
		return floor(q);
	};
	switch (op) {
		case '>=':
			return { low };
		case '>':
			return p.length === 3 ? { low, lowOpen: true } : { low: next() ?? low };
		case '<':
			return { low: [0, 0, 0], high: low };
		case '<=':
			return p.length === 3
				? { low: [0, 0, 0], high: low, highClosed: true }
				: { low: [0, 0, 0], high: next() };
		case '~':
			return { low, high: floor(p.length >= 2 ? [p[0] ?? 0, (p[1] ?? 0) + 1] : [(p[0] ?? 0) + 1]) };
		case '^': {
			const i = p.findIndex((n, k) => n !== 0 || k === p.length - 1);
			const at = i < 0 ? 0 : i;
			const q = p.slice(0, at + 1);
			q[at] = (q[at] ?? 0) + 1;
			return { low, high: floor(q) };
		}
		default: // '' or '=': an exact version or an x-range
			return p.length === 3 ? { low, high: low, highClosed: true } : { low, high: next() };
	}
}

/**
 * Whether `version` satisfies `range`; undefined when the range cannot be read.
 * @param {Version} version
 * @param {string} range
 * @returns {boolean | undefined}
 */
export function satisfies(version, range) {
	let readable = true;
	const any = range.split('||').some((set) => {
		const tokens = set
			.trim()
			.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
			.split(/\s+/)
			.filter(Boolean);
		if (tokens.length === 0) return true;
		return tokens.every((token) => {
			const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(token);
			const p = m ? parts(m[2] ?? '') : undefined;
			if (!m || p === undefined) {
				readable = false;
				return false;
			}
			const r = interval(m[1] ?? '', p);
			const c = compare(version, r.low);
			if (c < 0 || (c === 0 && r.lowOpen)) return false;
			if (r.high === undefined) return true;
			const h = compare(version, r.high);
			return h < 0 || (h === 0 && r.highClosed === true);
		});
	});
	return any ? true : readable ? false : undefined;
}

function main() {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
	const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
	const declared = pkg.engines?.node;
	const min = typeof declared === 'string' ? /^\s*>=\s*v?([\d.]+)\s*$/.exec(declared) : null;
	if (!min) {
		console.error(`check-engines: package.json's engines.node should read ">=X.Y[.Z]"; it is ${declared}`);
		process.exit(1);
	}
	const targets = [
		{ what: `the oldest Node package.json accepts (${declared})`, version: floor(parts(min[1] ?? '') ?? []) },
		{ what: `this Node (${process.version})`, version: floor(parts(process.version) ?? []) }
	];
	const problems = [];
	for (const [path, entry] of Object.entries(lock.packages ?? {})) {
		const range = entry.engines?.node;
		if (path === '' || typeof range !== 'string') continue;
		const name = `${path.replace(/^.*node_modules\//, '')}@${entry.version}`;
		for (const t of targets) {
			const ok = satisfies(t.version, range);
			if (ok === undefined) problems.push(`${name}: engines.node "${range}" could not be read`);
			else if (!ok) problems.push(`${name}: engines.node "${range}" excludes ${t.what}`);
		}
	}
	if (problems.length > 0) {
		for (const p of [...new Set(problems)]) console.error(`check-engines: ${p}`);
		process.exit(1);
	}
	console.log(`check-engines: every dependency accepts ${targets.map((t) => t.what).join(' and ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
