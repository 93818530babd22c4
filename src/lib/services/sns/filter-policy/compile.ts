// SNS filter policies: the compiler (Ruler's JsonRuleCompiler, then SNS's own limits, SNS-FP-1..17).

import {
	barf,
	RulerError,
	type Bound,
	type Condition,
	type FilterPolicy,
	FilterPolicyError,
	type FilterPolicyScope,
	MAX_ALTERNATIVES,
	MAX_COMBINATIONS,
	MAX_KEYS,
	MAX_POLICY_BYTES,
	type PolicyLeaf,
	type PolicyNode,
	PREFIX,
	RESERVED_IN_OR
} from './types';
import { type JNode, JsonSyntaxError, numberText, parseJson, toJNode, tokenText } from './json';
import { inNumericRange, ipHex, parseCidr, parseWildcard, rangeError, scale } from './values';

// Compiling (Ruler's JsonRuleCompiler, then SNS's own limits) ----------------------------------------

export interface Compilation {
	rules: Map<string, PolicyLeaf>[];
	overflow: boolean;
	maxDepth: number;
}

export function newNode(): PolicyNode {
	return { leaves: [], or: [] };
}

export function setLeaf(node: PolicyNode, leaf: PolicyLeaf): void {
	const at = node.leaves.findIndex((l) => l.path === leaf.path);
	if (at >= 0) node.leaves[at] = leaf;
	else node.leaves.push(leaf);
}

export function parseObject(
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
export function parseOr(value: JNode, segs: string[], c: Compilation, node: PolicyNode, where: string): void {
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

export function writeRules(
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

export function onlyKey(rest: boolean, where: string): void {
	if (rest) barf('Only one key allowed in match expression', where);
}

export function tooManyElements(where: string): never {
	return barf('Too many elements in numeric expression', where);
}

/** One `{ "operator": … }` condition, checked in Ruler's order with Ruler's messages. */
export function matchExpression(entries: [string, JNode][], where: string): Condition {
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
				const [innerOp, innerValue] = inner;
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

/**
 * SNS-FP-8: a value, a list (all strings or all numbers), or {prefix|equals-ignore-case|wildcard}. The
 * recording refuses the suffix form that SEMANTICS.md SNS-FP-8 lists as unverified: "Unsupported
 * anything-but pattern: suffix" (LocalStack test_sns_filter_policy.snapshot.json,
 * test_validate_policy_nested_anything_but_operator).
 */
export function anythingBut(v: JNode, rest: boolean, where: string): Condition {
	let kind: 'plain' | 'equals-ignore-case' | 'prefix' | 'wildcard' = 'plain';
	let target = v;
	let innerRest = false;
	if (v.t === 'o') {
		const inner = v.entries[0];
		if (!inner) barf('Anything-But expression name not found', where);
		const [innerOp, innerValue] = inner;
		if (innerOp !== 'equals-ignore-case' && innerOp !== 'prefix' && innerOp !== 'wildcard') {
			barf(`Unsupported anything-but pattern: ${innerOp}`, where);
		}
		kind = innerOp;
		target = innerValue;
		innerRest = v.entries.length > 1;
	}
	// An operator's own value is checked by that operator ({"prefix": false} is "prefix match pattern must be
	// a string", test_validate_policy_nested_anything_but_operator).
	if (kind === 'plain' && target.t !== 'a' && target.t !== 's' && target.t !== 'n') {
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
		else if (target.t === 'n') addNumber(target, false);
		cond = { op: 'anything-but', strings, numbers };
	} else {
		const values: string[] = [];
		const add = (item: JNode) => {
			if (item.t === 's') {
				if (kind === 'prefix' && item.v === '') {
					barf('Null prefix/suffix not allowed', where);
				}
				values.push(item.v);
			} else if (kind === 'equals-ignore-case') {
				barf(
					'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
					where
				);
			} else if (kind === 'wildcard') barf('wildcard match pattern must be a string', where);
			// The recording's text for {"anything-but": {"prefix": false}}
			// (test_validate_policy_nested_anything_but_operator).
			else barf('prefix match pattern must be a string', where);
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
				op: kind === 'equals-ignore-case' ? 'anything-but-ic' : 'anything-but-prefix',
				values
			};
		}
	}
	if (innerRest || rest) tooManyElements(where);
	return cond;
}

export function isNumberNode(node: JNode | undefined): node is { t: 'n'; raw: string; v: number } {
	return node?.t === 'n';
}

export function bound(node: { raw: string; v: number }, inclusive: boolean, where: string): Bound {
	if (!inNumericRange(node.v)) barf(rangeError(), where);
	return { scaled: scale(node.v), inclusive, text: numberText(node) };
}

/** SNS-FP-6/-7: ["=", x], or one lower bound optionally followed by one upper bound. */
export function numericExpression(items: JNode[], where: string): Condition {
	const first = items[0];
	if (first?.t !== 's') return barf(`Invalid member in numeric match: ${tokenText(first)}`, where);
	const op = first.v;
	const value = items[1];
	switch (op) {
		case '=': {
			if (!isNumberNode(value)) barf('Value of equals must be numeric', where);
			if (items.length > 2) tooManyElements(where);
			const b = bound(value, true, where);
			return { op: 'numeric', lower: b, upper: b, equals: b.text };
		}
		case '<':
		case '<=': {
			if (!isNumberNode(value)) barf(`Value of ${op} must be numeric`, where);
			if (items.length > 2) tooManyElements(where);
			return { op: 'numeric', upper: bound(value, op === '<=', where) };
		}
		case '>':
		case '>=': {
			if (!isNumberNode(value)) barf(`Value of ${op} must be numeric`, where);
			const next = items[2];
			if (next === undefined) {
				return { op: 'numeric', lower: bound(value, op === '>=', where) };
			}
			if (next.t !== 's') barf(`Bad value in numeric range: ${tokenText(next)}`, where);
			const op2 = (next as { v: string }).v;
			if (op2 !== '<' && op2 !== '<=') barf(`Bad numeric range operator: ${op2}`, where);
			const top = items[3];
			if (!isNumberNode(top)) barf(`Value of ${op2} must be numeric`, where);
			if (items.length > 4) barf('Too many terms in numeric range expression', where);
			const lower = bound(value, op === '>=', where);
			const upper = bound(top, op2 === '<=', where);
			if (lower.scaled >= upper.scaled) barf('Bottom must be less than top', where);
			return { op: 'numeric', lower, upper };
		}
		default:
			return barf(`Unrecognized numeric range operator: ${op}`, where);
	}
}

export function hasOrKey(node: JNode): boolean {
	if (node.t === 'o') return node.entries.some(([k, v]) => k === '$or' || hasOrKey(v));
	if (node.t === 'a') return node.items.some(hasOrKey);
	return false;
}

export function compileWith(root: { entries: [string, JNode][] }, withOr: boolean) {
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
export function compile(root: JNode) {
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
