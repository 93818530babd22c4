// The fidelity report from the test suite's own texts (README, Fidelity): which rules a test names, and
// which recording a test cites. Pure functions over file texts; the Vite plugin (build time) and the CLI
// (run time) read the files and hand them over, so the page and `npm run sim -- --fidelity` agree.
//
// A test is a call of it()/test() (with .only, .concurrent, .each(table)(…) and the like; Playwright's
// test() too, not test.step or hooks) whose first argument is a string or template literal. It cites the
// rule ids in its name and in the names of the describe() blocks around it (ruleIdsIn: shorthands such as
// 'SQS-FIFO-2/-10' are expanded). A test whose name is computed from a table (`${rule}`, '%s') cites the
// table: every string that opens an array row of the same file and begins with a rule id is a test of its
// own. A recording is cited in a comment inside the test or just above it: 'LocalStack
// test_sqs.snapshot.json, test_name' or 'kinesalite test/putRecord.js, "…"'.

import { ruleIdsIn } from './ids';
import { EVIDENCE_CLASSES, type Evidence, type Rule, type Service } from './rules';

/** A test file's path (relative to the repository, with '/') and its text. */
export interface SourceFile {
	path: string;
	text: string;
}

export interface ScannedTest {
	file: string;
	/** The test's name; a template literal's interpolations are kept as written (`${what}`). */
	name: string;
	/** The names of the describe() blocks around it, outermost first. */
	describe: string[];
	/** The rule ids it cites (its name and its describe blocks'), each once. */
	rules: string[];
	/** The recordings cited in a comment inside it or just above it. */
	recordings: string[];
	/** 1-based line of the name. */
	line: number;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens: just enough of TypeScript to find calls, their string arguments, their extent and the comments.

type Token =
	| { kind: 'ident' | 'punct'; text: string; line: number; comments: string[] }
	| { kind: 'string'; text: string; template: boolean; dynamic: boolean; line: number; comments: string[] };

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[\w$]/;
/** After these, a '/' starts a regular expression, not a division. */
const REGEX_AFTER_PUNCT = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_AFTER_WORD = new Set([
	'return',
	'typeof',
	'case',
	'do',
	'else',
	'in',
	'of',
	'new',
	'delete',
	'void',
	'throw',
	'yield',
	'await'
]);

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function tokenize(src: string): Token[] {
	const tokens: Token[] = [];
	let comments: string[] = [];
	let line = 1;
	let i = 0;
	const n = src.length;
	const push = (t: Token) => {
		tokens.push(t);
		comments = [];
	};
	const countLines = (from: number, to: number) => {
		for (let k = from; k < to; k++) if (src.charCodeAt(k) === 10) line++;
	};

	/** A quoted string from i (at the quote); returns its value and moves i past it. */
	const quoted = (q: string): string => {
		let out = '';
		i++;
		while (i < n && src[i] !== q) {
			if (src[i] === '\\') {
				const c = src[i + 1] ?? '';
				if (c === '\n') line++;
				out += ESCAPES[c] ?? c;
				i += 2;
			} else {
				if (src[i] === '\n') line++;
				out += src[i];
				i++;
			}
		}
		i++;
		return out;
	};

	/** Skip an expression inside ${…} from i (just past the '{'), strings and nested templates included. */
	const skipInterpolation = (): void => {
		let depth = 1;
		while (i < n && depth > 0) {
			const c = src[i] as string;
			if (c === '{') depth++;
			else if (c === '}') {
				depth--;
				if (depth === 0) break;
			} else if (c === "'" || c === '"') {
				quoted(c);
				continue;
			} else if (c === '`') {
				template();
				continue;
			} else if (c === '\n') line++;
			i++;
		}
		i++;
	};

	/** A template literal from i (at the backtick): its text with interpolations as written. */
	function template(): { text: string; dynamic: boolean } {
		let out = '';
		let dynamic = false;
		i++;
		while (i < n && src[i] !== '`') {
			const c = src[i] as string;
			if (c === '\\') {
				const e = src[i + 1] ?? '';
				out += ESCAPES[e] ?? e;
				if (e === '\n') line++;
				i += 2;
			} else if (c === '$' && src[i + 1] === '{') {
				const from = i;
				i += 2;
				skipInterpolation();
				out += src.slice(from, i);
				dynamic = true;
			} else {
				if (c === '\n') line++;
				out += c;
				i++;
			}
		}
		i++;
		return { text: out, dynamic };
	}

	const regexAllowed = (): boolean => {
		const prev = tokens[tokens.length - 1];
		if (!prev) return true;
		if (prev.kind === 'punct') return REGEX_AFTER_PUNCT.has(prev.text);
		if (prev.kind === 'ident') return REGEX_AFTER_WORD.has(prev.text);
		return false;
	};

	while (i < n) {
		const c = src[i] as string;
		if (c === '\n') {
			line++;
			i++;
		} else if (c === ' ' || c === '\t' || c === '\r') i++;
		else if (c === '/' && src[i + 1] === '/') {
			const end = src.indexOf('\n', i);
			const stop = end === -1 ? n : end;
			comments.push(src.slice(i + 2, stop));
			i = stop;
		} else if (c === '/' && src[i + 1] === '*') {
			const end = src.indexOf('*/', i + 2);
			const stop = end === -1 ? n : end + 2;
			comments.push(src.slice(i + 2, stop - 2));
			countLines(i, stop);
			i = stop;
		} else if (c === "'" || c === '"') {
			const at = line;
			const kept = comments;
			const text = quoted(c);
			comments = kept;
			push({ kind: 'string', text, template: false, dynamic: false, line: at, comments });
		} else if (c === '`') {
			const at = line;
			const kept = comments;
			const t = template();
			comments = kept;
			push({ kind: 'string', text: t.text, template: true, dynamic: t.dynamic, line: at, comments });
		} else if (c === '/' && regexAllowed()) {
			// A regular expression literal: to the closing '/' outside a character class, then its flags.
			let inClass = false;
			i++;
			while (i < n && src[i] !== '\n') {
				const r = src[i];
				if (r === '\\') i++;
				else if (r === '[') inClass = true;
				else if (r === ']') inClass = false;
				else if (r === '/' && !inClass) break;
				i++;
			}
			i++;
			while (i < n && IDENT_PART.test(src[i] as string)) i++;
			push({ kind: 'string', text: '', template: false, dynamic: true, line, comments });
		} else if (IDENT_START.test(c) || (c >= '0' && c <= '9')) {
			const from = i;
			while (i < n && IDENT_PART.test(src[i] as string)) i++;
			push({ kind: 'ident', text: src.slice(from, i), line, comments });
		} else {
			push({ kind: 'punct', text: c, line, comments });
			i++;
		}
	}
	return tokens;
}

/** For each opening bracket's index, the index of its closing one (the end of the tokens if none). */
function matchBrackets(tokens: Token[]): Map<number, number> {
	const pairs = new Map<number, number>();
	const open: number[] = [];
	for (let k = 0; k < tokens.length; k++) {
		const t = tokens[k] as Token;
		if (t.kind !== 'punct') continue;
		if (t.text === '(' || t.text === '[' || t.text === '{') open.push(k);
		else if (t.text === ')' || t.text === ']' || t.text === '}') {
			const o = open.pop();
			if (o !== undefined) pairs.set(o, k);
		}
	}
	for (const o of open) pairs.set(o, tokens.length - 1);
	return pairs;
}

// ---------------------------------------------------------------------------------------------------------
// Calls of describe() and it()/test().

/** Members after it./test. that still declare a test (skip, todo and fixme declare none that runs). */
const TEST_MEMBERS = new Set([
	'only',
	'concurrent',
	'sequential',
	'fails',
	'each',
	'for',
	'runIf',
	'skipIf',
	'slow'
]);
/** Members after describe. (and test.describe.) that still declare a block. */
const DESCRIBE_MEMBERS = new Set([
	'only',
	'concurrent',
	'sequential',
	'shuffle',
	'each',
	'for',
	'serial',
	'parallel',
	'configure',
	'runIf',
	'skipIf',
	'describe'
]);
/** Members whose call returns the function to call with the name: it.each(table)('name', …). */
const CURRIED = new Set(['each', 'for', 'runIf', 'skipIf']);

const RECORDING =
	/\b(LocalStack\s+(?:tests\/\S+\/)?[\w.-]+\.snapshot\.json(?:\s*,\s*(?:test_\w+|"[^"\n]+"|'[^'\n]+'))?|kinesalite\s+test\/[\w./-]+\.js(?:\s*,\s*(?:"[^"\n]*"|'[^'\n]*'|\S+))?)/g;

/**
 * The recordings a comment (or a test name) cites: 'LocalStack test_sqs.snapshot.json, test_x',
 * 'LocalStack test_sqs.snapshot.json', 'kinesalite test/putRecord.js, "…"'. A citation may run on over
 * the next comment line.
 */
export function recordingsIn(comment: string): string[] {
	const flat = comment.replace(/\s*\n\s*(?:\*\s*|\/\/\s*)?/g, ' ');
	return [...flat.matchAll(RECORDING)].map((m) =>
		(m[1] as string).replace(/\s+/g, ' ').replace(/[.,;]$/, '')
	);
}

/** Whether a test name is computed from a table row: `${rule}…`, '%s', '$name'. */
const tableName = (name: string, dynamic: boolean) =>
	(dynamic && /^\$\{/.test(name)) || /%[sdifjo#]|\$[A-Za-z_]/.test(name.replace(/\$\{[^}]*\}/g, ''));

/** The tests a test file declares, with the rule ids and recordings each cites. */
export function scanFile(file: string, text: string): ScannedTest[] {
	const tokens = tokenize(text);
	const close = matchBrackets(tokens);
	const out: ScannedTest[] = [];
	const blocks: { end: number; name: string }[] = [];
	const tableTests: ScannedTest[] = [];

	for (let k = 0; k < tokens.length; k++) {
		while (blocks.length > 0 && (blocks[blocks.length - 1] as { end: number }).end < k) blocks.pop();
		const head = tokens[k] as Token;
		if (head.kind !== 'ident' || !['it', 'test', 'describe'].includes(head.text)) continue;
		const before = tokens[k - 1];
		if (before?.kind === 'punct' && (before.text === '.' || before.text === '#')) continue;
		if (before?.kind === 'ident' && ['function', 'const', 'let', 'var'].includes(before.text)) continue;
		// The member chain: test.describe.serial, it.each(table), it.only …
		const members: string[] = [];
		let j = k + 1;
		for (;;) {
			const dot = tokens[j];
			const name = tokens[j + 1];
			if (dot?.kind === 'punct' && dot.text === '.' && name?.kind === 'ident') {
				members.push(name.text);
				j += 2;
				const last = name.text;
				const open = tokens[j];
				if (CURRIED.has(last) && open?.kind === 'punct' && open.text === '(') j = (close.get(j) ?? j) + 1;
			} else break;
		}
		const open = tokens[j];
		if (open?.kind !== 'punct' || open.text !== '(') continue;
		const isDescribe = head.text === 'describe' || members.includes('describe');
		const allowed = isDescribe ? DESCRIBE_MEMBERS : TEST_MEMBERS;
		if (!members.every((m) => allowed.has(m))) continue;
		const end = close.get(j) ?? tokens.length - 1;
		const arg = tokens[j + 1];
		if (arg?.kind !== 'string' || (!arg.template && arg.dynamic)) continue;
		if (isDescribe) {
			blocks.push({ end, name: arg.text });
			continue;
		}
		const describe = blocks.map((b) => b.name);
		const comments = [...head.comments];
		for (let c = j; c <= end; c++) comments.push(...(tokens[c] as Token).comments);
		const test: ScannedTest = {
			file,
			name: arg.text,
			describe,
			rules: ruleIdsIn([...describe, arg.text].join('\n')),
			recordings: [...new Set([...recordingsIn(comments.join('\n')), ...recordingsIn(arg.text)])],
			line: arg.line
		};
		if (tableName(arg.text, arg.dynamic) && ruleIdsIn(arg.text).length === 0) tableTests.push(test);
		else out.push(test);
	}

	// Tests named by a table: each row that opens with a string citing a rule id is a test.
	if (tableTests.length > 0) {
		const first = tableTests[0] as ScannedTest;
		const rows = tokens.filter((t, k) => {
			const prev = tokens[k - 1];
			return (
				t.kind === 'string' &&
				prev?.kind === 'punct' &&
				prev.text === '[' &&
				ruleIdsIn(t.text).length > 0 &&
				/^\s*[A-Z]+(?:-[A-Z]+)*-\d/.test(t.text)
			);
		});
		for (const row of rows)
			out.push({
				file,
				name: row.text,
				describe: first.describe,
				rules: ruleIdsIn([...first.describe, row.text].join('\n')),
				recordings: first.recordings,
				line: row.line
			});
		for (const t of tableTests) if (rows.length === 0) out.push(t);
	}
	return out.sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------------------------------------
// The report.

export interface FidelityTest {
	file: string;
	name: string;
	/** The recordings the test cites, '; '-separated, if any. */
	recording?: string;
}

export interface FidelityRule {
	id: string;
	title: string;
	service: Service;
	section: string;
	evidence: Evidence;
	unverified: readonly string[];
	status: 'tested' | 'untested';
	tests: FidelityTest[];
	/** The recordings the rule's tests cite, each once. */
	recordings: string[];
}

export interface FidelityTotals {
	rules: number;
	tested: number;
	untested: number;
	/** Rules whose tests cite at least one recording. */
	withRecording: number;
	/** Rules with numbers or claims the reference marks unverified. */
	withUnverified: number;
	tests: number;
	/** Every evidence class, in EVIDENCE_CLASSES order, with none left out. */
	byEvidence: Record<Evidence, { rules: number; tested: number }>;
	byService: Record<string, { rules: number; tested: number }>;
}

export interface FidelityReport {
	rules: FidelityRule[];
	totals: FidelityTotals;
	/** Ids cited by tests that the catalogue does not have (a stale or mistyped id). */
	unknownIds: string[];
}

/** Whether a path is one of the test files the report reads. */
export function isTestFile(path: string): boolean {
	return (
		/^tests\/unit\/.+\.test\.ts$/.test(path) ||
		/^tests\/e2e\/.+\.e2e\.ts$/.test(path) ||
		/^tests\/property\/.+\.ts$/.test(path)
	);
}

/** The report: every catalogue rule with the tests that name it. */
export function buildReport(rules: readonly Rule[], files: readonly SourceFile[]): FidelityReport {
	const byId = new Map<string, FidelityTest[]>(rules.map((r) => [r.id, []]));
	const unknown = new Set<string>();
	let tests = 0;
	const sorted = [...files]
		.filter((f) => isTestFile(f.path))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	for (const f of sorted) {
		for (const t of scanFile(f.path, f.text)) {
			if (t.rules.length === 0) continue;
			tests++;
			const entry: FidelityTest = {
				file: t.file,
				name: t.name,
				...(t.recordings.length > 0 ? { recording: t.recordings.join('; ') } : {})
			};
			for (const id of t.rules) {
				const list = byId.get(id);
				if (list) list.push(entry);
				else unknown.add(id);
			}
		}
	}
	const out: FidelityRule[] = rules.map((r) => {
		const list = byId.get(r.id) ?? [];
		const recordings = [...new Set(list.flatMap((t) => (t.recording ? t.recording.split('; ') : [])))];
		return {
			id: r.id,
			title: r.title,
			service: r.service,
			section: r.section,
			evidence: r.evidence,
			unverified: r.unverified ?? [],
			status: list.length > 0 ? 'tested' : 'untested',
			tests: list,
			recordings
		};
	});
	const count = (pick: (r: FidelityRule) => string, keys: readonly string[] = []) => {
		const acc: Record<string, { rules: number; tested: number }> = {};
		for (const k of keys) acc[k] = { rules: 0, tested: 0 };
		for (const r of out) {
			const slot = (acc[pick(r)] ??= { rules: 0, tested: 0 });
			slot.rules++;
			if (r.status === 'tested') slot.tested++;
		}
		return acc;
	};
	const tested = out.filter((r) => r.status === 'tested').length;
	return {
		rules: out,
		totals: {
			rules: out.length,
			tested,
			untested: out.length - tested,
			withRecording: out.filter((r) => r.recordings.length > 0).length,
			withUnverified: out.filter((r) => r.unverified.length > 0).length,
			tests,
			byEvidence: count((r) => r.evidence, EVIDENCE_CLASSES),
			byService: count((r) => r.service)
		},
		unknownIds: [...unknown].sort()
	};
}

/** The report as a plain-text table, for the CLI: id, status, evidence, number of tests. */
export function formatReportTable(report: FidelityReport): string {
	const head = ['rule', 'status', 'evidence', 'tests', 'recordings', 'title'];
	const rows = report.rules.map((r) => [
		r.id,
		r.status,
		r.evidence,
		String(r.tests.length),
		r.recordings.length > 0 ? String(r.recordings.length) : '',
		r.title
	]);
	const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] as string).length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, c) =>
				c === 3 || c === 4 ? cell.padStart(widths[c] as number) : cell.padEnd(widths[c] as number)
			)
			.join('  ')
			.trimEnd();
	const t = report.totals;
	const byEvidence = Object.entries(t.byEvidence)
		.map(([e, v]) => `${e} ${v.tested}/${v.rules}`)
		.join(', ');
	return [
		line(head),
		...rows.map(line),
		'',
		`${t.tested} of ${t.rules} rules tested (${t.untested} untested) by ${t.tests} tests; ${t.withRecording} with a cited recording; ${t.withUnverified} with unverified numbers.`,
		`By evidence (tested/rules): ${byEvidence}.`,
		...(report.unknownIds.length > 0
			? [`Ids cited by tests but not in the catalogue: ${report.unknownIds.join(', ')}.`]
			: [])
	].join('\n');
}
