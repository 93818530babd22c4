// SNS filter policies (SNS-FP-*): table-driven cases per operator, validation errors and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	explainFilterPolicy,
	FilterPolicyError,
	matchesFilterPolicy,
	parseFilterPolicy,
	type MessageForFilter
} from '$lib/services/sns/filter-policy';

const S = (v: string) => ({ DataType: 'String', StringValue: v });
const N = (v: string) => ({ DataType: 'Number', StringValue: v });
const A = (v: unknown[]) => ({ DataType: 'String.Array', StringValue: JSON.stringify(v) });

type Case = [rule: string, policy: object, message: MessageForFilter, expected: boolean];

const attributeCases: Case[] = [
	['SNS-FP-5 exact string', { c: ['red', 'blue'] }, { attributes: { c: S('blue') } }, true],
	['SNS-FP-5 exact string is case-sensitive', { c: ['red'] }, { attributes: { c: S('Red') } }, false],
	['SNS-FP-4 a missing key fails', { c: ['red'] }, { attributes: { d: S('red') } }, false],
	['SNS-FP-2 AND across keys', { c: ['red'], s: ['L'] }, { attributes: { c: S('red'), s: S('M') } }, false],
	[
		'SNS-FP-2 unnamed attributes are ignored',
		{ c: ['red'] },
		{ attributes: { c: S('red'), x: S('y') } },
		true
	],
	['SNS-FP-6 exact number 301.50 = 301.5', { p: [301.5] }, { attributes: { p: N('301.50') } }, true],
	[
		'SNS-FP-6 5-decimal comparison',
		{ p: [{ numeric: ['=', 1.000001] }] },
		{ attributes: { p: N('1') } },
		true
	],
	['SNS-FP-6 a number does not match a String', { p: [5] }, { attributes: { p: S('5') } }, false],
	['SNS-FP-7 range', { p: [{ numeric: ['>', 0, '<=', 150] }] }, { attributes: { p: N('150') } }, true],
	[
		'SNS-FP-7 range upper exclusive',
		{ p: [{ numeric: ['>', 0, '<', 150] }] },
		{ attributes: { p: N('150') } },
		false
	],
	['SNS-FP-7 never string values', { p: [{ numeric: ['>', 0] }] }, { attributes: { p: S('5') } }, false],
	[
		'SNS-FP-8 anything-but single',
		{ c: [{ 'anything-but': 'red' }] },
		{ attributes: { c: S('blue') } },
		true
	],
	[
		'SNS-FP-8 anything-but list',
		{ c: [{ 'anything-but': ['red', 'blue'] }] },
		{ attributes: { c: S('blue') } },
		false
	],
	[
		'SNS-FP-8 anything-but numbers',
		{ p: [{ 'anything-but': [100, 200] }] },
		{ attributes: { p: N('150') } },
		true
	],
	[
		'SNS-FP-8 anything-but prefix',
		{ c: [{ 'anything-but': { prefix: 'eu-' } }] },
		{ attributes: { c: S('us-east-1') } },
		true
	],
	[
		'SNS-FP-8 anything-but prefix excludes',
		{ c: [{ 'anything-but': { prefix: 'eu-' } }] },
		{ attributes: { c: S('eu-west-1') } },
		false
	],
	[
		'SNS-FP-8 anything-but still needs the key',
		{ c: [{ 'anything-but': 'red' }] },
		{ attributes: { d: S('x') } },
		false
	],
	['SNS-FP-9 prefix', { r: [{ prefix: 'eu-' }] }, { attributes: { r: S('eu-west-1') } }, true],
	[
		'SNS-FP-9 prefix is case-sensitive',
		{ r: [{ prefix: 'eu-' }] },
		{ attributes: { r: S('EU-west-1') } },
		false
	],
	['SNS-FP-10 suffix', { f: [{ suffix: '.png' }] }, { attributes: { f: S('cat.png') } }, true],
	[
		'SNS-FP-11 equals-ignore-case',
		{ s: [{ 'equals-ignore-case': 'Rugby' }] },
		{ attributes: { s: S('RUGBY') } },
		true
	],
	['SNS-FP-12 exists true', { c: [{ exists: true }] }, { attributes: { c: S('x') } }, true],
	['SNS-FP-12 exists false, key absent', { c: [{ exists: false }] }, { attributes: { d: S('x') } }, true],
	['SNS-FP-12 exists false, key present', { c: [{ exists: false }] }, { attributes: { c: S('x') } }, false],
	[
		'SNS-FP-12 exists false on an empty attribute set matches nothing',
		{ c: [{ exists: false }] },
		{ attributes: {} },
		false
	],
	['SNS-FP-13 cidr inside', { ip: [{ cidr: '10.0.0.0/24' }] }, { attributes: { ip: S('10.0.0.255') } }, true],
	['SNS-FP-13 cidr outside', { ip: [{ cidr: '10.0.0.0/24' }] }, { attributes: { ip: S('10.0.1.0') } }, false],
	[
		'SNS-FP-13 cidr IPv6',
		{ ip: [{ cidr: '2001:db8::/32' }] },
		{ attributes: { ip: S('2001:db8:1::1') } },
		true
	],
	['SNS-FP-3 String.Array: any element', { c: ['red'] }, { attributes: { c: A(['blue', 'red']) } }, true],
	['SNS-FP-3 String.Array: numbers', { n: [{ numeric: ['>', 2] }] }, { attributes: { n: A([1, 3]) } }, true],
	[
		'SNS-FP-16 Binary behaves as missing',
		{ b: [{ exists: true }] },
		{ attributes: { b: { DataType: 'Binary', BinaryValue: 'AAE=' } } },
		false
	],
	['SNS-FP-14 $or', { $or: [{ a: ['1'] }, { b: ['2'] }] }, { attributes: { b: S('2') } }, true],
	[
		'SNS-FP-14 $or ANDed with its neighbours',
		{ c: ['x'], $or: [{ a: ['1'] }, { b: ['2'] }] },
		{ attributes: { b: S('2') } },
		false
	]
];

