// Intrinsic functions, evaluated the way CloudFormation does at deployment: Ref, Fn::GetAtt, Fn::Sub,
// Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::FindInMap, Fn::GetAZs, Fn::Base64, and the condition
// functions inside Conditions. Values are plain JSON; a reference to a resource becomes that resource's
// deterministic name, URL or ARN (attributes.ts), which the mapping turns back into a node id.

import { deeper, TemplateError, type Site } from './errors';

/** AWS::NoValue: the property (or list item) holding it is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface Resolver {
	/** A parameter's value (a string, or a list for List<…>/CommaDelimitedList), if one is so named. */
	parameter(name: string): string | string[] | undefined;
	/** A pseudo parameter's value (AWS::Region…), if it is one; NO_VALUE for AWS::NoValue. */
	pseudo(name: string): string | typeof NO_VALUE | undefined;
	/** Whether a resource of that logical id exists in the template. */
	hasResource(id: string): boolean;
	/** Ref of a resource (throws when its condition left it out). */
	ref(id: string, at: Site): string;
	/** Fn::GetAtt of a resource. */
	getAtt(id: string, attribute: string, at: Site): string;
	/** A named condition's value. */
	condition(name: string, at: Site): boolean;
	mappings: Record<string, unknown>;
}

/** The Availability Zones Fn::GetAZs returns for the simulated region, us-east-1. */
export const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'];

/** Intrinsics CloudFormation has but the importer cannot evaluate offline (other stacks, macros…). */
const UNSUPPORTED = new Set([
	'Fn::ImportValue',
	'Fn::Transform',
	'Fn::Cidr',
	'Fn::Length',
	'Fn::ToJsonString',
	'Fn::ForEach',
	'Fn::GetStackOutput'
]);
const CONDITION_FUNCTIONS = new Set(['Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or']);

/** The single key of an intrinsic-function object ({"Ref": …} or {"Fn::X": …}), if it is one. */
export function intrinsicKey(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const keys = Object.keys(value);
	const [key] = keys;
	if (keys.length !== 1 || key === undefined) return undefined;
	return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** A value with every intrinsic function evaluated. */
export function resolveValue(value: unknown, r: Resolver, at: Site): unknown {
	if (Array.isArray(value)) {
		const out: unknown[] = [];
		value.forEach((item, k) => {
			const v = resolveValue(item, r, deeper(at, k));
			if (v !== NO_VALUE) out.push(v);
		});
		return out;
	}
	if (typeof value !== 'object' || value === null) return value;
	const key = intrinsicKey(value);
	if (key !== undefined) return intrinsic(key, (value as Record<string, unknown>)[key], r, at);
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		const resolved = resolveValue(v, r, deeper(at, k));
		if (resolved !== NO_VALUE) out[k] = resolved;
	}
	return out;
}

function fail(message: string, at: Site): never {
	throw new TemplateError(message, at);
}

function asString(value: unknown, fn: string, at: Site): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return fail(`${fn} needs a string here, got ${JSON.stringify(value)}`, at);
}

function asList(value: unknown, fn: string, at: Site): unknown[] {
	if (Array.isArray(value)) return value;
	return fail(`${fn} needs a list here, got ${JSON.stringify(value)}`, at);
}

/** Ref: a parameter, a pseudo parameter or a resource. */
function ref(name: unknown, r: Resolver, at: Site): unknown {
	if (typeof name !== 'string') return fail('Ref needs the name of a parameter or resource', at);
	const param = r.parameter(name);
	if (param !== undefined) return param;
	const pseudo = r.pseudo(name);
	if (pseudo !== undefined) return pseudo;
	if (r.hasResource(name)) return r.ref(name, at);
	return fail(`Ref to '${name}', which is no parameter or resource of the template`, at);
}

function getAtt(arg: unknown, r: Resolver, at: Site): string {
	const parts =
		typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : arg;
	if (!Array.isArray(parts) || parts.length !== 2) {
		return fail('Fn::GetAtt needs [LogicalId, Attribute] or "LogicalId.Attribute"', at);
	}
	const id = asString(parts[0], 'Fn::GetAtt', at);
	const attribute = asString(resolveValue(parts[1], r, at), 'Fn::GetAtt', at);
	if (!r.hasResource(id)) return fail(`Fn::GetAtt of '${id}', which is no resource of the template`, at);
	return r.getAtt(id, attribute, at);
}

/** Fn::Sub: ${Param}, ${Resource}, ${Resource.Attr}, ${Var} from its own map; ${!Text} is the literal ${Text}. */
function sub(arg: unknown, r: Resolver, at: Site): string {
	const list: unknown[] | undefined = Array.isArray(arg) ? arg : undefined;
	const template: unknown = list ? list[0] : arg;
	const vars: unknown = list ? (list[1] ?? {}) : {};
	if (typeof template !== 'string' || typeof vars !== 'object' || vars === null || Array.isArray(vars)) {
		return fail('Fn::Sub needs a string, or [string, {variable: value}]', at);
	}
	const local = new Map<string, string>();
	for (const [k, v] of Object.entries(vars)) local.set(k, asString(resolveValue(v, r, at), 'Fn::Sub', at));
	return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
		if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
		const name = inner.trim();
		const own = local.get(name);
		if (own !== undefined) return own;
		const dot = name.indexOf('.');
		if (dot > 0 && r.hasResource(name.slice(0, dot))) {
			return r.getAtt(name.slice(0, dot), name.slice(dot + 1), at);
		}
		const value = ref(name, r, at);
		if (Array.isArray(value)) return value.join(',');
		if (value === NO_VALUE) return fail('Fn::Sub cannot use AWS::NoValue', at);
		return asString(value, 'Fn::Sub', at);
	});
}

