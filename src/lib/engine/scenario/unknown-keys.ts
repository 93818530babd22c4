// Unknown fields, reported at their exact path with the closest known name: a misspelt "VisibiltyTimeout"
// would otherwise be dropped by the schema and the queue would run with the default 30 s, silently. The walk
// follows the valibot schema itself (objects, optional wrappers, arrays, records, variants, unions), so the
// known names are always the schema's own and every level is covered: the document, each node type, and the
// nested objects (Rate, ProcessingTime, RedrivePolicy, Subscriptions, Simulated, Actions…).

import type * as v from 'valibot';
import { closestName } from './suggest';

export interface UnknownKeyIssue {
	/** The path items down to the unknown key: field names and array indexes. */
	path: (string | number)[];
	message: string;
}

/** The parts of a valibot schema the walk reads (all public properties of valibot's schema objects). */
interface SchemaNode {
	type: string;
	entries?: Record<string, SchemaNode>;
	wrapped?: SchemaNode;
	item?: SchemaNode;
	value?: SchemaNode;
	key?: unknown;
	options?: readonly SchemaNode[];
	literal?: unknown;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
	x !== null && typeof x === 'object' && !Array.isArray(x);

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The message for one unknown key among `known`. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
	const near = closestName(key, known);
	return near !== undefined
		? `unknown parameter; did you mean ${near}?`
		: `unknown parameter; expected one of ${known.join(', ')}`;
}

/** Whether `input` selects this variant option (or one of a nested variant's options). */
function selects(option: SchemaNode, discriminator: string, input: Record<string, unknown>): boolean {
	if (option.type === 'variant') return (option.options ?? []).some((o) => selects(o, discriminator, input));
	const tag = option.entries?.[discriminator];
	if (!tag) return false;
	if (tag.type === 'literal') return Object.is(tag.literal, input[discriminator]);
	return true;
}

/** Could `schema` describe a value of input's shape (an object or an array)? Unions pick among these. */
function fitsShape(schema: SchemaNode, input: unknown): boolean {
	if (Array.isArray(input)) return schema.type === 'array';
	if (isPlainObject(input)) return ['object', 'record', 'variant', 'union'].includes(schema.type);
	return false;
}

/**
 * Every unknown key in `input`, judged against `schema`. The recursion is as deep as the schema, not as the
 * input: it stops wherever the schema stops describing fields (a leaf, a record of unknown values such as an
 * inline filter policy, or a value of the wrong shape, which the schema itself reports).
 */
export function unknownKeys(schema: v.GenericSchema, input: unknown): UnknownKeyIssue[] {
	const out: UnknownKeyIssue[] = [];
	walk(schema, input, [], out);
	return out;
}

function walk(schema: SchemaNode, input: unknown, path: (string | number)[], out: UnknownKeyIssue[]): void {
	switch (schema.type) {
		case 'optional':
		case 'exact_optional':
		case 'nullable':
		case 'nullish':
		case 'non_optional':
		case 'non_nullable':
		case 'non_nullish':
			if (schema.wrapped) walk(schema.wrapped, input, path, out);
			return;
		case 'object': {
			if (!isPlainObject(input) || !schema.entries) return;
			const entries = schema.entries;
			const known = Object.keys(entries);
			for (const key of Object.keys(input)) {
				const entry = hasOwn(entries, key) ? entries[key] : undefined;
				if (entry) walk(entry, input[key], [...path, key], out);
				else out.push({ path: [...path, key], message: unknownKeyMessage(key, known) });
			}
			return;
		}
		case 'array':
			if (!Array.isArray(input) || !schema.item) return;
			for (let k = 0; k < input.length; k++) walk(schema.item, input[k], [...path, k], out);
			return;
		case 'record':
			if (!isPlainObject(input) || !schema.value) return;
			for (const key of Object.keys(input)) walk(schema.value, input[key], [...path, key], out);
			return;
		case 'variant': {
			if (!isPlainObject(input) || typeof schema.key !== 'string') return;
			const discriminator = schema.key;
			const option = (schema.options ?? []).find((o) => selects(o, discriminator, input));
			// No option fits: the schema reports the discriminator; the fields cannot be judged.
			if (option) walk(option, input, path, out);
			return;
		}
		case 'union': {
			// The option of input's shape that leaves the fewest unknown keys (none, when one fits).
			let best: UnknownKeyIssue[] | undefined;
			for (const option of schema.options ?? []) {
				if (!fitsShape(option, input)) continue;
				const found: UnknownKeyIssue[] = [];
				walk(option, input, path, found);
				if (best === undefined || found.length < best.length) best = found;
				if (best.length === 0) break;
			}
			if (best) out.push(...best);
			return;
		}
		default:
			// A leaf (string, number, literal, picklist, unknown…): no fields to check.
			return;
	}
}
