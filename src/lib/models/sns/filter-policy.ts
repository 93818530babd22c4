// SNS subscription filter policies (SNS-FP-1..17) as a pure module: parse and validate a policy the way
// Subscribe / SetSubscriptionAttributes do, match a published message against it, and explain per key and
// per condition why it matched or not (for the inspector). Policies are parsed once into plain data.

/** Where the policy looks: message attributes (default) or the JSON body (SNS-FP-1, SNS-FP-15). */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

export type Condition =
	| { op: 'equals'; value: string | number | boolean | null }
	| { op: 'anything-but'; values: (string | number)[] }
	| { op: 'anything-but-prefix'; value: string }
	| { op: 'anything-but-suffix'; value: string }
	| { op: 'anything-but-equals-ignore-case'; values: string[] }
	| {
			op: 'numeric';
			lower?: { value: number; inclusive: boolean };
			upper?: { value: number; inclusive: boolean };
	  }
	| { op: 'prefix'; value: string; ignoreCase?: boolean }
	| { op: 'suffix'; value: string; ignoreCase?: boolean }
	| { op: 'equals-ignore-case'; value: string }
	| { op: 'exists'; value: boolean }
	| { op: 'cidr'; value: string; version: 4 | 6; network: bigint; bits: number };

/** A policy node: keys ANDed, each a list of conditions ORed (SNS-FP-2/-3) or a nested node; `$or` branches. */
export interface PolicyNode {
	keys: { name: string; conditions?: Condition[]; nested?: PolicyNode }[];
	or: PolicyNode[][];
}

export interface FilterPolicy {
	scope: FilterPolicyScope;
	root: PolicyNode;
}

export interface MessageForFilter {
	attributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string | Uint8Array }>;
	body?: string;
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
}

export interface FilterExplanation {
	matched: boolean;
	/** Why nothing could match at all (a non-JSON body, an empty attribute set…). */
	note?: string;
	keys: KeyExplanation[];
	/** One entry per `$or`: its branches, each explained; the `$or` holds when any branch matches. */
	or: { matched: boolean; branches: FilterExplanation[] }[];
}

export class FilterPolicyError extends Error {
	readonly code = 'InvalidParameter';
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

function fail(detail: string, path = ''): never {
	throw new FilterPolicyError(`Invalid parameter: FilterPolicy: ${detail}`, path);
}

// Parsing --------------------------------------------------------------------------------------------------

export function parseFilterPolicy(
	policy: string | object,
	scope: FilterPolicyScope = 'MessageAttributes'
): FilterPolicy {
	if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
		throw new FilterPolicyError(`Invalid parameter: FilterPolicyScope: Invalid value [${String(scope)}]`);
	}
	let json: unknown = policy;
	if (typeof policy === 'string') {
		if (new TextEncoder().encode(policy).length > MAX_POLICY_BYTES) fail('Filter policy is too large');
		try {
			json = JSON.parse(policy);
		} catch (err) {
			fail(`Filter policy is not valid JSON: ${(err as Error).message}`);
		}
	}
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		fail('Filter policy must be a JSON object');
	}
	const root = parseNode(json as Record<string, unknown>, scope, '', 0);
	// SNS-FP-17: keys per combination and the combination count, with $or branches expanded.
	const alternatives = expand(root, '');
	let combinations = 0;
	for (const alt of alternatives) {
		if (alt.keys.size > MAX_KEYS) fail(`Filter policy can not have more than ${MAX_KEYS} keys`);
		combinations += alt.product;
		if (combinations > MAX_COMBINATIONS) fail('Filter policy is too complex');
	}
	return { scope, root };
}

