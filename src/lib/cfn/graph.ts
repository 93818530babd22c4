// The resources' dependency graph: every Ref, Fn::GetAtt and ${…} of Fn::Sub that names another resource,
// and DependsOn. CloudFormation refuses a template whose graph has a cycle ("Circular dependency between
// resources"); so does the importer, naming the cycle. The order it returns puts each resource after the
// ones it refers to, so their names and ARNs are known when it is resolved.

import { TemplateError } from './errors';

interface Edge {
	to: string;
	property: string;
}

/** The ${Name} and ${Name.Attr} variables of a Fn::Sub string (${!Literal} is no variable). */
export function subVariables(text: string): string[] {
	return [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => (m[1] ?? '').trim());
}

/** The resources one value refers to, with the property path each reference sits at. */
function referencesIn(
	value: unknown,
	property: string,
	isResource: (id: string) => boolean,
	out: Edge[]
): void {
	if (Array.isArray(value)) {
		value.forEach((v, k) => referencesIn(v, `${property}[${k}]`, isResource, out));
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	const entries = Object.entries(value as Record<string, unknown>);
	const [first] = entries;
	if (entries.length === 1 && first) {
		const key = first[0];
		const arg: unknown = first[1];
		const list: unknown[] | undefined = Array.isArray(arg) ? arg : undefined;
		if (key === 'Ref' && typeof arg === 'string' && isResource(arg)) out.push({ to: arg, property });
		if (key === 'Fn::GetAtt') {
			const target = list ? list[0] : typeof arg === 'string' ? arg.split('.')[0] : undefined;
			if (typeof target === 'string' && isResource(target)) out.push({ to: target, property });
		}
		if (key === 'Fn::Sub') {
			const text = list ? list[0] : arg;
			const vars = list?.[1];
			const local = typeof vars === 'object' && vars !== null ? Object.keys(vars) : [];
			if (typeof text === 'string') {
				for (const name of subVariables(text)) {
					const id = name.split('.')[0] ?? name;
					if (!local.includes(name) && isResource(id)) out.push({ to: id, property });
				}
			}
		}
	}
	for (const [key, v] of entries)
		referencesIn(v, property === '' ? key : `${property}.${key}`, isResource, out);
}

/** Each resource's dependencies, from its Properties and DependsOn. */
export function dependencies(
	resources: Record<string, { Properties?: unknown; DependsOn?: unknown }>
): Map<string, Edge[]> {
	const isResource = (id: string) => Object.hasOwn(resources, id);
	const graph = new Map<string, Edge[]>();
	for (const [id, res] of Object.entries(resources)) {
		const edges: Edge[] = [];
		referencesIn(res.Properties, '', isResource, edges);
		const dependsOn = res.DependsOn;
		const list = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : [];
		for (const d of list) {
			if (typeof d !== 'string' || !isResource(d)) {
				throw new TemplateError(`DependsOn names '${String(d)}', which is no resource of the template`, {
					logicalId: id,
					property: 'DependsOn'
				});
			}
			edges.push({ to: d, property: 'DependsOn' });
		}
		graph.set(id, edges);
	}
	return graph;
}

/** The logical ids, each after every resource it depends on; a cycle is a TemplateError naming it. */
export function dependencyOrder(graph: Map<string, Edge[]>): string[] {
	const order: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const path: { id: string; property: string }[] = [];
	const visit = (id: string, property: string) => {
		const s = state.get(id);
		if (s === 'done') return;
		if (s === 'open') {
			const start = path.findIndex((p) => p.id === id);
			const cycle = [...path.slice(start).map((p) => p.id), id];
			const at = path[start + 1]?.property ?? property;
			throw new TemplateError(`circular dependency between resources: ${cycle.join(' → ')}`, {
				logicalId: id,
				property: at
			});
		}
		state.set(id, 'open');
		path.push({ id, property });
		for (const edge of graph.get(id) ?? []) visit(edge.to, edge.property);
		path.pop();
		state.set(id, 'done');
		order.push(id);
	};
	for (const id of graph.keys()) visit(id, '');
	return order;
}
