// SNS filter policies (SNS-FP-1..17): the parsed-policy data types, the error type and the limits.

import {
	FILTER_POLICY_MAX_ALTERNATIVES,
	FILTER_POLICY_MAX_BYTES,
	FILTER_POLICY_MAX_COMBINATIONS,
	FILTER_POLICY_MAX_KEYS,
	FILTER_POLICY_NUMERIC_LIMIT
} from '../limits';

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
	| { op: 'anything-but-ic' | 'anything-but-prefix'; values: string[] }
	| { op: 'anything-but-wildcard'; values: { value: string; parts: string[] }[] };

export interface Bound {
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

export const MAX_KEYS = FILTER_POLICY_MAX_KEYS; // SNS-FP-17
export const MAX_COMBINATIONS = FILTER_POLICY_MAX_COMBINATIONS; // SNS-FP-17
export const MAX_POLICY_BYTES = FILTER_POLICY_MAX_BYTES; // SNS-FP-17
export const NUMERIC_LIMIT = FILTER_POLICY_NUMERIC_LIMIT; // SNS-FP-6
export const MAX_ALTERNATIVES = FILTER_POLICY_MAX_ALTERNATIVES; // expansion guard; far above what MAX_COMBINATIONS allows
/** Deepest JSON nesting read (policies, bodies and String.Array values); deeper input is a syntax error. */
export const MAX_DEPTH = 1000;
export const PREFIX = 'Invalid parameter: FilterPolicy: ';

/** Ruler's words that may not name a field inside `$or` (SNS-FP-14). */
export const RESERVED_IN_OR = new Set([
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

// Ruler's compile errors ------------------------------------------------------------------------------

export class RulerError extends Error {
	constructor(
		message: string,
		readonly where: string,
		/** Ruler reports syntax errors as JsonParseException, after which `$or` may be retried as a field. */
		readonly syntax: boolean
	) {
		super(message);
	}
}

export function barf(message: string, where: string, syntax = true): never {
	throw new RulerError(message, where, syntax);
}