function parseNode(
	o: Record<string, unknown>,
	scope: FilterPolicyScope,
	path: string,
	depth: number
): PolicyNode {
	const node: PolicyNode = { keys: [], or: [] };
	for (const [name, value] of Object.entries(o)) {
		const at = path ? `${path}.${name}` : name;
		if (name === '$or') {
			// SNS-FP-14: an array of at least two policies, ANDed with the keys beside it.
			if (!Array.isArray(value) || value.length < 2)
				fail('"$or" must be an array of at least 2 filter policies', at);
			node.or.push(
				value.map((b, i) => {
					if (b === null || typeof b !== 'object' || Array.isArray(b)) {
						fail('"$or" elements must be objects', `${at}[${i}]`);
					}
					return parseNode(b as Record<string, unknown>, scope, path, depth);
				})
			);
			continue;
		}
		if (Array.isArray(value)) {
			node.keys.push({ name, conditions: parseConditions(value, at) });
		} else if (value !== null && typeof value === 'object') {
			// SNS-FP-15: nesting only in body scope.
			if (scope === 'MessageAttributes') {
				throw new FilterPolicyError(
					'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy',
					at
				);
			}
			node.keys.push({ name, nested: parseNode(value as Record<string, unknown>, scope, at, depth + 1) });
		} else {
			fail(`"${name}" must be an object or an array`, at);
		}
	}
	return node;
}

function parseConditions(values: unknown[], path: string): Condition[] {
	if (values.length === 0) fail(`Empty arrays are not allowed`, path);
	return values.map((v) => parseCondition(v, path));
}