function findInMap(arg: unknown, r: Resolver, at: Site): unknown {
	const keys = asList(resolveValue(arg, r, at), 'Fn::FindInMap', at);
	if (keys.length < 3) return fail('Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]', at);
	const [name, top, second] = keys.map((k) => asString(k, 'Fn::FindInMap', at));
	let node: unknown = r.mappings;
	for (const [k, what] of [
		[name, 'mapping'],
		[top, 'top-level key'],
		[second, 'second-level key']
	] as const) {
		const table = node as Record<string, unknown> | undefined;
		if (typeof table !== 'object' || table === null || k === undefined || !Object.hasOwn(table, k)) {
			return fail(
				`Fn::FindInMap: no ${what} '${String(k)}' in Mappings${what === 'mapping' ? '' : `.${name}`}`,
				at
			);
		}
		node = table[k];
	}
	return node;
}

/** Base64 of the string's UTF-8 bytes (btoa takes one byte per character). */
function base64(text: string): string {
	let binary = '';
	for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
	return btoa(binary);
}

function intrinsic(key: string, arg: unknown, r: Resolver, at: Site): unknown {
	switch (key) {
		case 'Ref':
			return ref(arg, r, at);
		case 'Fn::GetAtt':
			return getAtt(arg, r, at);
		case 'Fn::Sub':
			return sub(arg, r, at);
		case 'Fn::Join': {
			const [delimiter, list] = asList(arg, key, at);
			const items = asList(resolveValue(list, r, at), key, at);
			return items.map((i) => asString(i, key, at)).join(asString(delimiter, key, at));
		}
		case 'Fn::Select': {
			const [index, list] = asList(arg, key, at);
			const items = asList(resolveValue(list, r, at), key, at);
			const n = Number(resolveValue(index, r, at));
			if (!Number.isInteger(n) || n < 0 || n >= items.length) {
				return fail(`Fn::Select index ${String(index)} is outside the list of ${items.length}`, at);
			}
			return items[n];
		}
		case 'Fn::Split': {
			const [delimiter, text] = asList(arg, key, at);
			return asString(resolveValue(text, r, at), key, at).split(asString(delimiter, key, at));
		}
		case 'Fn::If': {
			const [name, yes, no] = asList(arg, key, at);
			if (typeof name !== 'string')
				return fail('Fn::If needs [ConditionName, valueIfTrue, valueIfFalse]', at);
			return resolveValue(r.condition(name, at) ? yes : no, r, at);
		}
		case 'Fn::FindInMap':
			return findInMap(arg, r, at);
		case 'Fn::GetAZs': {
			const region = resolveValue(arg, r, at);
			if (region !== '' && region !== 'us-east-1') {
				return fail(`Fn::GetAZs of region ${JSON.stringify(region)}: the simulation runs in us-east-1`, at);
			}
			return [...AZS];
		}
		case 'Fn::Base64':
			return base64(asString(resolveValue(arg, r, at), key, at));
	}
	if (CONDITION_FUNCTIONS.has(key))
		return fail(`${key} is allowed only in Conditions (and Fn::If's condition)`, at);
	if (UNSUPPORTED.has(key))
		return fail(`${key} is not supported by the importer: it needs another stack or a macro`, at);
	return fail(`unknown intrinsic function ${key}`, at);
}

/** A condition expression: Fn::Equals, Fn::Not, Fn::And, Fn::Or and {Condition: Name}. */
export function evaluateCondition(expr: unknown, r: Resolver, at: Site): boolean {
	if (typeof expr === 'object' && expr !== null && !Array.isArray(expr)) {
		const entries = Object.entries(expr);
		const [first] = entries;
		if (entries.length === 1 && first) {
			const key = first[0];
			const arg: unknown = first[1];
			if (key === 'Condition') {
				if (typeof arg !== 'string') return fail('Condition needs a condition name', at);
				return r.condition(arg, at);
			}
			if (key === 'Fn::Equals') {
				const [a, b] = asList(arg, key, at).map((x) => resolveValue(x, r, at));
				return JSON.stringify(scalarText(a)) === JSON.stringify(scalarText(b));
			}
			if (key === 'Fn::Not') {
				const [only] = asList(arg, key, at);
				return !evaluateCondition(only, r, at);
			}
			if (key === 'Fn::And') return asList(arg, key, at).every((c) => evaluateCondition(c, r, at));
			if (key === 'Fn::Or') return asList(arg, key, at).some((c) => evaluateCondition(c, r, at));
		}
	}
	return fail(
		`a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition; got ${JSON.stringify(expr)}`,
		at
	);
}

/** CloudFormation compares as strings: 3 equals "3". */
function scalarText(v: unknown): unknown {
	return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}