const bodyCases: Case[] = [
	['SNS-FP-15 nested key', { order: { status: ['paid'] } }, { body: '{"order":{"status":"paid"}}' }, true],
	[
		'SNS-FP-15 nested key mismatch',
		{ order: { status: ['paid'] } },
		{ body: '{"order":{"status":"open"}}' },
		false
	],
	['SNS-FP-15 arrays in the body: any element', { tags: ['b'] }, { body: '{"tags":["a","b"]}' }, true],
	[
		'SNS-FP-15 arrays of objects',
		{ items: { sku: ['x'] } },
		{ body: '{"items":[{"sku":"y"},{"sku":"x"}]}' },
		true
	],
	['SNS-FP-15 non-JSON body matches nothing', { a: [{ exists: false }] }, { body: 'plain text' }, false],
	['SNS-FP-15 booleans and null', { ok: [true], v: [null] }, { body: '{"ok":true,"v":null}' }, true],
	['SNS-FP-7 numeric body values', { total: [{ numeric: ['>=', 100] }] }, { body: '{"total":100.0}' }, true],
	['SNS-FP-12 exists false in the body', { gone: [{ exists: false }] }, { body: '{"other":1}' }, true],
	['SNS-FP-14 nested $or', { order: { $or: [{ a: [1] }, { b: [2] }] } }, { body: '{"order":{"b":2}}' }, true]
];

describe('SNS-FP matching (MessageAttributes scope)', () => {
	for (const [rule, policy, message, expected] of attributeCases) {
		it(`${rule}`, () => {
			const p = parseFilterPolicy(JSON.stringify(policy));
			expect(matchesFilterPolicy(p, message)).toBe(expected);
			expect(explainFilterPolicy(p, message).matched).toBe(expected);
		});
	}
});

describe('SNS-FP matching (MessageBody scope)', () => {
	for (const [rule, policy, message, expected] of bodyCases) {
		it(`${rule}`, () => {
			const p = parseFilterPolicy(policy, 'MessageBody');
			expect(matchesFilterPolicy(p, message)).toBe(expected);
		});
	}
});

