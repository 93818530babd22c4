// SNS subscription filter policies (SNS-FP-1..17) as a pure module: parse and validate a policy the way
// Subscribe / SetSubscriptionAttributes do, match a published message against it, and explain per key and
// per condition why it matched or not (for the inspector). Policies are parsed once into plain data.
//
// AWS evaluates filter policies with its Event Ruler library, so this module follows Ruler where
// SEMANTICS.md is silent: the same validation order and error wording, `$or` falling back to a plain field
// name when it is not a valid OR, strings that look like IP addresses compared as addresses, values of a
// field turned into numbers (or addresses) before matching when a numeric (or CIDR) pattern names that
// field, and array consistency in message bodies (keys matched by elements of the same array must come
// from the same element).

import { nestsDeeperThan } from '../../engine/json-depth';

/** Where the policy looks: message attributes (default) or the JSON body (SNS-FP-1, SNS-FP-15). */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** A message as published: attributes exactly as given to Publish, and the body. */
export interface MessageForFilter {
	attributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string | Uint8Array }>;
	body?: string;
}

/** One condition of a key (an element of the key's array), parsed. */
export type Condition =
	| { op: 'exact'; value: string }
	| { op: 'ip'; value: string; hex: string }
	| { op: 'literal'; value: 'true' | 'false' | 'null' }
	| { op: 'number'; text: string; scaled?: number }
	| { op: 'prefix' | 'suffix' | 'equals-ignore-case' | 'prefix-ic' | 'suffix-ic'; value: string }
	| { op: 'wildcard'; value: string; parts: string[] }
	| { op: 'numeric'; lower?: Bound; upper?: Bound; equals?: string }
	| { op: 'cidr'; value: string; bottom: string; top: string }
	| { op: 'exists'; value: boolean }
	| { op: 'anything-but'; strings: string[]; numbers: { text: string; scaled: number }[] }
	| { op: 'anything-but-ic' | 'anything-but-prefix' | 'anything-but-suffix'; values: string[] }
	| { op: 'anything-but-wildcard'; values: { value: string; parts: string[] }[] };

interface Bound {
	scaled: number;
	inclusive: boolean;
	text: string;
}

/** A leaf key of the policy: its flattened path (`order.status`), nesting depth and conditions (ORed). */
export interface PolicyLeaf {
	path: string;
	depth: number;
	conditions: Condition[];
}

/** The policy as written: leaf keys ANDed, each `$or` group ANDed with them (used by the explanation). */
export interface PolicyNode {
	leaves: PolicyLeaf[];
	or: PolicyNode[][];
}

export interface FilterPolicy {
	scope: FilterPolicyScope;
	/** The structure as written, for explanations. */
	tree: PolicyNode;
	/** `$or` expanded into alternatives (Ruler's sub-rules); a message matches if any alternative does. */
	rules: PolicyLeaf[][];
	/** Per path: whether a numeric or an IP pattern names it (values are converted before matching). */
	fields: { path: string; numeric: boolean; ip: boolean }[];
	/** SNS-FP-17: the combination count AWS computes. */
	combinations: number;
}

export interface ConditionExplanation {
	condition: string;
	matched: boolean;
}

export interface KeyExplanation {
	path: string;
	matched: boolean;
	/** How the value appeared in the message, or 'missing'. */
	actual: string;
	conditions: ConditionExplanation[];
	note?: string;
}

export interface FilterExplanation {
	matched: boolean;
	/** Why the result is not simply the AND of the keys (a non-JSON body, no attributes, array elements…). */
	note?: string;
	keys: KeyExplanation[];
	/** One entry per `$or`: its branches, each explained; the `$or` holds when any branch matches. */
	or: { matched: boolean; branches: FilterExplanation[] }[];
}

export class FilterPolicyError extends Error {
	readonly code = 'InvalidParameter';
	/** Where the problem is, as a dotted path into the policy ('' for the whole policy). */
	readonly path: string;
	constructor(message: string, path = '') {
		super(message);
		this.name = 'FilterPolicyError';
		this.path = path;
	}
}

const MAX_KEYS = 5; // SNS-FP-17
const MAX_COMBINATIONS = 150; // SNS-FP-17
const MAX_POLICY_BYTES = 256 * 1024; // SNS-FP-17
const NUMERIC_LIMIT = 1e9; // SNS-FP-6
const MAX_ALTERNATIVES = 1000; // expansion guard; far above what MAX_COMBINATIONS allows
/** Deepest JSON nesting read (policies, bodies and String.Array values); deeper input is a syntax error. */
export const MAX_DEPTH = 1000;
const PREFIX = 'Invalid parameter: FilterPolicy: ';

/** Ruler's words that may not name a field inside `$or` (SNS-FP-14). */
const RESERVED_IN_OR = new Set([
	'exactly',
	'equals-ignore-case',
	'prefix',
	'suffix',
	'anything-but',
	'exists',
	'wildcard',
	'numeric',
	'cidr',
	'=',
	'<',
	'<=',
	'>',
	'>=',
	'regex',
	'not-wildcard',
	'not-equals-ignore-case',
	'date-after',
	'date-on-or-after',
	'date-before',
	'date-on-or-before',
	'in-date-range',
	'ip-address-in-range',
	'ip-address-not-in-range'
]);

// JSON with raw numbers and ordered keys -------------------------------------------------------------

type JNode =
	| { t: 's'; v: string }
	| { t: 'n'; raw: string; v: number }
	| { t: 'b'; v: boolean }
	| { t: 'z' }
	| { t: 'a'; items: JNode[] }
	| { t: 'o'; entries: [string, JNode][] };

class JsonSyntaxError extends Error {}