function isNumber(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

function checkNumber(v: unknown, what: string, path: string): number {
	if (!isNumber(v)) fail(`Value of ${what} must be numeric`, path);
	if (v < -NUMERIC_LIMIT || v > NUMERIC_LIMIT) {
		fail(`Value of ${what} must be between -${NUMERIC_LIMIT} and ${NUMERIC_LIMIT}`, path);
	}
	return v;
}

function parseCondition(v: unknown, path: string): Condition {
	if (v === null || typeof v === 'string' || typeof v === 'boolean') return { op: 'equals', value: v };
	if (typeof v === 'number') return { op: 'equals', value: checkNumber(v, 'number', path) }; // SNS-FP-6
	if (Array.isArray(v)) fail('Match value must be String, number, true, false, or null', path);
	const entries = Object.entries(v as Record<string, unknown>);
	if (entries.length !== 1) {
		fail(
			entries.length === 0 ? 'Empty objects are not allowed' : 'Only one match type is allowed per condition',
			path
		);
	}
	const [op, arg] = entries[0] as [string, unknown];
	switch (op) {
		case 'prefix':
		case 'suffix': {
			// SNS-FP-9/-10, also {"prefix": {"equals-ignore-case": "x"}}.
			if (typeof arg === 'string') return { op, value: arg };
			if (arg && typeof arg === 'object' && !Array.isArray(arg)) {
				const inner = Object.entries(arg as Record<string, unknown>);
				if (inner.length === 1 && inner[0]?.[0] === 'equals-ignore-case' && typeof inner[0][1] === 'string') {
					return { op, value: inner[0][1], ignoreCase: true };
				}
			}
			return fail(`${op} match pattern must be a string`, path);
		}
		case 'equals-ignore-case': // SNS-FP-11
			if (typeof arg !== 'string') fail('equals-ignore-case match pattern must be a string', path);
			return { op, value: arg };
		case 'exists': // SNS-FP-12
			if (typeof arg !== 'boolean') fail('exists match pattern must be either true or false.', path);
			return { op, value: arg };
		case 'anything-but':
			return parseAnythingBut(arg, path);
		case 'numeric':
			return parseNumeric(arg, path);
		case 'cidr':
			return parseCidr(arg, path);
		default:
			return fail(`Unrecognized match type ${op}`, path);
	}
}

/** SNS-FP-8: a value, a list of values (all strings or all numbers), or {prefix|suffix|equals-ignore-case}. */
function parseAnythingBut(arg: unknown, path: string): Condition {
	if (typeof arg === 'string') return { op: 'anything-but', values: [arg] };
	if (typeof arg === 'number')
		return { op: 'anything-but', values: [checkNumber(arg, 'anything-but', path)] };
	if (Array.isArray(arg)) {
		if (arg.length === 0) fail('Empty arrays are not allowed', path);
		const strings = arg.every((x) => typeof x === 'string');
		const numbers = arg.every((x) => typeof x === 'number');
		if (!strings && !numbers) fail('Inside anything but list, start|null|boolean is not supported.', path);
		return {
			op: 'anything-but',
			values: arg.map((x) => (typeof x === 'number' ? checkNumber(x, 'anything-but', path) : (x as string)))
		};
	}
	if (arg && typeof arg === 'object') {
		const inner = Object.entries(arg as Record<string, unknown>);
		if (inner.length !== 1)
			fail('Value of anything-but must be an array or single string/number value.', path);
		const [k, x] = inner[0] as [string, unknown];
		if (k === 'prefix' || k === 'suffix') {
			if (typeof x !== 'string' || x === '') fail(`${k} match pattern must be a non-empty string`, path);
			return { op: k === 'prefix' ? 'anything-but-prefix' : 'anything-but-suffix', value: x };
		}
		if (k === 'equals-ignore-case') {
			const list =
				typeof x === 'string'
					? [x]
					: Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string')
						? (x as string[])
						: undefined;
			if (!list) fail('equals-ignore-case match pattern must be a string or an array of strings', path);
			return { op: 'anything-but-equals-ignore-case', values: list };
		}
		fail(`Unsupported anything-but pattern: ${k}`, path);
	}
	return fail('Value of anything-but must be an array or single string/number value.', path);
}

/** SNS-FP-6/-7: ["=", x] or at most one lower and one upper bound, with <, <=, >, >=. */
function parseNumeric(arg: unknown, path: string): Condition {
	if (!Array.isArray(arg)) fail('Value of numeric must be an array.', path);
	const list = arg as unknown[];
	if (list.length === 0 || list.length % 2 !== 0 || list.length > 4) {
		fail(
			list.length > 4
				? 'Too many elements in numeric expression'
				: 'Value of numeric must be an array of operator and value pairs.',
			path
		);
	}
	const out: Extract<Condition, { op: 'numeric' }> = { op: 'numeric' };
	for (let i = 0; i < list.length; i += 2) {
		const operator = list[i];
		const value = list[i + 1];
		if (typeof operator !== 'string')
			fail('Value of numeric must be an array of operator and value pairs.', path);
		const n = checkNumber(value, operator, path);
		switch (operator) {
			case '=':
				if (list.length !== 2) fail('Bad numeric range operator: =', path);
				out.lower = { value: n, inclusive: true };
				out.upper = { value: n, inclusive: true };
				break;
			case '>':
			case '>=':
				if (out.lower) fail(`Bad numeric range operator: ${operator}`, path);
				out.lower = { value: n, inclusive: operator === '>=' };
				break;
			case '<':
			case '<=':
				if (out.upper) fail(`Bad numeric range operator: ${operator}`, path);
				out.upper = { value: n, inclusive: operator === '<=' };
				break;
			default:
				fail(`Unrecognized numeric range operator: ${operator}`, path);
		}
	}
	if (out.lower && out.upper && round5(out.lower.value) > round5(out.upper.value)) {
		fail('Bottom must be less than top', path);
	}
	return out;
}

/** SNS-FP-13: IPv4 (documented) and IPv6 (unverified) blocks. */
function parseCidr(arg: unknown, path: string): Condition {
	if (typeof arg !== 'string') fail('Malformed CIDR, must be a string', path);
	const parts = arg.split('/');
	if (parts.length !== 2) fail(`Malformed CIDR, one '/' required`, path);
	const [ip, bitsText] = parts as [string, string];
	const addr = parseIp(ip);
	if (!addr || !/^\d{1,3}$/.test(bitsText)) fail(`Nonstandard IP address: ${ip}`, path);
	const bits = Number(bitsText);
	const width = addr.version === 4 ? 32 : 128;
	if (bits > width) fail(`Malformed CIDR, mask bits must be between 0 and ${width}`, path);
	return { op: 'cidr', value: arg, version: addr.version, network: mask(addr.value, bits, width), bits };
}

function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
		const octets = text.split('.').map(Number);
		if (octets.some((o) => o > 255)) return undefined;
		return { version: 4, value: octets.reduce((acc, o) => (acc << 8n) | BigInt(o), 0n) };
	}
	if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return undefined;
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const groups = (s: string) => (s === '' ? [] : s.split(':'));
	const head = groups(halves[0] as string);
	const tail = halves.length === 2 ? groups(halves[1] as string) : [];
	const missing = 8 - head.length - tail.length;
	if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
	const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (all.length !== 8 || all.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
	return { version: 6, value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

function mask(value: bigint, bits: number, width: number): bigint {
	const shift = BigInt(width - bits);
	return (value >> shift) << shift;
}

/** $or expanded into alternative flat key sets, with each one's combination product (SNS-FP-17). */
function expand(node: PolicyNode, path: string): { keys: Set<string>; product: number }[] {
	let alts: { keys: Set<string>; product: number }[] = [{ keys: new Set(), product: 1 }];
	const combine = (more: { keys: Set<string>; product: number }[]) => {
		const next: { keys: Set<string>; product: number }[] = [];
		for (const a of alts) {
			for (const b of more) {
				next.push({ keys: new Set([...a.keys, ...b.keys]), product: a.product * b.product });
				if (next.length > MAX_COMBINATIONS * 4) fail('Filter policy is too complex');
			}
		}
		alts = next;
	};
	for (const k of node.keys) {
		const at = path ? `${path}.${k.name}` : k.name;
		if (k.conditions) combine([{ keys: new Set([at]), product: k.conditions.length }]);
		else if (k.nested) combine(expand(k.nested, at));
	}
	for (const branches of node.or) combine(branches.flatMap((b) => expand(b, path)));
	return alts;
}

// Matching -------------------------------------------------------------------------------------------------

type Value = { t: 's'; v: string } | { t: 'n'; v: number } | { t: 'b'; v: boolean } | { t: 'null' };

function round5(n: number): number {
	return Math.round(n * 1e5); // SNS-FP-6 [sim]: compare to 5 decimal places as integers.
}

function show(v: Value): string {
	return v.t === 's' ? JSON.stringify(v.v) : v.t === 'null' ? 'null' : String(v.v);
}

function toValue(x: unknown): Value | undefined {
	if (typeof x === 'string') return { t: 's', v: x };
	if (typeof x === 'number' && Number.isFinite(x)) return { t: 'n', v: x };
	if (typeof x === 'boolean') return { t: 'b', v: x };
	if (x === null) return { t: 'null' };
	return undefined;
}

/** SNS-FP-16: String, String.Array and Number attributes are compared; Binary ones behave as missing. */
function attributeValues(a: { DataType: string; StringValue?: string } | undefined): Value[] | undefined {
	if (!a || typeof a.DataType !== 'string') return undefined;
	const type = a.DataType.split('.')[0];
	if (a.DataType === 'String.Array' || a.DataType.startsWith('String.Array.')) {
		let arr: unknown;
		try {
			arr = JSON.parse(a.StringValue ?? '');
		} catch {
			return undefined;
		}
		if (!Array.isArray(arr)) return undefined;
		return arr.map(toValue).filter((v): v is Value => v !== undefined);
	}
	if (type === 'String') return a.StringValue === undefined ? undefined : [{ t: 's', v: a.StringValue }];
	if (type === 'Number') {
		const n = Number(a.StringValue);
		return a.StringValue === undefined || !Number.isFinite(n) ? undefined : [{ t: 'n', v: n }];
	}
	return undefined;
}

/** Leaf values at a body path, flattening arrays at every level (SNS-FP-3). */
function bodyValues(container: unknown, name: string): { values: Value[]; objects: unknown[] } {
	const values: Value[] = [];
	const objects: unknown[] = [];
	const visit = (x: unknown) => {
		if (Array.isArray(x)) x.forEach(visit);
		else if (x !== null && typeof x === 'object') objects.push(x);
		else {
			const v = toValue(x);
			if (v) values.push(v);
		}
	};
	const holders = Array.isArray(container) ? container.flat(Infinity) : [container];
	for (const h of holders) {
		if (h !== null && typeof h === 'object' && !Array.isArray(h) && Object.hasOwn(h, name)) {
			visit((h as Record<string, unknown>)[name]);
		}
	}
	return { values, objects };
}

function conditionMatches(c: Condition, v: Value): boolean {
	switch (c.op) {
		case 'equals':
			if (typeof c.value === 'number') return v.t === 'n' && round5(v.v) === round5(c.value);
			if (typeof c.value === 'string') return v.t === 's' && v.v === c.value;
			if (typeof c.value === 'boolean') return v.t === 'b' && v.v === c.value;
			return v.t === 'null';
		case 'anything-but':
			return !c.values.some((x) =>
				typeof x === 'number' ? v.t === 'n' && round5(v.v) === round5(x) : v.t === 's' && v.v === x
			);
		case 'anything-but-prefix':
			return v.t === 's' && !v.v.startsWith(c.value);
		case 'anything-but-suffix':
			return v.t === 's' && !v.v.endsWith(c.value);
		case 'anything-but-equals-ignore-case':
			return v.t === 's' && !c.values.some((x) => x.toLowerCase() === v.v.toLowerCase());
		case 'numeric': {
			if (v.t !== 'n') return false; // SNS-FP-7: never string values.
			const n = round5(v.v);
			if (c.lower) {
				const lo = round5(c.lower.value);
				if (c.lower.inclusive ? n < lo : n <= lo) return false;
			}
			if (c.upper) {
				const hi = round5(c.upper.value);
				if (c.upper.inclusive ? n > hi : n >= hi) return false;
			}
			return true;
		}
		case 'prefix':
			return (
				v.t === 's' &&
				(c.ignoreCase ? v.v.toLowerCase().startsWith(c.value.toLowerCase()) : v.v.startsWith(c.value))
			);
		case 'suffix':
			return (
				v.t === 's' &&
				(c.ignoreCase ? v.v.toLowerCase().endsWith(c.value.toLowerCase()) : v.v.endsWith(c.value))
			);
		case 'equals-ignore-case':
			return v.t === 's' && v.v.toLowerCase() === c.value.toLowerCase();
		case 'cidr': {
			if (v.t !== 's') return false;
			const ip = parseIp(v.v);
			if (!ip || ip.version !== c.version) return false;
			return mask(ip.value, c.bits, c.version === 4 ? 32 : 128) === c.network;
		}
		case 'exists':
			return c.value;
	}
}

function describe(c: Condition): string {
	switch (c.op) {
		case 'equals':
			return `equals ${JSON.stringify(c.value)}`;
		case 'anything-but':
			return `anything-but ${JSON.stringify(c.values.length === 1 ? c.values[0] : c.values)}`;
		case 'anything-but-prefix':
			return `anything-but prefix ${JSON.stringify(c.value)}`;
		case 'anything-but-suffix':
			return `anything-but suffix ${JSON.stringify(c.value)}`;
		case 'anything-but-equals-ignore-case':
			return `anything-but equals-ignore-case ${JSON.stringify(c.values)}`;
		case 'numeric': {
			const parts: string[] = [];
			if (c.lower && c.upper && c.lower.value === c.upper.value && c.lower.inclusive && c.upper.inclusive) {
				return `numeric = ${c.lower.value}`;
			}
			if (c.lower) parts.push(`${c.lower.inclusive ? '>=' : '>'} ${c.lower.value}`);
			if (c.upper) parts.push(`${c.upper.inclusive ? '<=' : '<'} ${c.upper.value}`);
			return `numeric ${parts.join(' and ')}`;
		}
		case 'prefix':
		case 'suffix':
			return `${c.op}${c.ignoreCase ? ' (ignoring case)' : ''} ${JSON.stringify(c.value)}`;
		case 'equals-ignore-case':
			return `equals-ignore-case ${JSON.stringify(c.value)}`;
		case 'exists':
			return `exists ${c.value}`;
		case 'cidr':
			return `cidr ${c.value}`;
	}
}

interface Context {
	scope: FilterPolicyScope;
	attributes: MessageForFilter['attributes'];
	/** SNS-FP-12: exists:false needs at least one attribute. */
	hasAnyAttribute: boolean;
}

/** One key's values as the message has them, or undefined when the key is missing (SNS-FP-4). */
function keyValues(
	ctx: Context,
	container: unknown,
	name: string
): { values: Value[] | undefined; objects: unknown[] } {
	if (ctx.scope === 'MessageAttributes') {
		const a = ctx.attributes?.[name];
		const values = attributeValues(a as { DataType: string; StringValue?: string } | undefined);
		return { values: values && values.length > 0 ? values : undefined, objects: [] };
	}
	const { values, objects } = bodyValues(container, name);
	return { values: values.length > 0 ? values : undefined, objects };
}

function explainNode(node: PolicyNode, ctx: Context, container: unknown, path: string): FilterExplanation {
	const keys: KeyExplanation[] = [];
	const nestedOr: FilterExplanation['or'] = [];
	let matched = true;
	for (const k of node.keys) {
		const at = path ? `${path}.${k.name}` : k.name;
		if (k.nested) {
			const { objects } = bodyValues(container, k.name);
			// Any of the objects at this path may satisfy the nested policy.
			const tries = objects.map((o) => explainNode(k.nested as PolicyNode, ctx, o, at));
			const best = tries.find((t) => t.matched) ?? tries[0];
			if (best) {
				keys.push(...best.keys);
				nestedOr.push(...best.or);
				if (!best.matched) matched = false;
			} else {
				for (const leaf of leafKeys(k.nested, at)) {
					const ok = leaf.conditions.some((c) => c.op === 'exists' && !c.value);
					keys.push({
						path: leaf.path,
						matched: ok,
						actual: 'missing',
						conditions: leaf.conditions.map((c) => ({
							condition: describe(c),
							matched: c.op === 'exists' && !c.value
						}))
					});
				}
				// Below a missing object only exists:false can hold (SNS-FP-4/-12).
				if (!leafKeys(k.nested, at).every((l) => l.conditions.some((c) => c.op === 'exists' && !c.value))) {
					matched = false;
				}
			}
			continue;
		}
		const conditions = k.conditions as Condition[];
		const { values } = keyValues(ctx, container, k.name);
		const explained = conditions.map((c) => {
			let ok: boolean;
			if (c.op === 'exists')
				ok = c.value
					? values !== undefined
					: values === undefined && (ctx.scope === 'MessageBody' || ctx.hasAnyAttribute);
			else ok = values !== undefined && values.some((v) => conditionMatches(c, v));
			return { condition: describe(c), matched: ok };
		});
		const keyOk = explained.some((e) => e.matched);
		if (!keyOk) matched = false;
		keys.push({
			path: at,
			matched: keyOk,
			actual:
				values === undefined
					? 'missing'
					: values.length === 1
						? show(values[0] as Value)
						: `[${values.map(show).join(', ')}]`,
			conditions: explained
		});
	}
	for (const branches of node.or) {
		const explainedBranches = branches.map((b) => explainNode(b, ctx, container, path));
		const any = explainedBranches.some((b) => b.matched);
		nestedOr.push({ matched: any, branches: explainedBranches });
		if (!any) matched = false;
	}
	return { matched, keys, or: nestedOr };
}

function leafKeys(node: PolicyNode, path: string): { path: string; conditions: Condition[] }[] {
	const out: { path: string; conditions: Condition[] }[] = [];
	for (const k of node.keys) {
		const at = `${path}.${k.name}`;
		if (k.conditions) out.push({ path: at, conditions: k.conditions });
		else if (k.nested) out.push(...leafKeys(k.nested, at));
	}
	return out;
}

/** Per key and per condition, why the message matched or not. `matched` always equals matchesFilterPolicy. */
export function explainFilterPolicy(policy: FilterPolicy, message: MessageForFilter): FilterExplanation {
	const attributes = message.attributes ?? {};
	const ctx: Context = {
		scope: policy.scope,
		attributes,
		hasAnyAttribute: Object.keys(attributes).length > 0
	};
	if (policy.scope === 'MessageBody') {
		let body: unknown;
		try {
			body = JSON.parse(message.body ?? '');
		} catch {
			body = undefined;
		}
		// SNS-FP-15: a body that is not a JSON object matches nothing.
		if (body === null || typeof body !== 'object' || Array.isArray(body)) {
			const e = explainNode(policy.root, ctx, {}, '');
			return { ...e, matched: false, note: 'the message body is not a JSON object' };
		}
		return explainNode(policy.root, ctx, body, '');
	}
	return explainNode(policy.root, ctx, undefined, '');
}

export function matchesFilterPolicy(policy: FilterPolicy, message: MessageForFilter): boolean {
	return explainFilterPolicy(policy, message).matched;
}
