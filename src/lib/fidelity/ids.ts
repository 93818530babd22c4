// Rule ids in free text (test names, findings, trace texts), with the shorthands the test names use:
// 'SQS-FIFO-2/-10' (SQS-FIFO-2 and SQS-FIFO-10), 'SNS-FP-14/17', 'SNS-FP-3, -4', 'SQS-STD-4/-5/-8',
// 'SNS-RETRY-2..4' (2, 3 and 4), 'SQS-STD-1/SQS-FIFO-5' (full ids in a row). Small and pure: the app's first
// load uses it to turn rule ids into links to the fidelity page, so it holds no catalogue.

/** Every rule id prefix. The pattern below never matches a prefix inside a longer one (KIN in ESM-KIN). */
export const RULE_PREFIXES = [
	'SQS-STD',
	'SQS-DLQ',
	'SQS-FIFO',
	'SNS-TOP',
	'SNS-ENV',
	'SNS-FP',
	'SNS-RETRY',
	'SNS-DLQ',
	'SNS-FIFO',
	'SNS-API',
	'ESM-SQS',
	'ESM-KIN',
	'KIN',
	'FH',
	'DET'
] as const;

/** A full rule id: a known prefix, a dash and a number, not part of a longer word or id. */
const FULL = new RegExp(`(?<![A-Za-z0-9-])(${RULE_PREFIXES.join('|')})-(\\d+)(?![A-Za-z0-9])`, 'g');
/**
 * After an id: '/-10', '/10', ', -4', ' and -4', '&-4' (another number of the same prefix). After a comma
 * or 'and' the dash is required: 'SNS-FP-3, 4 keys' cites SNS-FP-3 only.
 */
const MORE = /^(\s*\/\s*|\s*(?:,|&|\band\b)\s*(?=-))-?(\d+)(?![A-Za-z0-9-]|\.\d)/;
/** After an id: '..4', '..-4', '–4', '..SNS-RETRY-4' (a range up to that number). */
const RANGE = /^(\s*(?:\.\.|\u2013)\s*)(?:-|([A-Z]+(?:-[A-Z]+)*)-)?(\d+)(?![A-Za-z0-9-])/;

/** At most this many ids in one range ('KIN-1..16'): a longer "range" is not one. */
const MAX_RANGE = 40;

/** One rule id cited in a text: the characters that name it (a shorthand names it with '-10' or '10'). */
export interface RuleRef {
	id: string;
	start: number;
	end: number;
}

/**
 * Every rule id a text cites, in order, with where each is named. The ids strictly inside a range
 * ('SNS-RETRY-2..4' → SNS-RETRY-3) are cited without characters of their own (start = end).
 */
export function ruleRefs(text: string): RuleRef[] {
	const out: RuleRef[] = [];
	for (const m of text.matchAll(FULL)) {
		const prefix = m[1] as string;
		let n = Number(m[2]);
		const start = m.index;
		let pos = start + m[0].length;
		out.push({ id: `${prefix}-${n}`, start, end: pos });
		for (;;) {
			const rest = text.slice(pos);
			const range = RANGE.exec(rest);
			if (range && (range[2] === undefined || range[2] === prefix)) {
				const to = Number(range[3]);
				if (to > n && to - n <= MAX_RANGE) {
					for (let k = n + 1; k < to; k++) out.push({ id: `${prefix}-${k}`, start: pos, end: pos });
					const numStart = pos + range[0].length - (range[3] as string).length;
					const idStart = range[2] !== undefined ? numStart - range[2].length - 1 : numStart;
					out.push({ id: `${prefix}-${to}`, start: idStart, end: pos + range[0].length });
					n = to;
					pos += range[0].length;
					continue;
				}
			}
			const more = MORE.exec(rest);
			if (!more) break;
			const sep = (more[1] as string).length;
			n = Number(more[2]);
			out.push({ id: `${prefix}-${n}`, start: pos + sep, end: pos + more[0].length });
			pos += more[0].length;
		}
	}
	return out;
}

/** The rule ids a text cites, each once, in order of first citation. */
export function ruleIdsIn(text: string): string[] {
	return [...new Set(ruleRefs(text).map((r) => r.id))];
}

/** A piece of a text: plain, or naming a rule id. */
export type TextPart = { text: string; id?: undefined } | { text: string; id: string };

/** A text cut into plain pieces and pieces that name a rule id, for rendering the ids as links. */
export function splitRuleIds(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let at = 0;
	for (const r of ruleRefs(text)) {
		if (r.end === r.start || r.start < at) continue;
		if (r.start > at) parts.push({ text: text.slice(at, r.start) });
		parts.push({ text: text.slice(r.start, r.end), id: r.id });
		at = r.end;
	}
	if (at < text.length) parts.push({ text: text.slice(at) });
	return parts;
}

/**
 * Tokens in a text that look like rule ids of any prefix ('SQS-STD-14', 'SNS-XYZ-2'), known prefix or
 * not, for the test that keeps the catalogue complete. Words that are not rule ids are left out.
 */
export function idLikeTokens(text: string): string[] {
	const NOT_RULES = /^(UTF|SHA|ISO|IEEE|Latin|MD|RFC|ES|IPv|HTTP|TLS|X)-\d+$/i;
	return [...text.matchAll(/(?<![A-Za-z0-9-])[A-Z][A-Z]+(?:-[A-Z]+)*-\d+(?![A-Za-z0-9])/g)]
		.map((m) => m[0])
		.filter((t) => !NOT_RULES.test(t));
}