function charInfo(ch: string): string {
	const code = ch.codePointAt(0) ?? 0;
	return code < 32 ? `(CTRL-CHAR, code ${code})` : `('${ch}' (code ${code}))`;
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** A strict JSON parser keeping number text and key order (duplicate keys: the last value wins). */
function parseJson(text: string): JNode {
	let i = 0;
	const n = text.length;
	const fail = (msg: string): never => {
		throw new JsonSyntaxError(msg);
	};
	const ws = () => {
		while (i < n) {
			const c = text.charCodeAt(i);
			if (c === 32 || c === 9 || c === 10 || c === 13) i++;
			else break;
		}
	};
	const str = (): string => {
		i++; // opening quote
		let out = '';
		let start = i;
		for (;;) {
			if (i >= n) fail('Unexpected end-of-input: was expecting closing quote for a string value');
			const c = text.charCodeAt(i);
			if (c === 34) {
				out += text.slice(start, i);
				i++;
				return out;
			}
			if (c < 32) {
				fail(`Illegal unquoted character (${charInfo(text[i] as string)}): has to be escaped`);
			}
			if (c === 92) {
				out += text.slice(start, i);
				const e = text[i + 1];
				if (e === undefined) fail('Unexpected end-of-input in character escape sequence');
				const simple: Record<string, string> = {
					'"': '"',
					'\\': '\\',
					'/': '/',
					b: '\b',
					f: '\f',
					n: '\n',
					r: '\r',
					t: '\t'
				};
				if (e === 'u') {
					const hex = text.slice(i + 2, i + 6);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Unexpected character in Unicode escape');
					out += String.fromCharCode(parseInt(hex, 16));
					i += 6;
				} else if (e !== undefined && Object.hasOwn(simple, e)) {
					out += simple[e];
					i += 2;
				} else {
					fail(`Unrecognized character escape ${charInfo(e as string)}`);
				}
				start = i;
				continue;
			}
			i++;
		}
	};
	const value = (depth: number, inside?: 'Array' | 'Object'): JNode => {
		if (depth > MAX_DEPTH) fail('Maximum nesting depth exceeded');
		ws();
		if (i >= n) {
			fail(`Unexpected end-of-input: ${inside ? `expected close marker for ${inside}` : 'expected a value'}`);
		}
		const c = text[i] as string;
		if (c === '{') {
			i++;
			const entries: [string, JNode][] = [];
			const index = new Map<string, number>();
			ws();
			if (text[i] === '}') {
				i++;
				return { t: 'o', entries };
			}
			for (;;) {
				ws();
				if (i >= n) fail('Unexpected end-of-input: expected close marker for Object');
				if (text[i] !== '"') {
					fail(
						`Unexpected character ${charInfo(text[i] as string)}: was expecting double-quote to start field name`
					);
				}
				const key = str();
				ws();
				if (i >= n) fail('Unexpected end-of-input: expected close marker for Object');
				if (text[i] !== ':') {
					fail(
						`Unexpected character ${charInfo(text[i] as string)}: was expecting a colon to separate field name and value`
					);
				}
				i++;
				const v = value(depth + 1, 'Object');
				const at = index.get(key);
				if (at === undefined) {
					index.set(key, entries.length);
					entries.push([key, v]);
				} else entries[at] = [key, v];
				ws();
				if (i >= n) fail('Unexpected end-of-input: expected close marker for Object');
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === '}') {
					i++;
					return { t: 'o', entries };
				}
				fail(
					`Unexpected character ${charInfo(text[i] as string)}: was expecting comma to separate Object entries`
				);
			}
		}
		if (c === '[') {
			i++;
			const items: JNode[] = [];
			ws();
			if (text[i] === ']') {
				i++;
				return { t: 'a', items };
			}
			for (;;) {
				items.push(value(depth + 1, 'Array'));
				ws();
				if (i >= n) fail('Unexpected end-of-input: expected close marker for Array');
				if (text[i] === ',') {
					i++;
					continue;
				}
				if (text[i] === ']') {
					i++;
					return { t: 'a', items };
				}
				fail(
					`Unexpected character ${charInfo(text[i] as string)}: was expecting comma to separate Array entries`
				);
			}
		}
		if (c === '"') return { t: 's', v: str() };
		if (c === '-' || (c >= '0' && c <= '9')) {
			NUMBER.lastIndex = i;
			const m = NUMBER.exec(text);
			if (!m || m[0] === '-') fail('Invalid numeric value: expected digit');
			const raw = (m as RegExpExecArray)[0];
			const next = text[i + raw.length];
			if (next !== undefined && /[0-9.eE]/.test(next))
				fail('Invalid numeric value: Leading zeroes not allowed');
			i += raw.length;
			return { t: 'n', raw, v: Number(raw) };
		}
		const word = /^[A-Za-z]+/.exec(text.slice(i, i + 64))?.[0];
		if (word === 'true' || word === 'false') {
			i += word.length;
			return { t: 'b', v: word === 'true' };
		}
		if (word === 'null') {
			i += 4;
			return { t: 'z' };
		}
		if (word) {
			fail(
				`Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`
			);
		}
		return fail(`Unexpected character ${charInfo(c)}: expected a valid value`);
	};
	ws();
	if (i >= n) fail('No content to map due to end-of-input');
	return value(0); // like Jackson's readTree, content after the first value is ignored
}

