// SNS filter policies: a JSON reader with raw numbers and ordered keys (Jackson-like errors), and the
// Java-style number printing AWS uses in messages.

import { nestsDeeperThan } from '../../../engine/json-depth';
import { MAX_DEPTH } from './types';

// JSON with raw numbers and ordered keys -------------------------------------------------------------

export type JNode =
	| { t: 's'; v: string }
	| { t: 'n'; raw: string; v: number }
	| { t: 'b'; v: boolean }
	| { t: 'z' }
	| { t: 'a'; items: JNode[] }
	| { t: 'o'; entries: [string, JNode][] };

export class JsonSyntaxError extends Error {}

export function charInfo(ch: string): string {
	const code = ch.codePointAt(0) ?? 0;
	return code < 32 ? `(CTRL-CHAR, code ${code})` : `('${ch}' (code ${code}))`;
}

export const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** A strict JSON parser keeping number text and key order (duplicate keys: the last value wins). */
export function parseJson(text: string): JNode {
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
export function javaDouble(d: number): string {
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
export function numberText(node: { raw: string; v: number }): string {
	if (/^-?\d+$/.test(node.raw)) return BigInt(node.raw).toString();
	return javaDouble(node.v);
}

/** The text Jackson's getText() gives for a token (used in error messages). */
export function tokenText(node: JNode | undefined): string {
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

export function toJNode(x: unknown): JNode {
	// Checked first: JSON.stringify would overflow the stack on a deep enough object.
	if (nestsDeeperThan(x, MAX_DEPTH)) throw new JsonSyntaxError('Maximum nesting depth exceeded');
	// A policy given as an object goes through JSON text, as it would on the wire.
	const text = JSON.stringify(x);
	return parseJson(text === undefined ? 'null' : text);
}

// Numbers, IP addresses and wildcards ----------------------------------------------------------------