describe('SNS-FP-17 validation', () => {
	const invalid: [string, unknown, string?, RegExp?][] = [
		['a value that is not an array', { a: 'x' }, undefined, /must be an object or an array/],
		[
			'nested keys in attribute scope',
			{ a: { b: ['x'] } },
			'MessageAttributes',
			/does not support nested filter policy/
		],
		['an unknown operator', { a: [{ wildcard2: 'x' }] }, undefined, /Unrecognized match type/],
		['more than 5 keys', { a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] }, undefined, /more than 5 keys/],
		['numbers beyond 10^9', { a: [{ numeric: ['>', 1e10] }] }, undefined, /numeric|between/],
		['two lower bounds', { a: [{ numeric: ['>', 1, '>=', 2] }] }, undefined, /numeric range operator/],
		['exists not boolean', { a: [{ exists: 'yes' }] }, undefined, /exists match pattern/],
		['prefix not a string', { a: [{ prefix: 1 }] }, undefined, /prefix match pattern/],
		['a malformed CIDR', { a: [{ cidr: '10.0.0.0' }] }, undefined, /CIDR/],
		['a $or with one branch', { $or: [{ a: ['x'] }] }, undefined, /\$or/],
		['an empty array', { a: [] }, undefined, /Empty arrays/],
		['invalid JSON', '{"a": [', undefined, /JSON/]
	];
	for (const [what, policy, scope, message] of invalid) {
		it(`SNS-FP-17: rejects ${what}`, () => {
			const run = () =>
				parseFilterPolicy(policy as object, (scope ?? 'MessageAttributes') as 'MessageAttributes');
			expect(run).toThrow(FilterPolicyError);
			expect(run).toThrow(message ?? /.*/);
		});
	}

	it('SNS-FP-17: 150 combinations are allowed, 151 are not', () => {
		const list = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
		expect(() => parseFilterPolicy({ a: list(10), b: list(15) })).not.toThrow();
		expect(() => parseFilterPolicy({ a: list(10), b: list(15), c: ['x', 'y'] })).toThrow(/too complex/);
		// $or branches add up.
		expect(() => parseFilterPolicy({ $or: [{ a: list(75) }, { b: list(75) }] })).not.toThrow();
		expect(() => parseFilterPolicy({ $or: [{ a: list(75) }, { b: list(76) }] })).toThrow(/too complex/);
	});

	it('SNS-FP-17: errors carry AWS wording', () => {
		expect(() => parseFilterPolicy({ a: 'x' })).toThrow(/^Invalid parameter: FilterPolicy: /);
	});
});

describe('SNS-FP properties', () => {
	const value = fc.constantFrom('a', 'b', 'c', 'eu-1', 'us-2');
	const cond = fc.oneof(
		value,
		value.map((v) => ({ prefix: v.slice(0, 1) })),
		value.map((v) => ({ 'anything-but': v })),
		fc.boolean().map((b) => ({ exists: b }))
	);
	const branch = fc.dictionary(
		fc.constantFrom('k1', 'k2', 'k3'),
		fc.array(cond, { minLength: 1, maxLength: 3 }),
		{
			minKeys: 1,
			maxKeys: 2
		}
	);
	const attrs = fc.dictionary(fc.constantFrom('k1', 'k2', 'k3', 'k4'), value.map(S), { maxKeys: 4 });

	it('SNS-FP-14: $or equals the union of its branches', () => {
		fc.assert(
			fc.property(branch, branch, attrs, (b1, b2, attributes) => {
				const m = { attributes };
				const or = matchesFilterPolicy(parseFilterPolicy({ $or: [b1, b2] }), m);
				const union =
					matchesFilterPolicy(parseFilterPolicy(b1), m) || matchesFilterPolicy(parseFilterPolicy(b2), m);
				expect(or).toBe(union);
			})
		);
	});

	it('SNS-FP-2: the order of keys and attributes does not matter', () => {
		fc.assert(
			fc.property(branch, attrs, (policy, attributes) => {
				const reversed = Object.fromEntries(Object.entries(policy).reverse());
				const shuffled = Object.fromEntries(Object.entries(attributes).reverse());
				expect(matchesFilterPolicy(parseFilterPolicy(policy), { attributes })).toBe(
					matchesFilterPolicy(parseFilterPolicy(reversed), { attributes: shuffled })
				);
			})
		);
	});
});