/** Java's Double.toString, which AWS's re-serialised policy uses for non-integer numbers. */
function javaDouble(d: number): string {
	if (Number.isNaN(d)) return 'NaN';
	if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
	if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
	const a = Math.abs(d);
	if (a >= 1e-3 && a < 1e7) {
		const s = String(d);
		return s.includes('.') ? s : `${s}.0`;
	}
	const [mantissa, exp] = d.toExponential().split('e') as [string, string];
	return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp.replace('+', '')}`;
}

/** A policy number as AWS prints it (integers as written, others through a double). */
function numberText(node: { raw: string; v: number }): string {
	if (/^-?\d+$/.test(node.raw)) return BigInt(node.raw).toString();
	return javaDouble(node.v);
}

/** The text Jackson's getText() gives for a token (used in error messages). */
function tokenText(node: JNode | undefined): string {
	if (!node) return ']';
	switch (node.t) {
		case 's':
			return node.v;
		case 'n':
			return numberText(node);
		case 'b':
			return String(node.v);
		case 'z':
			return 'null';
		case 'a':
			return '[';
		case 'o':
			return '{';
	}
}

function toJNode(x: unknown): JNode {
	// Checked first: JSON.stringify would overflow the stack on a deep enough object.
	if (nestsDeeperThan(x, MAX_DEPTH)) throw new JsonSyntaxError('Maximum nesting depth exceeded');
	// A policy given as an object goes through JSON text, as it would on the wire.
	const text = JSON.stringify(x);
	return parseJson(text === undefined ? 'null' : text);
}

// Numbers, IP addresses and wildcards ----------------------------------------------------------------

/** SNS-FP-6 [sim]: numbers are compared to 5 decimal places, as integers. */
function scale(x: number): number {
	return Math.round(x * 1e5);
}

function inNumericRange(x: number): boolean {
	return Number.isFinite(x) && x >= -NUMERIC_LIMIT && x <= NUMERIC_LIMIT;
}

function rangeError(): string {
	return `Value must be between ${javaDouble(-NUMERIC_LIMIT)} and ${javaDouble(NUMERIC_LIMIT)}, inclusive`;
}

/** A value's text parsed as a number the way Ruler does for numeric fields, or undefined. */
function parseNumberToken(text: string): number | undefined {
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
	const d = Number(text);
	return Number.isFinite(d) ? d : undefined;
}

const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

function hexOf(bytes: number[]): string {
	return bytes
		.map((b) => b.toString(16).padStart(2, '0'))
		.join('')
		.toUpperCase();
}

/**
 * An IP literal as upper-case hex (8 or 32 digits), 'invalid' when it looks like one but does not parse,
 * or undefined when it does not look like one. IPv4-mapped IPv6 addresses become IPv4 (as in Java).
 */
function ipHex(text: string): string | 'invalid' | undefined {
	if (IPV4.test(text)) {
		const parts = text.split('.');
		if (parts.some((p) => p.length > 3 || (p.length > 1 && p.startsWith('0')) || Number(p) > 255)) {
			return 'invalid';
		}
		return hexOf(parts.map(Number));
	}
	if (!IPV6.test(text)) return undefined;
	const halves = text.split('::');
	if (halves.length > 2) return 'invalid';
	const groups = (s: string) => (s === '' ? [] : s.split(':'));
	const head = groups(halves[0] as string);
	const tail = halves.length === 2 ? groups(halves[1] as string) : [];
	const all = [...head, ...tail];
	if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return 'invalid';
	if (halves.length === 1 ? all.length !== 8 : all.length > 7) return 'invalid';
	const words = [...head.map((g) => parseInt(g, 16))];
	for (let k = 0; k < 8 - all.length; k++) words.push(0);
	words.push(...tail.map((g) => parseInt(g, 16)));
	const bytes = words.flatMap((w) => [w >> 8, w & 255]);
	if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
		return hexOf(bytes.slice(12));
	}
	return hexOf(bytes);
}

/** SNS-FP-13: a CIDR block as an inclusive hex range from the address as written to its last host. */
function parseCidr(text: string, where: string): Condition {
	const parts = text.split('/');
	while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // Java's String.split
	if (parts.length !== 2) barf("Malformed CIDR, one '/' required", where, false);
	const [ip, bits] = parts as [string, string];
	if (!/^[+-]?\d+$/.test(bits) || Math.abs(Number(bits)) > 2147483647) {
		barf('Malformed CIDR, mask bits must be an integer', where, false);
	}
	const mask = Number(bits);
	if (mask < 0) barf('Malformed CIDR, mask bits must not be negative', where, false);
	const hex = ipHex(ip);
	if (hex === undefined) barf(`Nonstandard IP address: ${ip}`, where, false);
	if (hex === 'invalid') barf(`Invalid IP address: ${ip}`, where, false);
	const h = hex as string;
	const width = h.length * 4;
	if (width === 32 && mask > 31) barf('IPv4 mask bits must be < 32', where, false);
	if (width === 128 && mask > 127) barf('IPv6 mask bits must be < 128', where, false);
	const host = (1n << BigInt(width - mask)) - 1n;
	const top = (BigInt(`0x${h}`) | host).toString(16).toUpperCase().padStart(h.length, '0');
	return { op: 'cidr', value: text, bottom: h, top };
}

/** Ruler's wildcard syntax: `*` for any run, `\*` and `\\` escapes, no `**`. Returns the literal parts. */
function parseWildcard(pattern: string, where: string): string[] {
	const bytes = new TextEncoder().encode(`"${pattern}"`);
	for (let k = 0; k < bytes.length; k++) {
		if (bytes[k] === 42 && bytes[k + 1] === 42) barf(`Consecutive wildcard characters at pos ${k}`, where);
		if (bytes[k] === 92) {
			if (bytes[k + 1] === 42 || bytes[k + 1] === 92) k++;
			else barf(`Invalid escape character at pos ${k}`, where);
		}
	}
	const parts: string[] = [''];
	for (let k = 0; k < pattern.length; k++) {
		const c = pattern[k] as string;
		if (c === '\\') parts[parts.length - 1] += pattern[++k] ?? '';
		else if (c === '*') parts.push('');
		else parts[parts.length - 1] += c;
	}
	return parts;
}

function wildcardMatches(parts: string[], s: string): boolean {
	const first = parts[0] as string;
	const last = parts[parts.length - 1] as string;
	if (parts.length === 1) return s === first;
	if (s.length < first.length + last.length || !s.startsWith(first) || !s.endsWith(last)) return false;
	let at = first.length;
	const end = s.length - last.length;
	for (let k = 1; k < parts.length - 1; k++) {
		const found = s.indexOf(parts[k] as string, at);
		if (found < 0 || found + (parts[k] as string).length > end) return false;
		at = found + (parts[k] as string).length;
	}
	return true;
}

// Compiling (Ruler's JsonRuleCompiler, then SNS's own limits) ----------------------------------------

class RulerError extends Error {
	constructor(
		message: string,
		readonly where: string,
		/** Ruler reports syntax errors as JsonParseException, after which `$or` may be retried as a field. */
		readonly syntax: boolean
	) {
		super(message);
	}
}

function barf(message: string, where: string, syntax = true): never {
	throw new RulerError(message, where, syntax);
}

interface Compilation {
	rules: Map<string, PolicyLeaf>[];
	overflow: boolean;
	maxDepth: number;
}

function newNode(): PolicyNode {
	return { leaves: [], or: [] };
}

function setLeaf(node: PolicyNode, leaf: PolicyLeaf): void {
	const at = node.leaves.findIndex((l) => l.path === leaf.path);
	if (at >= 0) node.leaves[at] = leaf;
	else node.leaves.push(leaf);
}

function parseObject(
	entries: [string, JNode][],
	segs: string[],
	c: Compilation,
	node: PolicyNode,
	withOr: boolean,
	insideOr: boolean,
	where: string
): void {
	for (const [name, value] of entries) {
		const at = where ? `${where}.${name}` : name;
		if (withOr && name === '$or') {
			parseOr(value, segs, c, node, at);
			continue;
		}
		if (insideOr && RESERVED_IN_OR.has(name)) {
			barf(`${name} is Ruler reserved fieldName which cannot be used inside $or.`, at);
		}
		if (value.t === 'o') parseObject(value.entries, [...segs, name], c, node, withOr, insideOr, at);
		else if (value.t === 'a') writeRules(value.items, segs, name, c, node, at);
		else barf(`"${name}" must be an object or an array`, at);
	}
	if (entries.length === 0) barf('Empty objects are not allowed', where);
}

/** SNS-FP-14: each branch forks the alternatives built so far; keys after the `$or` join all of them. */
function parseOr(value: JNode, segs: string[], c: Compilation, node: PolicyNode, where: string): void {
	const current = c.rules.map((r) => new Map(r));
	c.rules.length = 0;
	if (value.t !== 'a') barf('It must be an Array followed with $or.', where);
	const group: PolicyNode[] = [];
	value.items.forEach((item, k) => {
		if (item.t !== 'o') barf('Only JSON object is allowed in array of $or relationship.', `${where}[${k}]`);
		// Once the alternatives overflow, the policy is too complex whatever follows: later branches are
		// only checked for errors, not expanded (expanding them made large policies take seconds).
		const expand = !c.overflow;
		const sub: Compilation = {
			rules: expand ? current.map((r) => new Map(r)) : [],
			overflow: false,
			maxDepth: 0
		};
		if (sub.rules.length === 0) sub.rules.push(new Map());
		const branch = newNode();
		parseObject(item.entries, segs, sub, branch, true, true, `${where}[${k}]`);
		if (expand) c.rules.push(...sub.rules);
		c.overflow ||= sub.overflow;
		c.maxDepth = Math.max(c.maxDepth, sub.maxDepth);
		if (c.rules.length > MAX_ALTERNATIVES) {
			c.rules.length = MAX_ALTERNATIVES;
			c.overflow = true;
		}
		group.push(branch);
	});
	if (value.items.length < 2) barf('There must have at least 2 Objects in $or relationship.', where);
	node.or.push(group);
}

function writeRules(
	items: JNode[],
	segs: string[],
	name: string,
	c: Compilation,
	node: PolicyNode,
	where: string
): void {
	const conditions: Condition[] = [];
	for (const item of items) {
		switch (item.t) {
			case 'o':
				conditions.push(matchExpression(item.entries, where));
				break;
			case 's': {
				// A string that is an IP address literal is matched as an address (SNS-FP-5, Ruler).
				const hex = ipHex(item.v);
				conditions.push(
					hex && hex !== 'invalid' ? { op: 'ip', value: item.v, hex } : { op: 'exact', value: item.v }
				);
				break;
			}
			case 'n': {
				// SNS-FP-6: a bare number matches numerically; outside ±10^9 only its exact text matches.
				const text = numberText(item);
				conditions.push(
					inNumericRange(item.v) ? { op: 'number', text, scaled: scale(item.v) } : { op: 'number', text }
				);
				break;
			}
			case 'b':
				conditions.push({ op: 'literal', value: item.v ? 'true' : 'false' });
				break;
			case 'z':
				conditions.push({ op: 'literal', value: 'null' });
				break;
			case 'a':
				barf('Match value must be String, number, true, false, or null', where);
		}
	}
	if (conditions.length === 0) barf('Empty arrays are not allowed', where);
	const leaf: PolicyLeaf = { path: [...segs, name].join('.'), depth: segs.length + 1, conditions };
	c.maxDepth = Math.max(c.maxDepth, leaf.depth);
	if (c.rules.length === 0) c.rules.push(new Map());
	for (const rule of c.rules) rule.set(leaf.path, leaf);
	setLeaf(node, leaf);
}

function onlyKey(rest: boolean, where: string): void {
	if (rest) barf('Only one key allowed in match expression', where);
}

function tooManyElements(where: string): never {
	return barf('Too many elements in numeric expression', where);
}

/** One `{ "operator": … }` condition, checked in Ruler's order with Ruler's messages. */
function matchExpression(entries: [string, JNode][], where: string): Condition {
	const first = entries[0];
	if (!first) return barf('Match expression name not found', where);
	const [op, v] = first;
	const rest = entries.length > 1;
	switch (op) {
		case 'exactly':
			if (v.t !== 's') barf('exact match pattern must be a string', where);
			onlyKey(rest, where);
			return { op: 'exact', value: (v as { v: string }).v };
		case 'prefix':
		case 'suffix': {
			// SNS-FP-9/-10, also {"prefix": {"equals-ignore-case": "x"}}.
			if (v.t === 'o') {
				const inner = v.entries[0];
				const Op = op === 'prefix' ? 'Prefix' : 'Suffix';
				if (!inner) barf(`${Op} expression name not found`, where);
				const [innerOp, innerValue] = inner as [string, JNode];
				if (innerOp !== 'equals-ignore-case') barf(`Unsupported ${op} pattern: ${innerOp}`, where);
				if (innerValue.t !== 's') barf('equals-ignore-case match pattern must be a string', where);
				onlyKey(v.entries.length > 1, where);
				onlyKey(rest, where);
				return { op: op === 'prefix' ? 'prefix-ic' : 'suffix-ic', value: (innerValue as { v: string }).v };
			}
			if (v.t !== 's') barf(`${op} match pattern must be a string`, where);
			onlyKey(rest, where);
			return { op, value: (v as { v: string }).v };
		}
		case 'numeric': {
			if (v.t !== 'a') barf('Value of numeric must be an array.', where);
			const cond = numericExpression((v as { items: JNode[] }).items, where);
			if (rest) tooManyElements(where);
			return cond;
		}
		case 'anything-but':
			return anythingBut(v, rest, where);
		case 'exists':
			// SNS-FP-12
			if (v.t !== 'b') barf('exists match pattern must be either true or false.', where);
			onlyKey(rest, where);
			return { op: 'exists', value: (v as { v: boolean }).v };
		case 'cidr': {
			// SNS-FP-13: Ruler reuses the prefix message here.
			if (v.t !== 's') barf('prefix match pattern must be a string', where);
			const cond = parseCidr((v as { v: string }).v, where);
			onlyKey(rest, where);
			return cond;
		}
		case 'equals-ignore-case':
			// SNS-FP-11
			if (v.t !== 's') barf('equals-ignore-case match pattern must be a string', where);
			onlyKey(rest, where);
			return { op: 'equals-ignore-case', value: (v as { v: string }).v };
		case 'wildcard': {
			if (v.t !== 's') barf('wildcard match pattern must be a string', where);
			const value = (v as { v: string }).v;
			const parts = parseWildcard(value, where);
			onlyKey(rest, where);
			return { op: 'wildcard', value, parts };
		}
		default:
			return barf(`Unrecognized match type ${op}`, where);
	}
}

/** SNS-FP-8: a value, a list (all strings or all numbers), or {prefix|suffix|equals-ignore-case|wildcard}. */
function anythingBut(v: JNode, rest: boolean, where: string): Condition {
	let kind: 'plain' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard' = 'plain';
	let target = v;
	let innerRest = false;
	if (v.t === 'o') {
		const inner = v.entries[0];
		if (!inner) barf('Anything-But expression name not found', where);
		const [innerOp, innerValue] = inner as [string, JNode];
		if (
			innerOp !== 'equals-ignore-case' &&
			innerOp !== 'prefix' &&
			innerOp !== 'suffix' &&
			innerOp !== 'wildcard'
		) {
			barf(`Unsupported anything-but pattern: ${innerOp}`, where);
		}
		kind = innerOp;
		target = innerValue;
		innerRest = v.entries.length > 1;
	}
	if (target.t !== 'a' && target.t !== 's' && target.t !== 'n') {
		barf('Value of anything-but must be an array or single string/number value.', where);
	}
	let cond: Condition;
	if (kind === 'plain') {
		const strings: string[] = [];
		const numbers: { text: string; scaled: number }[] = [];
		const addNumber = (node: { raw: string; v: number }, list: boolean) => {
			if (!inNumericRange(node.v)) barf(rangeError(), where, list);
			numbers.push({ text: numberText(node), scaled: scale(node.v) });
		};
		if (target.t === 'a') {
			for (const item of target.items) {
				if (item.t === 's') strings.push(item.v);
				else if (item.t === 'n') addNumber(item, true);
				else barf('Inside anything but list, start|null|boolean is not supported.', where);
			}
			if (strings.length > 0 === numbers.length > 0) {
				barf(
					'Inside anything but list, either all values are number or string, mixed type is not supported',
					where
				);
			}
		} else if (target.t === 's') strings.push(target.v);
		else addNumber(target as { raw: string; v: number }, false);
		cond = { op: 'anything-but', strings, numbers };
	} else {
		const values: string[] = [];
		const add = (item: JNode) => {
			if (item.t === 's') {
				if ((kind === 'prefix' || kind === 'suffix') && item.v === '') {
					barf('Null prefix/suffix not allowed', where);
				}
				values.push(item.v);
			} else if (kind === 'equals-ignore-case') {
				barf(
					'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
					where
				);
			} else if (kind === 'wildcard') barf('wildcard match pattern must be a string', where);
			else barf('prefix/suffix match pattern must be a string', where);
		};
		if (target.t === 'a') target.items.forEach(add);
		else add(target);
		if (kind === 'wildcard') {
			cond = {
				op: 'anything-but-wildcard',
				values: values.map((value) => ({ value, parts: parseWildcard(value, where) }))
			};
		} else {
			cond = {
				op:
					kind === 'equals-ignore-case'
						? 'anything-but-ic'
						: kind === 'prefix'
							? 'anything-but-prefix'
							: 'anything-but-suffix',
				values
			};
		}
	}
	if (innerRest || rest) tooManyElements(where);
	return cond;
}

function isNumberNode(node: JNode | undefined): node is { t: 'n'; raw: string; v: number } {
	return node?.t === 'n';
}

function bound(node: { raw: string; v: number }, inclusive: boolean, where: string): Bound {
	if (!inNumericRange(node.v)) barf(rangeError(), where);
	return { scaled: scale(node.v), inclusive, text: numberText(node) };
}

/** SNS-FP-6/-7: ["=", x], or one lower bound optionally followed by one upper bound. */
function numericExpression(items: JNode[], where: string): Condition {
	const first = items[0];
	if (first?.t !== 's') return barf(`Invalid member in numeric match: ${tokenText(first)}`, where);
	const op = first.v;
	const value = items[1];
	switch (op) {
		case '=': {
			if (!isNumberNode(value)) barf('Value of equals must be numeric', where);
			if (items.length > 2) tooManyElements(where);
			const b = bound(value as { raw: string; v: number }, true, where);
			return { op: 'numeric', lower: b, upper: b, equals: b.text };
		}
		case '<':
		case '<=': {
			if (!isNumberNode(value)) barf(`Value of ${op} must be numeric`, where);
			if (items.length > 2) tooManyElements(where);
			return { op: 'numeric', upper: bound(value as { raw: string; v: number }, op === '<=', where) };
		}
		case '>':
		case '>=': {
			if (!isNumberNode(value)) barf(`Value of ${op} must be numeric`, where);
			const next = items[2];
			if (next === undefined) {
				return { op: 'numeric', lower: bound(value as { raw: string; v: number }, op === '>=', where) };
			}
			if (next.t !== 's') barf(`Bad value in numeric range: ${tokenText(next)}`, where);
			const op2 = (next as { v: string }).v;
			if (op2 !== '<' && op2 !== '<=') barf(`Bad numeric range operator: ${op2}`, where);
			const top = items[3];
			if (!isNumberNode(top)) barf(`Value of ${op2} must be numeric`, where);
			if (items.length > 4) barf('Too many terms in numeric range expression', where);
			const lower = bound(value as { raw: string; v: number }, op === '>=', where);
			const upper = bound(top as { raw: string; v: number }, op2 === '<=', where);
			if (lower.scaled >= upper.scaled) barf('Bottom must be less than top', where);
			return { op: 'numeric', lower, upper };
		}
		default:
			return barf(`Unrecognized numeric range operator: ${op}`, where);
	}
}

function hasOrKey(node: JNode): boolean {
	if (node.t === 'o') return node.entries.some(([k, v]) => k === '$or' || hasOrKey(v));
	if (node.t === 'a') return node.items.some(hasOrKey);
	return false;
}

function compileWith(root: { entries: [string, JNode][] }, withOr: boolean) {
	const c: Compilation = { rules: [], overflow: false, maxDepth: 0 };
	const tree = newNode();
	parseObject(root.entries, [], c, tree, withOr, false, '');
	return { c, tree };
}

/**
 * Ruler first compiles with `$or` support; when that fails with a syntax error it retries treating `$or` as
 * an ordinary field name (SNS-FP-14: "otherwise $or is treated as a regular attribute name"). When both
 * fail, the first error is reported.
 */
function compile(root: JNode) {
	if (root.t !== 'o') barf('Filter is not an object', '');
	const obj = root as { entries: [string, JNode][] };
	try {
		return compileWith(obj, true);
	} catch (first) {
		if (!(first instanceof RulerError) || !first.syntax || !hasOrKey(root)) throw first;
		try {
			return compileWith(obj, false);
		} catch {
			throw first;
		}
	}
}

/** Parse and validate a policy like Subscribe / SetSubscriptionAttributes (SNS-FP-17). */
export function parseFilterPolicy(
	policy: string | object,
	scope: FilterPolicyScope = 'MessageAttributes'
): FilterPolicy {
	if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
		throw new FilterPolicyError(
			`Invalid parameter: FilterPolicyScope: Invalid value [${String(scope)}]. Please use either MessageBody or MessageAttributes`
		);
	}
	let root: JNode;
	try {
		if (typeof policy === 'string') {
			if (new TextEncoder().encode(policy).length > MAX_POLICY_BYTES) {
				throw new FilterPolicyError(`${PREFIX}Filter policy is too large`);
			}
			root = parseJson(policy);
		} else root = toJNode(policy);
	} catch (err) {
		if (err instanceof JsonSyntaxError) {
			throw new FilterPolicyError(`${PREFIX}failed to parse JSON. ${err.message}`);
		}
		throw err;
	}
	let compiled: ReturnType<typeof compileWith>;
	try {
		compiled = compile(root);
	} catch (err) {
		if (err instanceof RulerError) throw new FilterPolicyError(PREFIX + err.message, err.where);
		throw err;
	}
	const { c, tree } = compiled;
	// SNS-FP-15: nesting is for the body only.
	if (scope === 'MessageAttributes' && c.maxDepth > 1) {
		throw new FilterPolicyError(
			'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy'
		);
	}
	const rules = c.rules.map((r) => [...r.values()]);
	// SNS-FP-17: at most 5 (leaf) keys in each alternative.
	if (rules.some((r) => r.length > MAX_KEYS)) {
		throw new FilterPolicyError(`${PREFIX}Filter policy can not have more than ${MAX_KEYS} keys`);
	}
	// SNS-FP-17: per alternative, the product of (values × nesting depth) of its keys; alternatives add up.
	let combinations = 0;
	for (const rule of rules) {
		combinations += rule.reduce((p, leaf) => p * leaf.conditions.length * leaf.depth, 1);
	}
	if (c.overflow || combinations > MAX_COMBINATIONS) {
		throw new FilterPolicyError(`${PREFIX}Filter policy is too complex`);
	}
	const fields = new Map<string, { path: string; numeric: boolean; ip: boolean }>();
	for (const leaf of rules.flat()) {
		const f = fields.get(leaf.path) ?? { path: leaf.path, numeric: false, ip: false };
		for (const cond of leaf.conditions) {
			if (
				cond.op === 'numeric' ||
				(cond.op === 'number' && cond.scaled !== undefined) ||
				(cond.op === 'anything-but' && cond.numbers.length > 0)
			) {
				f.numeric = true;
			}
			if (cond.op === 'cidr' || cond.op === 'ip') f.ip = true;
		}
		fields.set(leaf.path, f);
	}
	return { scope, tree, rules, fields: [...fields.values()], combinations };
}

// Matching -------------------------------------------------------------------------------------------

/** A value as Ruler sees it: a string (content only) or a bare token (number text, true, false, null). */
interface Value {
	kind: 'str' | 'tok';
	text: string;
	/** How it appeared in the message, for explanations. */
	shown: string;
}

/** Array membership: (array id, element index) pairs along the value's path. */
type Membership = [number, number][];

interface Entry {
	value: Value;
	at: Membership;
}

type Converted =
	{ k: 'str'; s: string } | { k: 'tok'; t: string } | { k: 'num'; n: number } | { k: 'ip'; hex: string };

interface Flags {
	numeric: boolean;
	ip: boolean;
}

const NO_FLAGS: Flags = { numeric: false, ip: false };

/**
 * Ruler converts a field's values before matching: to a comparable number when a numeric pattern names
 * the field (so strings never match numerically, SNS-FP-7), else to an address when a CIDR/IP pattern does.
 */
function convert(v: Value, f: Flags): Converted {
	if (f.numeric) {
		if (v.kind === 'tok') {
			const d = parseNumberToken(v.text);
			if (d !== undefined && inNumericRange(d)) return { k: 'num', n: scale(d) };
		}
	} else if (f.ip && v.kind === 'str') {
		const hex = ipHex(v.text);
		if (hex && hex !== 'invalid') return { k: 'ip', hex };
	}
	return v.kind === 'str' ? { k: 'str', s: v.text } : { k: 'tok', t: v.text };
}

function lower(s: string): string {
	return s.toLowerCase(); // SNS-FP-11 [sim]
}

/** Whether one (present) value satisfies one condition. exists:false is decided at the key level. */
function conditionMatches(c: Condition, v: Value, x: Converted): boolean {
	switch (c.op) {
		case 'exact': // SNS-FP-5: whole strings, case-sensitive
			return x.k === 'str' && x.s === c.value;
		case 'ip':
			return x.k === 'ip' && x.hex === c.hex;
		case 'literal':
			return x.k === 'tok' && x.t === c.value;
		case 'number': // SNS-FP-6
			return (
				(c.scaled !== undefined && x.k === 'num' && x.n === c.scaled) || (x.k === 'tok' && x.t === c.text)
			);
		case 'prefix': // SNS-FP-9
			return x.k === 'str' && x.s.startsWith(c.value);
		case 'suffix': // SNS-FP-10
			return x.k === 'str' && x.s.endsWith(c.value);
		case 'equals-ignore-case': // SNS-FP-11
			return x.k === 'str' && lower(x.s) === lower(c.value);
		case 'prefix-ic':
			return x.k === 'str' && lower(x.s).startsWith(lower(c.value));
		case 'suffix-ic':
			return x.k === 'str' && lower(x.s).endsWith(lower(c.value));
		case 'wildcard':
			return x.k === 'str' && wildcardMatches(c.parts, x.s);
		case 'numeric': {
			// SNS-FP-7: numbers only
			if (x.k !== 'num') return false;
			if (c.lower && (c.lower.inclusive ? x.n < c.lower.scaled : x.n <= c.lower.scaled)) return false;
			if (c.upper && (c.upper.inclusive ? x.n > c.upper.scaled : x.n >= c.upper.scaled)) return false;
			return true;
		}
		case 'cidr': // SNS-FP-13
			return x.k === 'ip' && x.hex.length === c.bottom.length && x.hex >= c.bottom && x.hex <= c.top;
		case 'exists': // SNS-FP-12: a present, non-null, non-empty value
			return c.value && !(v.kind === 'tok' && v.text === 'null') && !(v.kind === 'str' && v.text === '');
		case 'anything-but': // SNS-FP-8: fails only on an excluded value of the same type
			if (x.k === 'str') return !c.strings.includes(x.s);
			if (x.k === 'num') return !c.numbers.some((m) => m.scaled === x.n);
			return true;
		case 'anything-but-ic':
			return !(x.k === 'str' && c.values.some((s) => lower(s) === lower(x.s)));
		case 'anything-but-prefix':
			return !(x.k === 'str' && c.values.some((s) => x.s.startsWith(s)));
		case 'anything-but-suffix':
			return !(x.k === 'str' && c.values.some((s) => x.s.endsWith(s)));
		case 'anything-but-wildcard':
			return !(x.k === 'str' && c.values.some((w) => wildcardMatches(w.parts, x.s)));
	}
}

/** JSON string escaping: attribute values reach the matcher escaped (hence SNS-FP-5's double escaping). */
function escapeJson(s: string): string {
	// Most values need no escaping at all: skip the stringify and the regex for them (hot in fan-out).
	// eslint-disable-next-line no-control-regex -- control characters are exactly what needs escaping
	if (!/[\\"\u0000-\u001f\ud800-\udfff]/.test(s)) return s;
	return JSON.stringify(s)
		.slice(1, -1)
		.replace(/\\u00([0-9a-f]{2})/g, (_, h: string) => `\\u00${h.toUpperCase()}`);
}

interface MessageView {
	/** Values per path, only for paths the policy names. */
	values: Map<string, Entry[]>;
	/** Set when nothing can match, with the reason. */
	blocked?: string;
	binary: Set<string>;
}

function pathPrefixes(policy: FilterPolicy): Set<string> {
	const out = new Set<string>();
	for (const f of policy.fields) {
		out.add(f.path);
		for (let k = f.path.indexOf('.'); k >= 0; k = f.path.indexOf('.', k + 1)) out.add(f.path.slice(0, k));
	}
	return out;
}

/** Flatten JSON into leaf values per dotted path, tracking array membership (SNS-FP-3, SNS-FP-15). */
function flatten(
	node: JNode,
	path: string,
	at: Membership,
	relevant: Set<string>,
	out: Map<string, Entry[]>,
	ids: { next: number },
	escape: boolean
): void {
	switch (node.t) {
		case 'o':
			for (const [k, child] of node.entries) {
				const p = path ? `${path}.${k}` : k;
				if (relevant.has(p)) flatten(child, p, at, relevant, out, ids, escape);
			}
			return;
		case 'a': {
			const id = ids.next++;
			node.items.forEach((child, k) => flatten(child, path, [...at, [id, k]], relevant, out, ids, escape));
			return;
		}
		default: {
			const value: Value =
				node.t === 's'
					? { kind: 'str', text: escape ? escapeJson(node.v) : node.v, shown: JSON.stringify(node.v) }
					: node.t === 'n'
						? { kind: 'tok', text: node.raw, shown: node.raw }
						: {
								kind: 'tok',
								text: node.t === 'z' ? 'null' : String(node.v),
								shown: node.t === 'z' ? 'null' : String(node.v)
							};
			let list = out.get(path);
			if (!list) out.set(path, (list = []));
			list.push({ value, at });
		}
	}
}

function viewOf(policy: FilterPolicy, message: MessageForFilter): MessageView {
	const values = new Map<string, Entry[]>();
	const binary = new Set<string>();
	const ids = { next: 0 };
	if (policy.scope === 'MessageBody') {
		// SNS-FP-15: the body must be a JSON object.
		let root: JNode | undefined;
		try {
			root = typeof message.body === 'string' ? parseJson(message.body) : undefined;
		} catch {
			root = undefined;
		}
		if (root?.t !== 'o') {
			return {
				values,
				binary,
				blocked: 'the message body is not a JSON object, so nothing matches (SNS-FP-15)'
			};
		}
		flatten(root, '', [], pathPrefixes(policy), values, ids, false);
		return { values, binary };
	}
	const attributes = (message.attributes ?? {}) as Record<string, unknown>;
	let counted = 0;
	for (const [name, raw] of Object.entries(attributes)) {
		if (!raw || typeof raw !== 'object') continue;
		const a = raw as Record<string, unknown>;
		const type = String(a.DataType ?? a.Type ?? '');
		const text = a.StringValue ?? a.Value;
		// SNS-FP-16: Binary attributes are ignored.
		if (type === 'Binary' || type.startsWith('Binary.')) {
			binary.add(name);
			continue;
		}
		counted++;
		if (!policy.fields.some((f) => f.path === name) || typeof text !== 'string') continue;
		if (type === 'String.Array' || type.startsWith('String.Array.')) {
			// SNS-FP-3: each element separately.
			let node: JNode | undefined;
			try {
				node = parseJson(text);
			} catch {
				node = undefined;
			}
			if (node) flatten(node, name, [], new Set([name]), values, ids, true);
		} else if (type === 'Number' || type.startsWith('Number.')) {
			values.set(name, [{ value: { kind: 'tok', text, shown: text }, at: [] }]);
		} else {
			values.set(name, [
				{ value: { kind: 'str', text: escapeJson(text), shown: JSON.stringify(text) }, at: [] }
			]);
		}
	}
	// SNS-FP-12: with no attributes at all, nothing matches (not even exists:false).
	if (counted === 0) {
		return { values, binary, blocked: 'the message has no attributes, so nothing matches (SNS-FP-12)' };
	}
	return { values, binary };
}

function flagsOf(policy: FilterPolicy, path: string): Flags {
	return policy.fields.find((f) => f.path === path) ?? NO_FLAGS;
}

/** One alternative: AND across keys (SNS-FP-2), OR within a key (SNS-FP-3), array elements consistent. */
function ruleMatches(policy: FilterPolicy, rule: PolicyLeaf[], view: MessageView): boolean {
	const candidates: Entry[][] = [];
	for (const leaf of rule) {
		const entries = view.values.get(leaf.path) ?? [];
		// SNS-FP-4 / SNS-FP-12: a missing key fails unless it asks for exists:false.
		if (entries.length === 0) {
			if (leaf.conditions.some((c) => c.op === 'exists' && !c.value)) continue;
			return false;
		}
		const flags = flagsOf(policy, leaf.path);
		const ok = entries.filter((e) => {
			const x = convert(e.value, flags);
			return leaf.conditions.some((c) => conditionMatches(c, e.value, x));
		});
		if (ok.length === 0) return false;
		candidates.push(ok);
	}
	return consistentChoice(candidates.map((list) => list.map((e) => e.at)));
}

/**
 * Whether one value per key can be chosen with every pair consistent (SNS-FP-3). Only arrays that values
 * of two or more keys come from can conflict, so memberships are reduced to those arrays and deduplicated,
 * and dead ends are remembered: a plain search over every combination is exponential in the keys (four
 * keys with 100 array elements each took minutes).
 */
function consistentChoice(lists: Membership[][]): boolean {
	// Values outside any array constrain nothing: when every key can take one, the choice is consistent.
	if (lists.every((list) => list.some((m) => m.length === 0))) return true;
	const keysPerArray = new Map<number, number>();
	for (const list of lists) {
		const ids = new Set(list.flatMap((m) => m.map(([id]) => id)));
		for (const id of ids) keysPerArray.set(id, (keysPerArray.get(id) ?? 0) + 1);
	}
	const text = (m: Membership) => m.map(([id, k]) => `${id}:${k}`).join(',');
	const choices = lists.map((list) => {
		const distinct = new Map<string, Membership>();
		for (const m of list) {
			const shared = m.filter(([id]) => (keysPerArray.get(id) ?? 0) > 1);
			distinct.set(text(shared), shared);
		}
		return [...distinct.values()];
	});
	// Arrays that keys from k on still draw from: only those parts of a partial choice matter later.
	const ahead: Set<number>[] = [];
	for (let k = choices.length - 1; k >= 0; k--) {
		ahead[k] = new Set([...(ahead[k + 1] ?? []), ...(choices[k] as Membership[]).flat().map(([id]) => id)]);
	}
	const deadEnds = new Set<string>();
	const search = (k: number, chosen: Map<number, number>): boolean => {
		const list = choices[k];
		if (!list) return true;
		const relevant = [...chosen].filter(([id]) => ahead[k]?.has(id)).sort((a, b) => a[0] - b[0]);
		const state = `${k}|${text(relevant)}`;
		if (deadEnds.has(state)) return false;
		for (const m of list) {
			if (m.some(([id, i]) => chosen.has(id) && chosen.get(id) !== i)) continue;
			const next = new Map(chosen);
			for (const [id, i] of m) next.set(id, i);
			if (search(k + 1, next)) return true;
		}
		deadEnds.add(state);
		return false;
	};
	return search(0, new Map());
}

function matchView(policy: FilterPolicy, view: MessageView): boolean {
	if (view.blocked) return false;
	return policy.rules.some((rule) => ruleMatches(policy, rule, view));
}

export function matchesFilterPolicy(policy: FilterPolicy, message: MessageForFilter): boolean {
	return matchView(policy, viewOf(policy, message));
}

// Explaining -----------------------------------------------------------------------------------------

function quote(s: string): string {
	return JSON.stringify(s);
}

export function describeCondition(c: Condition): string {
	switch (c.op) {
		case 'exact':
			return `equals ${quote(c.value)}`;
		case 'ip':
			return `equals IP address ${c.value}`;
		case 'literal':
			return `equals ${c.value}`;
		case 'number':
			return `equals ${c.text}${c.scaled === undefined ? ' (as text: outside ±10^9)' : ''}`;
		case 'prefix':
		case 'suffix':
		case 'equals-ignore-case':
			return `${c.op} ${quote(c.value)}`;
		case 'prefix-ic':
			return `prefix (ignoring case) ${quote(c.value)}`;
		case 'suffix-ic':
			return `suffix (ignoring case) ${quote(c.value)}`;
		case 'wildcard':
			return `wildcard ${quote(c.value)}`;
		case 'numeric': {
			if (c.equals !== undefined) return `numeric = ${c.equals}`;
			const parts: string[] = [];
			if (c.lower) parts.push(`${c.lower.inclusive ? '>=' : '>'} ${c.lower.text}`);
			if (c.upper) parts.push(`${c.upper.inclusive ? '<=' : '<'} ${c.upper.text}`);
			return `numeric ${parts.join(' and ')}`;
		}
		case 'cidr':
			return `cidr ${c.value}`;
		case 'exists':
			return `exists ${c.value}`;
		case 'anything-but': {
			const all = [...c.strings.map(quote), ...c.numbers.map((m) => m.text)];
			return `anything-but ${all.length === 1 ? all[0] : `[${all.join(', ')}]`}`;
		}
		case 'anything-but-ic':
		case 'anything-but-prefix':
		case 'anything-but-suffix':
		case 'anything-but-wildcard': {
			const what = {
				'anything-but-ic': 'equals-ignore-case',
				'anything-but-prefix': 'prefix',
				'anything-but-suffix': 'suffix',
				'anything-but-wildcard': 'wildcard'
			}[c.op];
			const vals = c.op === 'anything-but-wildcard' ? c.values.map((w) => w.value) : c.values;
			return `anything-but ${what} ${vals.length === 1 ? quote(vals[0] as string) : `[${vals.map(quote).join(', ')}]`}`;
		}
	}
}

function explainLeaf(policy: FilterPolicy, leaf: PolicyLeaf, view: MessageView): KeyExplanation {
	const entries = view.values.get(leaf.path) ?? [];
	const flags = flagsOf(policy, leaf.path);
	const converted = entries.map((e) => ({ e, x: convert(e.value, flags) }));
	const conditions = leaf.conditions.map((c) => ({
		condition: describeCondition(c),
		matched:
			c.op === 'exists' && !c.value
				? entries.length === 0
				: converted.some(({ e, x }) => conditionMatches(c, e.value, x))
	}));
	const shown = entries.map((e) => e.value.shown);
	const key: KeyExplanation = {
		path: leaf.path,
		matched: conditions.some((c) => c.matched),
		actual:
			shown.length === 0 ? 'missing' : shown.length === 1 ? (shown[0] as string) : `[${shown.join(', ')}]`,
		conditions
	};
	if (view.binary.has(leaf.path)) key.note = 'Binary attributes are ignored (SNS-FP-16)';
	else if (entries.length === 0)
		key.note = 'a missing key fails unless the key asks for exists:false (SNS-FP-4)';
	return key;
}

function explainNode(policy: FilterPolicy, node: PolicyNode, view: MessageView): FilterExplanation {
	const keys = node.leaves.map((leaf) => explainLeaf(policy, leaf, view));
	const or = node.or.map((group) => {
		const branches = group.map((b) => explainNode(policy, b, view));
		return { matched: branches.some((b) => b.matched), branches };
	});
	return { matched: keys.every((k) => k.matched) && or.every((o) => o.matched), keys, or };
}

/** Per key and per condition, why the message matched or not. `matched` always equals matchesFilterPolicy. */
export function explainFilterPolicy(policy: FilterPolicy, message: MessageForFilter): FilterExplanation {
	const view = viewOf(policy, message);
	const matched = matchView(policy, view);
	const tree = explainNode(policy, policy.tree, view);
	const out: FilterExplanation = { ...tree, matched };
	if (view.blocked) out.note = view.blocked;
	else if (tree.matched && !matched) {
		out.note = 'each key matched, but with values from different elements of the same array (SNS-FP-3)';
	} else if (tree.matched !== matched) {
		out.note = 'keys written twice for the same path: the later one is the one AWS keeps';
	}
	return out;
}
