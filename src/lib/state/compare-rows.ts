// The comparison's difference table as data: per node (in scenario order) and metric, A's value, B's value and
// B − A. Pure, so the Compare tab and its tests read the same rows.

import { SUMMARY_COLUMNS, type NodeSummary } from '$lib/engine';

/** The metrics compared, in the table's order. */
const COMPARED: (keyof NodeSummary)[] = [
	'sent',
	'received',
	'deleted',
	'duplicates',
	'deadLettered',
	'processed',
	'failed',
	'throttled',
	'latencyP95Ms'
];

/** Where the table's label is not the summary column's (there is room to say "duplicates" in full). */
const LABELS: Partial<Record<keyof NodeSummary, string>> = { duplicates: 'duplicates' };

/** The metrics compared, in the table's order (NodeSummary's names, the labels the table shows). */
export const COMPARE_METRICS: { key: keyof NodeSummary; label: string }[] = COMPARED.map((key) => ({
	key,
	label: LABELS[key] ?? SUMMARY_COLUMNS.find((c) => c.key === key)?.label ?? key
}));

/** One line of the difference table: a node's metric in A and in B, and B − A (when both have a value). */
export interface DiffRow {
	node: string;
	metric: keyof NodeSummary;
	label: string;
	a: number | undefined;
	b: number | undefined;
	delta: number | undefined;
}

/** The table's rows: per node (in scenario order), each metric where A or B has a non-zero value. */
export function diffRows(order: string[], a: NodeSummary[], b: NodeSummary[] | undefined): DiffRow[] {
	const byA = new Map(a.map((s) => [s.node, s]));
	const byB = new Map((b ?? []).map((s) => [s.node, s]));
	const ids = [...order, ...[...byA.keys(), ...byB.keys()].filter((id) => !order.includes(id))];
	const rows: DiffRow[] = [];
	for (const node of new Set(ids)) {
		const sa = byA.get(node);
		const sb = byB.get(node);
		if (!sa && !sb) continue;
		for (const { key, label } of COMPARE_METRICS) {
			const va = valueOf(sa, key);
			const vb = b ? valueOf(sb, key) : undefined;
			if ((va ?? 0) === 0 && (vb ?? 0) === 0) continue;
			rows.push({
				node,
				metric: key,
				label,
				a: va,
				b: vb,
				delta: va !== undefined && vb !== undefined ? vb - va : undefined
			});
		}
	}
	return rows;
}

/** A metric of a node's summary; a node with no summary yet counts 0 (and has no latency). */
function valueOf(s: NodeSummary | undefined, key: keyof NodeSummary): number | undefined {
	if (s) return s[key] as number | undefined;
	return key.startsWith('latency') ? undefined : 0;
}
