// SNS filter policies: matching a message against a parsed policy (SNS-FP-1..16).

import type { Condition, FilterPolicy, MessageForFilter, PolicyLeaf } from './types';
import { type JNode, parseJson } from './json';
import { inNumericRange, ipHex, parseNumberToken, scale, wildcardMatches } from './values';

/** A value as Ruler sees it: a string (content only) or a bare token (number text, true, false, null). */
export interface Value {
	kind: 'str' | 'tok';
	text: string;
	/** How it appeared in the message, for explanations. */
	shown: string;
}

/** Array membership: (array id, element index) pairs along the value's path. */
export type Membership = [number, number][];

/** The membership of a value outside any array (shared: memberships are never mutated). */
const NO_MEMBERSHIP: Membership = [];

export interface Entry {
	value: Value;
	at: Membership;
	/** The value converted with no flags, kept for the next policy that reads it (convert is pure). */
	plain?: Converted;
}

export type Converted =
	{ k: 'str'; s: string } | { k: 'tok'; t: string } | { k: 'num'; n: number } | { k: 'ip'; hex: string };

export interface Flags {
	numeric: boolean;
	ip: boolean;
}

export const NO_FLAGS: Flags = { numeric: false, ip: false };

/**
 * Ruler converts a field's values before matching: to a comparable number when a numeric pattern names
 * the field (so strings never match numerically, SNS-FP-7), else to an address when a CIDR/IP pattern does.
 */
export function convert(v: Value, f: Flags): Converted {
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

export function lower(s: string): string {
	return s.toLowerCase(); // SNS-FP-11 [sim]
}

/** Whether one (present) value satisfies one condition. exists:false is decided at the key level. */
export function conditionMatches(c: Condition, v: Value, x: Converted): boolean {
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
		case 'anything-but-wildcard':
			return !(x.k === 'str' && c.values.some((w) => wildcardMatches(w.parts, x.s)));
	}
}

