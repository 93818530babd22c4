// SNS filter policies: explaining per key and per condition why a message matched or not (inspector).

import type {
	Condition,
	FilterExplanation,
	FilterPolicy,
	KeyExplanation,
	MessageForFilter,
	PolicyLeaf,
	PolicyNode
} from './types';
import { conditionMatches, convert, flagsOf, matchView, type MessageView, viewOf } from './match';

export function quote(s: string): string {
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
		case 'anything-but-wildcard': {
			const what = {
				'anything-but-ic': 'equals-ignore-case',
				'anything-but-prefix': 'prefix',
				'anything-but-wildcard': 'wildcard'
			}[c.op];
			const vals = c.op === 'anything-but-wildcard' ? c.values.map((w) => w.value) : c.values;
			return `anything-but ${what} ${vals.length === 1 ? quote(vals[0] as string) : `[${vals.map(quote).join(', ')}]`}`;
		}
	}
}

export function explainLeaf(policy: FilterPolicy, leaf: PolicyLeaf, view: MessageView): KeyExplanation {
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

export function explainNode(policy: FilterPolicy, node: PolicyNode, view: MessageView): FilterExplanation {
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