/** JSON string escaping: attribute values reach the matcher escaped (hence SNS-FP-5's double escaping). */
export function escapeJson(s: string): string {
	// Most values need no escaping at all: skip the stringify and the regex for them (hot in fan-out).
	// eslint-disable-next-line no-control-regex -- control characters are exactly what needs escaping
	if (!/[\\"\u0000-\u001f\ud800-\udfff]/.test(s)) return s;
	return JSON.stringify(s)
		.slice(1, -1)
		.replace(/\\u00([0-9a-f]{2})/g, (_, h: string) => `\\u00${h.toUpperCase()}`);
}

export interface MessageView {
	/** Values per path, only for paths the policy names. */
	values: Map<string, Entry[]>;
	/** Set when nothing can match, with the reason. */
	blocked?: string;
	binary: Set<string>;
}

export function pathPrefixes(policy: FilterPolicy): Set<string> {
	const out = new Set<string>();
	for (const f of policy.fields) {
		out.add(f.path);
		for (let k = f.path.indexOf('.'); k >= 0; k = f.path.indexOf('.', k + 1)) out.add(f.path.slice(0, k));
	}
	return out;
}

/** Flatten JSON into leaf values per dotted path, tracking array membership (SNS-FP-3, SNS-FP-15). */
export function flatten(
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

export function viewOf(policy: FilterPolicy, message: MessageForFilter): MessageView {
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
	return attributeView(message.attributes);
}

/**
 * A message's attributes as the matcher sees them (SNS-FP-3, -12, -16), for every attribute: the view depends
 * on the message only, so one serves every attribute-scope subscription of a topic (a policy looks up only the
 * paths it names).
 */
export function attributeView(attributes: MessageForFilter['attributes']): MessageView {
	const values = new Map<string, Entry[]>();
	const binary = new Set<string>();
	const ids = { next: 0 };
	let counted = 0;
	for (const name in attributes) {
		const raw = (attributes as Record<string, unknown>)[name];
		if (!raw || typeof raw !== 'object') continue;
		const a = raw as Record<string, unknown>;
		const declared = a.DataType ?? a.Type ?? '';
		const type = typeof declared === 'string' ? declared : JSON.stringify(declared);
		const text = a.StringValue ?? a.Value;
		// SNS-FP-16: Binary attributes are ignored.
		if (type === 'Binary' || type.startsWith('Binary.')) {
			binary.add(name);
			continue;
		}
		counted++;
		if (typeof text !== 'string') continue;
		if (type === 'String.Array' || type.startsWith('String.Array.')) {
			// SNS-FP-3: each element separately.
			let node: JNode | undefined;
			try {
				node = parseJson(text);
			} catch {
				node = undefined;
			}
			if (node) flatten(node, name, NO_MEMBERSHIP, new Set([name]), values, ids, true);
		} else if (type === 'Number' || type.startsWith('Number.')) {
			values.set(name, [{ value: { kind: 'tok', text, shown: text }, at: NO_MEMBERSHIP }]);
		} else {
			values.set(name, [
				{ value: { kind: 'str', text: escapeJson(text), shown: JSON.stringify(text) }, at: NO_MEMBERSHIP }
			]);
		}
	}
	// SNS-FP-12: with no attributes at all, nothing matches (not even exists:false).
	if (counted === 0) {
		return { values, binary, blocked: 'the message has no attributes, so nothing matches (SNS-FP-12)' };
	}
	return { values, binary };
}

export function flagsOf(policy: FilterPolicy, path: string): Flags {
	return policy.fields.find((f) => f.path === path) ?? NO_FLAGS;
}

/**
 * One alternative: AND across keys (SNS-FP-2), OR within a key (SNS-FP-3), array elements consistent. A key
 * that a value outside any array satisfies constrains nothing, so only keys whose every match lies in an array
 * take part in the consistency search (none do for plain attributes: no allocation on that path).
 */
export function ruleMatches(policy: FilterPolicy, rule: PolicyLeaf[], view: MessageView): boolean {
	let candidates: Membership[][] | undefined;
	for (const leaf of rule) {
		const entries = view.values.get(leaf.path);
		// SNS-FP-4 / SNS-FP-12: a missing key fails unless it asks for exists:false.
		if (entries === undefined || entries.length === 0) {
			if (leaf.conditions.some((c) => c.op === 'exists' && !c.value)) continue;
			return false;
		}
		const flags = flagsOf(policy, leaf.path);
		let inArrays: Membership[] | undefined;
		let free = false;
		const plain = !flags.numeric && !flags.ip;
		for (const e of entries) {
			const x = plain ? (e.plain ??= convert(e.value, NO_FLAGS)) : convert(e.value, flags);
			let matched = false;
			for (const c of leaf.conditions) {
				if (conditionMatches(c, e.value, x)) {
					matched = true;
					break;
				}
			}
			if (!matched) continue;
			if (e.at.length === 0) {
				free = true;
				break;
			}
			(inArrays ??= []).push(e.at);
		}
		if (free) continue;
		if (inArrays === undefined) return false;
		(candidates ??= []).push(inArrays);
	}
	return candidates === undefined || consistentChoice(candidates);
}

/**
 * Whether one value per key can be chosen with every pair consistent (SNS-FP-3). Only arrays that values
 * of two or more keys come from can conflict, so memberships are reduced to those arrays and deduplicated,
 * and dead ends are remembered: a plain search over every combination is exponential in the keys (four
 * keys with 100 array elements each took minutes).
 */
export function consistentChoice(lists: Membership[][]): boolean {
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

export function matchView(policy: FilterPolicy, view: MessageView): boolean {
	if (view.blocked) return false;
	return policy.rules.some((rule) => ruleMatches(policy, rule, view));
}

export function matchesFilterPolicy(policy: FilterPolicy, message: MessageForFilter): boolean {
	return matchView(policy, viewOf(policy, message));
}

// Explaining -----------------------------------------------------------------------------------------
