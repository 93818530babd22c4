// SNS filter policies (SNS-FP-1..17): table-driven cases per operator in both scopes, validation errors
// with AWS's wording, limits, explanations, and fast-check properties ($or = union, order-free, explain
// agrees with match).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	explainFilterPolicy,
	FilterPolicyError,
	matchesFilterPolicy,
	parseFilterPolicy,
	type FilterPolicyScope,
	type MessageForFilter
} from '$lib/services/sns/filter-policy';

const S = (v: string) => ({ DataType: 'String', StringValue: v });
const N = (v: string) => ({ DataType: 'Number', StringValue: v });
const A = (v: unknown[]) => ({ DataType: 'String.Array', StringValue: JSON.stringify(v) });
const BIN = { DataType: 'Binary', BinaryValue: 'AAE=' };
const attrs = (a: MessageForFilter['attributes']): MessageForFilter => ({ attributes: a, body: 'hello' });
const body = (b: unknown): MessageForFilter => ({ body: typeof b === 'string' ? b : JSON.stringify(b) });

/** [test name citing the rule, policy, message, expected]; attribute scope unless the policy says body. */
type Case = [name: string, policy: object, message: MessageForFilter, expected: boolean];

function run(cases: Case[], scope: FilterPolicyScope = 'MessageAttributes') {
	for (const [name, policy, message, expected] of cases) {
		it(name, () => {
			const p = parseFilterPolicy(JSON.stringify(policy), scope);
			expect(matchesFilterPolicy(p, message)).toBe(expected);
			expect(explainFilterPolicy(p, message).matched).toBe(expected);
		});
	}
}

describe('SNS-FP-2/3/4 keys: AND across keys, OR within a key, missing keys', () => {
	run([
		['SNS-FP-2: all keys match', { a: ['1'], b: ['2'] }, attrs({ a: S('1'), b: S('2') }), true],
		[
			'SNS-FP-2: one key fails, the policy fails',
			{ a: ['1'], b: ['2'] },
			attrs({ a: S('1'), b: S('3') }),
			false
		],
		[
			'SNS-FP-2: attributes the policy does not name are ignored',
			{ a: ['1'] },
			attrs({ a: S('1'), z: S('9') }),
			true
		],
		['SNS-FP-3: one value of the list is enough', { a: ['x', 'y', 'z'] }, attrs({ a: S('y') }), true],
		[
			'SNS-FP-3: different operators in one list are ORed',
			{ a: ['x', { prefix: 'q' }] },
			attrs({ a: S('qq') }),
			true
		],
		['SNS-FP-4: a missing key fails', { a: ['1'] }, attrs({ b: S('1') }), false],
		[
			'SNS-FP-4: a missing key fails for anything-but too',
			{ a: [{ 'anything-but': 'x' }] },
			attrs({ b: S('1') }),
			false
		],
		[
			'SNS-FP-4: a missing key fails for numeric too',
			{ a: [{ numeric: ['>', 0] }] },
			attrs({ b: N('1') }),
			false
		],
		['SNS-FP-4: exists:false is the exception', { a: [{ exists: false }] }, attrs({ b: S('1') }), true],
		[
			'SNS-FP-4: exists:false ORed with a value also accepts the value',
			{ a: ['x', { exists: false }] },
			attrs({ a: S('x') }),
			true
		]
	]);
});

describe('SNS-FP-5 exact string matching', () => {
	run([
		['SNS-FP-5: equal strings match', { c: ['red', 'blue'] }, attrs({ c: S('blue') }), true],
		['SNS-FP-5: comparison is case-sensitive', { c: ['red'] }, attrs({ c: S('Red') }), false],
		['SNS-FP-5: whole strings only', { c: ['red'] }, attrs({ c: S('redder') }), false],
		['SNS-FP-5: the empty string matches only the empty string', { c: [''] }, attrs({ c: S('') }), true],
		['SNS-FP-5: a string does not match a Number attribute', { c: ['5'] }, attrs({ c: N('5') }), false],
		['SNS-FP-5: String.Array, any element', { c: ['red'] }, attrs({ c: A(['blue', 'red']) }), true],
		['SNS-FP-5: String.Array, no element', { c: ['red'] }, attrs({ c: A(['blue', 'green']) }), false],
		[
			'SNS-FP-5: a quote escaped once in the policy never matches in attribute scope',
			{ c: ['say "hi"'] },
			attrs({ c: S('say "hi"') }),
			false
		],
		[
			'SNS-FP-5: a quote escaped twice in the policy matches in attribute scope',
			{ c: ['say \\"hi\\"'] },
			attrs({ c: S('say "hi"') }),
			true
		],
		['SNS-FP-5: a backslash must be escaped twice too', { c: ['a\\\\b'] }, attrs({ c: S('a\\b') }), true],
		['SNS-FP-5: non-ASCII strings compare exactly', { c: ['café'] }, attrs({ c: S('café') }), true],
		['SNS-FP-5: {"exactly": …} is an exact match', { c: [{ exactly: 'red' }] }, attrs({ c: S('red') }), true],
		[
			'SNS-FP-5: a string that is an IP address matches the same address',
			{ ip: ['10.0.0.1'] },
			attrs({ ip: S('10.0.0.1') }),
			true
		],
		[
			'SNS-FP-5: IPv6 addresses compare as addresses, not text',
			{ ip: ['2001:db8::1'] },
			attrs({ ip: S('2001:0DB8:0:0:0:0:0:1') }),
			true
		]
	]);
	run(
		[
			['SNS-FP-5: body strings match', { c: ['red'] }, body({ c: 'red' }), true],
			['SNS-FP-5: body quotes need no double escaping', { c: ['say "hi"'] }, body({ c: 'say "hi"' }), true],
			['SNS-FP-5: a body number is not a string', { c: ['5'] }, body({ c: 5 }), false],
			[
				'SNS-FP-5: true, false and null are literals',
				{ ok: [true], v: [null] },
				body({ ok: true, v: null }),
				true
			],
			['SNS-FP-5: the string "true" is not the literal true', { ok: [true] }, body({ ok: 'true' }), false],
			['SNS-FP-5: null matches only null', { v: [null] }, body({ v: 'null' }), false]
		],
		'MessageBody'
	);
});

describe('SNS-FP-6 exact number matching', () => {
	run([
		[
			'SNS-FP-6: a bare number matches numerically (301.50 = 301.5)',
			{ p: [301.5] },
			attrs({ p: N('301.50') }),
			true
		],
		['SNS-FP-6: exponent form is the same number', { p: [301.5] }, attrs({ p: N('3.015e2') }), true],
		['SNS-FP-6: {"numeric": ["=", x]}', { p: [{ numeric: ['=', 301.5] }] }, attrs({ p: N('301.5') }), true],
		[
			'SNS-FP-6: other numbers do not match',
			{ p: [{ numeric: ['=', 301.5] }] },
			attrs({ p: N('301.6') }),
			false
		],
		[
			'SNS-FP-6: compared to 5 decimal places',
			{ p: [{ numeric: ['=', 1.000001] }] },
			attrs({ p: N('1') }),
			true
		],
		[
			'SNS-FP-6: 5 decimal places still count',
			{ p: [{ numeric: ['=', 1.00001] }] },
			attrs({ p: N('1') }),
			false
		],
		['SNS-FP-6: rounding at the 5th decimal', { p: [0.123456] }, attrs({ p: N('0.12346') }), true],
		['SNS-FP-6: a number never matches a String attribute', { p: [5] }, attrs({ p: S('5') }), false],
		['SNS-FP-6: String.Array elements that are numbers', { p: [5] }, attrs({ p: A(['a', 5]) }), true],
		['SNS-FP-6: negative numbers', { p: [-1000000000] }, attrs({ p: N('-1e9') }), true],
		[
			'SNS-FP-6: beyond ±10^9 a bare number is accepted and matches only its own text',
			{ p: [5000000000] },
			attrs({ p: N('5000000000') }),
			true
		],
		[
			'SNS-FP-6: beyond ±10^9 numerically equal text does not match',
			{ p: [5000000000] },
			attrs({ p: N('5.0e9') }),
			false
		]
	]);
	run(
		[
			['SNS-FP-6: body numbers', { total: [100] }, body({ total: 100.0 }), true],
			['SNS-FP-6: body string "100" is not a number', { total: [100] }, body({ total: '100' }), false]
		],
		'MessageBody'
	);
});

describe('SNS-FP-7 numeric ranges', () => {
	const r = (...args: (string | number)[]) => ({ p: [{ numeric: args }] });
	run([
		['SNS-FP-7: > and <= both inclusive where asked', r('>', 0, '<=', 150), attrs({ p: N('150') }), true],
		['SNS-FP-7: upper bound exclusive', r('>', 0, '<', 150), attrs({ p: N('150') }), false],
		['SNS-FP-7: lower bound exclusive', r('>', 0, '<', 150), attrs({ p: N('0') }), false],
		['SNS-FP-7: lower bound inclusive', r('>=', 0, '<', 150), attrs({ p: N('0') }), true],
		['SNS-FP-7: only a lower bound', r('>', 10), attrs({ p: N('1e6') }), true],
		['SNS-FP-7: only an upper bound', r('<', 10), attrs({ p: N('-5') }), true],
		['SNS-FP-7: only an upper bound, above', r('<=', 10), attrs({ p: N('10.00001') }), false],
		['SNS-FP-7: never String values, even numeric-looking ones', r('>', 0), attrs({ p: S('5') }), false],
		['SNS-FP-7: String.Array numbers, any element', r('>', 2), attrs({ p: A([1, 3]) }), true],
		['SNS-FP-7: String.Array numbers, none in range', r('>', 5), attrs({ p: A([1, 3]) }), false],
		['SNS-FP-7: String.Array numeric strings are strings', r('>', 2), attrs({ p: A(['3']) }), false],
		['SNS-FP-7: values beyond ±10^9 are not comparable', r('>', 0), attrs({ p: N('2000000000') }), false],
		['SNS-FP-7: 5 decimal places at the bound', r('>', 1), attrs({ p: N('1.000001') }), false]
	]);
	run(
		[
			['SNS-FP-7: body numbers', { total: [{ numeric: ['>=', 100] }] }, body({ total: 100.0 }), true],
			[
				'SNS-FP-7: body strings never match',
				{ total: [{ numeric: ['>=', 100] }] },
				body({ total: '150' }),
				false
			],
			[
				'SNS-FP-7: body booleans never match',
				{ total: [{ numeric: ['>=', 0] }] },
				body({ total: true }),
				false
			]
		],
		'MessageBody'
	);
});

describe('SNS-FP-8 anything-but', () => {
	run([
		[
			'SNS-FP-8: single string, other value',
			{ c: [{ 'anything-but': 'red' }] },
			attrs({ c: S('blue') }),
			true
		],
		[
			'SNS-FP-8: single string, same value',
			{ c: [{ 'anything-but': 'red' }] },
			attrs({ c: S('red') }),
			false
		],
		[
			'SNS-FP-8: list of strings',
			{ c: [{ 'anything-but': ['red', 'blue'] }] },
			attrs({ c: S('blue') }),
			false
		],
		[
			'SNS-FP-8: list of strings, outside',
			{ c: [{ 'anything-but': ['red', 'blue'] }] },
			attrs({ c: S('green') }),
			true
		],
		['SNS-FP-8: numbers', { p: [{ 'anything-but': [100, 200] }] }, attrs({ p: N('150') }), true],
		[
			'SNS-FP-8: numbers compare numerically',
			{ p: [{ 'anything-but': [100, 200] }] },
			attrs({ p: N('100.0') }),
			false
		],
		['SNS-FP-8: single number', { p: [{ 'anything-but': 100 }] }, attrs({ p: N('1e2') }), false],
		[
			'SNS-FP-8: a string list does not exclude numbers',
			{ p: [{ 'anything-but': ['5'] }] },
			attrs({ p: N('5') }),
			true
		],
		[
			'SNS-FP-8: a number list does not exclude strings',
			{ p: [{ 'anything-but': [5] }] },
			attrs({ p: S('5') }),
			true
		],
		[
			'SNS-FP-8: String.Array matches when some element is outside the set',
			{ c: [{ 'anything-but': ['rugby', 'tennis'] }] },
			attrs({ c: A(['rugby', 'baseball']) }),
			true
		],
		[
			'SNS-FP-8: String.Array with every element excluded',
			{ c: [{ 'anything-but': ['rugby', 'tennis'] }] },
			attrs({ c: A(['rugby', 'tennis']) }),
			false
		],
		[
			'SNS-FP-8: the key must be present (SNS-FP-4)',
			{ c: [{ 'anything-but': 'red' }] },
			attrs({ d: S('x') }),
			false
		],
		[
			'SNS-FP-8: prefix, outside',
			{ c: [{ 'anything-but': { prefix: 'eu-' } }] },
			attrs({ c: S('us-east-1') }),
			true
		],
		[
			'SNS-FP-8: prefix, inside',
			{ c: [{ 'anything-but': { prefix: 'eu-' } }] },
			attrs({ c: S('eu-west-1') }),
			false
		],
		[
			'SNS-FP-8: prefix never excludes a number',
			{ c: [{ 'anything-but': { prefix: '1' } }] },
			attrs({ c: N('12') }),
			true
		],
		[
			'SNS-FP-8: equals-ignore-case, inside',
			{ c: [{ 'anything-but': { 'equals-ignore-case': ['Red', 'BLUE'] } }] },
			attrs({ c: S('blue') }),
			false
		],
		[
			'SNS-FP-8: equals-ignore-case, outside',
			{ c: [{ 'anything-but': { 'equals-ignore-case': 'Red' } }] },
			attrs({ c: S('green') }),
			true
		],
		[
			'SNS-FP-8: wildcard, inside',
			{ c: [{ 'anything-but': { wildcard: '*ball' } }] },
			attrs({ c: S('baseball') }),
			false
		],
		[
			'SNS-FP-8: wildcard, outside',
			{ c: [{ 'anything-but': { wildcard: '*ball' } }] },
			attrs({ c: S('rugby') }),
			true
		]
	]);
	run(
		[
			[
				'SNS-FP-8: body null is outside a string set',
				{ c: [{ 'anything-but': 'x' }] },
				body({ c: null }),
				true
			],
			[
				'SNS-FP-8: body array, one element outside',
				{ c: [{ 'anything-but': 'x' }] },
				body({ c: ['x', 'y'] }),
				true
			],
			[
				'SNS-FP-8: body array, all excluded',
				{ c: [{ 'anything-but': 'x' }] },
				body({ c: ['x', 'x'] }),
				false
			],
			['SNS-FP-8: body, missing key', { c: [{ 'anything-but': 'x' }] }, body({ d: 'y' }), false]
		],
		'MessageBody'
	);
});

describe('SNS-FP-9 prefix', () => {
	run([
		['SNS-FP-9: matching prefix', { r: [{ prefix: 'eu-' }] }, attrs({ r: S('eu-west-1') }), true],
		['SNS-FP-9: case-sensitive', { r: [{ prefix: 'eu-' }] }, attrs({ r: S('EU-west-1') }), false],
		['SNS-FP-9: the whole value may be the prefix', { r: [{ prefix: 'eu-' }] }, attrs({ r: S('eu-') }), true],
		['SNS-FP-9: strings only', { r: [{ prefix: '12' }] }, attrs({ r: N('123') }), false],
		['SNS-FP-9: empty prefix matches any string', { r: [{ prefix: '' }] }, attrs({ r: S('x') }), true],
		[
			'SNS-FP-9: String.Array any element',
			{ r: [{ prefix: 'ba' }] },
			attrs({ r: A(['rugby', 'basket']) }),
			true
		],
		[
			'SNS-FP-9: prefix with equals-ignore-case',
			{ r: [{ prefix: { 'equals-ignore-case': 'EU-' } }] },
			attrs({ r: S('eu-west-1') }),
			true
		]
	]);
	run([['SNS-FP-9: body strings', { r: [{ prefix: 'eu-' }] }, body({ r: 'eu-1' }), true]], 'MessageBody');
});

describe('SNS-FP-10 suffix', () => {
	run([
		['SNS-FP-10: matching suffix', { f: [{ suffix: '.png' }] }, attrs({ f: S('cat.png') }), true],
		['SNS-FP-10: case-sensitive', { f: [{ suffix: '.png' }] }, attrs({ f: S('cat.PNG') }), false],
		['SNS-FP-10: strings only', { f: [{ suffix: '5' }] }, attrs({ f: N('15') }), false],
		[
			'SNS-FP-10: suffix with equals-ignore-case',
			{ f: [{ suffix: { 'equals-ignore-case': '.PNG' } }] },
			attrs({ f: S('cat.png') }),
			true
		]
	]);
});

describe('SNS-FP-11 equals-ignore-case', () => {
	run([
		['SNS-FP-11: any case', { s: [{ 'equals-ignore-case': 'Rugby' }] }, attrs({ s: S('RUGBY') }), true],
		[
			'SNS-FP-11: whole strings',
			{ s: [{ 'equals-ignore-case': 'Rugby' }] },
			attrs({ s: S('rugby league') }),
			false
		],
		['SNS-FP-11: strings only', { s: [{ 'equals-ignore-case': '5' }] }, attrs({ s: N('5') }), false],
		['SNS-FP-11: String.Array', { s: [{ 'equals-ignore-case': 'a' }] }, attrs({ s: A(['b', 'A']) }), true]
	]);
});

describe('SNS-FP-5 wildcard (AWS operator beyond SEMANTICS)', () => {
	const w = (p: string) => ({ c: [{ wildcard: p }] });
	run([
		['SNS-FP-5: wildcard *ball matches baseball', w('*ball'), attrs({ c: S('baseball') }), true],
		['SNS-FP-5: wildcard *ball matches ball', w('*ball'), attrs({ c: S('ball') }), true],
		['SNS-FP-5: wildcard *ball does not match balloon', w('*ball'), attrs({ c: S('balloon') }), false],
		['SNS-FP-5: wildcard b*e*l', w('b*e*l'), attrs({ c: S('baseball') }), true],
		['SNS-FP-5: wildcard a*a needs two characters', w('a*a'), attrs({ c: S('a') }), false],
		['SNS-FP-5: wildcard is case-sensitive', w('*BALL'), attrs({ c: S('baseball') }), false],
		['SNS-FP-5: escaped star is literal', w('a\\*b'), attrs({ c: S('a*b') }), true],
		['SNS-FP-5: escaped star is not a wildcard', w('a\\*b'), attrs({ c: S('axb') }), false]
	]);
});

describe('SNS-FP-12 exists', () => {
	run([
		['SNS-FP-12: exists:true, present', { c: [{ exists: true }] }, attrs({ c: S('x') }), true],
		[
			'SNS-FP-12: exists:true on a Number attribute',
			{ store: [{ exists: true }] },
			attrs({ store: N('99') }),
			true
		],
		['SNS-FP-12: exists:true, absent', { c: [{ exists: true }] }, attrs({ d: S('x') }), false],
		['SNS-FP-12: exists:false, absent', { c: [{ exists: false }] }, attrs({ d: S('x') }), true],
		['SNS-FP-12: exists:false, present', { c: [{ exists: false }] }, attrs({ c: S('x') }), false],
		['SNS-FP-12: exists:false with no attributes at all', { c: [{ exists: false }] }, attrs({}), false],
		['SNS-FP-12: exists:false with attributes undefined', { c: [{ exists: false }] }, { body: 'x' }, false],
		[
			'SNS-FP-12: exists:false when the only attribute is Binary (ignored, SNS-FP-16)',
			{ c: [{ exists: false }] },
			attrs({ b: BIN }),
			false
		],
		['SNS-FP-12: exists:true on an empty String.Array', { c: [{ exists: true }] }, attrs({ c: A([]) }), false]
	]);
	run(
		[
			['SNS-FP-12: body, present', { store: [{ exists: true }] }, body({ store: 'fans' }), true],
			['SNS-FP-12: body, absent', { store: [{ exists: false }] }, body({ other: 1 }), true],
			[
				'SNS-FP-12: body, empty object still matches exists:false',
				{ store: [{ exists: false }] },
				body({}),
				true
			],
			[
				'SNS-FP-12: body null is not a value for exists:true',
				{ store: [{ exists: true }] },
				body({ store: null }),
				false
			],
			[
				'SNS-FP-12: body null is still present for exists:false',
				{ store: [{ exists: false }] },
				body({ store: null }),
				false
			],
			['SNS-FP-12: body empty array is absent', { store: [{ exists: false }] }, body({ store: [] }), true],
			[
				'SNS-FP-12: exists applies to leaves: an object is not a leaf',
				{ store: [{ exists: true }] },
				body({ store: { name: 'fans' } }),
				false
			],
			[
				'SNS-FP-12: exists:false is true when the key is an intermediate node',
				{ store: [{ exists: false }] },
				body({ store: { name: 'fans' } }),
				true
			],
			[
				'SNS-FP-12: nested exists:false beside a matching key',
				{ object: { key: [{ prefix: 'auto-' }], nested_key: [{ exists: false }] } },
				body({ object: { key: 'auto-test' } }),
				true
			],
			[
				'SNS-FP-12: nested exists:false fails when the key is there',
				{ object: { key: [{ prefix: 'auto-' }], nested_key: [{ exists: false }] } },
				body({ object: { key: 'auto-test', nested_key: 'x' } }),
				false
			]
		],
		'MessageBody'
	);
});

describe('SNS-FP-13 cidr', () => {
	const c = (block: string) => ({ ip: [{ cidr: block }] });
	run([
		['SNS-FP-13: IPv4 inside', c('10.0.0.0/24'), attrs({ ip: S('10.0.0.255') }), true],
		['SNS-FP-13: IPv4 first address', c('10.0.0.0/24'), attrs({ ip: S('10.0.0.0') }), true],
		['SNS-FP-13: IPv4 outside', c('10.0.0.0/24'), attrs({ ip: S('10.0.1.0') }), false],
		['SNS-FP-13: IPv4 /0 matches every IPv4', c('0.0.0.0/0'), attrs({ ip: S('203.0.113.9') }), true],
		['SNS-FP-13: IPv4 /31', c('192.168.1.4/31'), attrs({ ip: S('192.168.1.5') }), true],
		['SNS-FP-13: IPv4 /31 outside', c('192.168.1.4/31'), attrs({ ip: S('192.168.1.6') }), false],
		[
			'SNS-FP-13: the block starts at the address as written (host bits are not cleared)',
			c('10.0.0.5/24'),
			attrs({ ip: S('10.0.0.4') }),
			false
		],
		['SNS-FP-13: IPv6 inside', c('2001:db8::/32'), attrs({ ip: S('2001:db8:1::1') }), true],
		['SNS-FP-13: IPv6 outside', c('2001:db8::/32'), attrs({ ip: S('2001:db9::1') }), false],
		['SNS-FP-13: IPv4 value never in an IPv6 block', c('::/0'), attrs({ ip: S('10.0.0.1') }), false],
		['SNS-FP-13: not an IP address', c('10.0.0.0/8'), attrs({ ip: S('hello') }), false],
		['SNS-FP-13: an invalid address', c('10.0.0.0/8'), attrs({ ip: S('10.0.0.256') }), false],
		['SNS-FP-13: strings only', c('10.0.0.0/8'), attrs({ ip: N('10') }), false],
		['SNS-FP-13: String.Array any element', c('10.0.0.0/8'), attrs({ ip: A(['1.1.1.1', '10.2.3.4']) }), true]
	]);
	run([['SNS-FP-13: body strings', c('10.0.0.0/8'), body({ ip: '10.9.9.9' }), true]], 'MessageBody');
});

describe('SNS-FP-14 $or', () => {
	run([
		['SNS-FP-14: first branch', { $or: [{ a: ['1'] }, { b: ['2'] }] }, attrs({ a: S('1') }), true],
		['SNS-FP-14: second branch', { $or: [{ a: ['1'] }, { b: ['2'] }] }, attrs({ b: S('2') }), true],
		['SNS-FP-14: no branch', { $or: [{ a: ['1'] }, { b: ['2'] }] }, attrs({ c: S('3') }), false],
		[
			'SNS-FP-14: ANDed with its neighbours',
			{ c: ['x'], $or: [{ a: ['1'] }, { b: ['2'] }] },
			attrs({ b: S('2') }),
			false
		],
		[
			'SNS-FP-14: ANDed with its neighbours, all there',
			{ c: ['x'], $or: [{ a: ['1'] }, { b: ['2'] }] },
			attrs({ b: S('2'), c: S('x') }),
			true
		],
		[
			'SNS-FP-14: nested $or',
			{ s: ['a'], $or: [{ m: ['1'] }, { t: ['T'], $or: [{ id: [1] }, { sp: [2] }] }] },
			attrs({ s: S('a'), t: S('T'), sp: N('2') }),
			true
		],
		[
			'SNS-FP-14: nested $or, inner branches all fail',
			{ s: ['a'], $or: [{ m: ['1'] }, { t: ['T'], $or: [{ id: [1] }, { sp: [2] }] }] },
			attrs({ s: S('a'), t: S('T'), sp: N('3') }),
			false
		],
		[
			'SNS-FP-14: a $or that is not an array of 2+ objects is a plain attribute name',
			{ $or: ['a', 'b'] },
			attrs({ $or: S('b') }),
			true
		],
		[
			'SNS-FP-14: reserved words inside $or make it a plain attribute name',
			{ $or: [{ prefix: 'ab' }, { suffix: 'yz' }] },
			attrs({ $or: S('xyz') }),
			true
		]
	]);
	run(
		[
			[
				'SNS-FP-14: two $or groups are ANDed (only possible under different parents)',
				{ $or: [{ a: ['1'] }, { b: ['2'] }], x: { $or: [{ c: ['3'] }, { d: ['4'] }] } },
				body({ b: '2', x: { d: '4' } }),
				true
			],
			[
				'SNS-FP-14: two $or groups are ANDed: one failing group fails',
				{ $or: [{ a: ['1'] }, { b: ['2'] }], x: { $or: [{ c: ['3'] }, { d: ['4'] }] } },
				body({ b: '2', x: { e: '4' } }),
				false
			],
			[
				'SNS-FP-14: $or inside a nested key',
				{ order: { $or: [{ a: [1] }, { b: [2] }] } },
				body({ order: { b: 2 } }),
				true
			],
			[
				'SNS-FP-14: AWS example, detail.scope and detail.source',
				{
					$or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
					detail: {
						scope: ['Service'],
						$or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }]
					}
				},
				body({ metricName: 'CPUUtilization', detail: { scope: 'Service', source: 'aws.cloudwatch' } }),
				true
			],
			[
				'SNS-FP-14: AWS example, wrong detail.type',
				{
					$or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
					detail: {
						scope: ['Service'],
						$or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }]
					}
				},
				body({ metricName: 'CPUUtilization', detail: { scope: 'Service', type: 'CPUUtilization' } }),
				false
			],
			[
				'SNS-FP-14: AWS example, scope at the wrong level',
				{
					$or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
					detail: {
						scope: ['Service'],
						$or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }]
					}
				},
				body({ metricName: 'CPUUtilization', scope: 'Service' }),
				false
			]
		],
		'MessageBody'
	);
});

describe('SNS-FP-15 body scope', () => {
	run(
		[
			['SNS-FP-15: nested key', { order: { status: ['paid'] } }, body({ order: { status: 'paid' } }), true],
			[
				'SNS-FP-15: nested key mismatch',
				{ order: { status: ['paid'] } },
				body({ order: { status: 'open' } }),
				false
			],
			[
				'SNS-FP-15: nested key at the wrong level',
				{ order: { status: ['paid'] } },
				body({ status: 'paid' }),
				false
			],
			['SNS-FP-15: deep nesting', { a: { b: { c: [1] } } }, body({ a: { b: { c: 1 } } }), true],
			['SNS-FP-15: arrays in the body, any element', { tags: ['b'] }, body({ tags: ['a', 'b'] }), true],
			['SNS-FP-15: arrays of arrays', { tags: ['b'] }, body({ tags: [['a'], ['b']] }), true],
			[
				'SNS-FP-15: arrays of objects',
				{ items: { sku: ['x'] } },
				body({ items: [{ sku: 'y' }, { sku: 'x' }] }),
				true
			],
			[
				'SNS-FP-15: keys from the same array element match together',
				{ items: { sku: ['x'], qty: [2] } },
				body({
					items: [
						{ sku: 'x', qty: 2 },
						{ sku: 'y', qty: 1 }
					]
				}),
				true
			],
			[
				'SNS-FP-15: keys satisfied by different elements of one array do not match',
				{ items: { sku: ['x'], qty: [2] } },
				body({
					items: [
						{ sku: 'x', qty: 1 },
						{ sku: 'y', qty: 2 }
					]
				}),
				false
			],
			[
				'SNS-FP-15: different arrays are independent',
				{ a: { v: [1] }, b: { v: [2] } },
				body({ a: [{ v: 0 }, { v: 1 }], b: [{ v: 2 }] }),
				true
			],
			[
				'SNS-FP-15: a dotted policy key matches nested body keys',
				{ 'object.nested': ['string.value'] },
				body({ object: { nested: 'string.value' } }),
				true
			],
			[
				'SNS-FP-15: a nested policy key matches a dotted body key',
				{ object: { nested: ['string.value'] } },
				body({ 'object.nested': 'string.value' }),
				true
			],
			['SNS-FP-15: a non-JSON body matches nothing', { a: [{ exists: false }] }, body('plain text'), false],
			[
				'SNS-FP-15: a JSON string body matches nothing',
				{ a: [{ exists: false }] },
				body(JSON.stringify('x')),
				false
			],
			['SNS-FP-15: a JSON array body matches nothing', { a: [{ exists: false }] }, body('[{"b":1}]'), false],
			['SNS-FP-15: a missing body matches nothing', { a: [{ exists: false }] }, {}, false],
			[
				'SNS-FP-15: attributes are ignored in body scope',
				{ a: ['1'] },
				{ body: '{}', attributes: { a: S('1') } },
				false
			],
			[
				'SNS-FP-15: S3 events, prefixes on two levels',
				{
					Records: {
						s3: { object: { key: [{ prefix: 'auto-' }] } },
						eventName: [{ prefix: 'ObjectCreated:' }]
					}
				},
				body({ Records: [{ eventName: 'ObjectCreated:Put', s3: { object: { key: 'auto-1.xml' } } }] }),
				true
			]
		],
		'MessageBody'
	);
	run([
		[
			'SNS-FP-15: the body is ignored in attribute scope',
			{ a: ['1'] },
			{ body: '{"a":"1"}', attributes: { b: S('x') } },
			false
		]
	]);
});

describe('SNS-FP-16 attribute types', () => {
	run([
		[
			'SNS-FP-16: Binary attributes behave as missing',
			{ b: [{ exists: true }] },
			attrs({ b: BIN, x: S('1') }),
			false
		],
		[
			'SNS-FP-16: Binary attributes behave as missing (exists:false)',
			{ b: [{ exists: false }] },
			attrs({ b: BIN, x: S('1') }),
			true
		],
		[
			'SNS-FP-16: custom String types are strings',
			{ s: ['x'] },
			attrs({ s: { DataType: 'String.custom', StringValue: 'x' } }),
			true
		],
		[
			'SNS-FP-16: custom Number types are numbers',
			{ n: [{ numeric: ['>', 1] }] },
			attrs({ n: { DataType: 'Number.float', StringValue: '1.5' } }),
			true
		],
		[
			'SNS-FP-16: a String.Array that is not JSON is missing',
			{ s: ['x'] },
			attrs({ s: { DataType: 'String.Array', StringValue: '[x' } }),
			false
		]
	]);
});

describe('SNS-FP-17 validation errors', () => {
	const P = 'Invalid parameter: FilterPolicy: ';
	const invalid: [name: string, policy: unknown, message: string, scope?: FilterPolicyScope][] = [
		['SNS-FP-17: a value that is not an array', { a: 'x' }, `${P}"a" must be an object or an array`],
		['SNS-FP-17: a number value', { a: 5 }, `${P}"a" must be an object or an array`],
		[
			'SNS-FP-17: an operator object without its array',
			{ key: { suffix: 'value' } },
			`${P}"suffix" must be an object or an array`
		],
		['SNS-FP-17: an empty array', { a: [] }, `${P}Empty arrays are not allowed`],
		['SNS-FP-17: an empty policy', {}, `${P}Empty objects are not allowed`],
		['SNS-FP-17: an empty nested object', { a: {} }, `${P}Empty objects are not allowed`, 'MessageBody'],
		['SNS-FP-17: not an object', [], `${P}Filter is not an object`],
		[
			'SNS-FP-17: a nested array value',
			{ key: [['value']] },
			`${P}Match value must be String, number, true, false, or null`
		],
		['SNS-FP-17: an empty operator object', { key: [{}] }, `${P}Match expression name not found`],
		[
			'SNS-FP-17: an unknown operator',
			{ key: [{ 'wrong-operator': true }] },
			`${P}Unrecognized match type wrong-operator`
		],
		[
			'SNS-FP-17: two operators in one object',
			{ key: [{ suffix: 'value', prefix: 'value2' }] },
			`${P}Only one key allowed in match expression`
		],
		['SNS-FP-9: prefix not a string', { a: [{ prefix: 1 }] }, `${P}prefix match pattern must be a string`],
		[
			'SNS-FP-10: suffix not a string',
			{ key: [{ suffix: 100 }] },
			`${P}suffix match pattern must be a string`
		],
		['SNS-FP-10: suffix null', { key: [{ suffix: null }] }, `${P}suffix match pattern must be a string`],
		[
			'SNS-FP-10: suffix list',
			{ key: [{ suffix: ['a', 'b'] }] },
			`${P}suffix match pattern must be a string`
		],
		[
			'SNS-FP-9: prefix with an unknown inner operator',
			{ key: [{ prefix: { wildcard: 'a' } }] },
			`${P}Unsupported prefix pattern: wildcard`
		],
		[
			'SNS-FP-11: equals-ignore-case not a string',
			{ key: [{ 'equals-ignore-case': 5 }] },
			`${P}equals-ignore-case match pattern must be a string`
		],
		[
			'SNS-FP-12: exists null',
			{ key: [{ exists: null }] },
			`${P}exists match pattern must be either true or false.`
		],
		[
			'SNS-FP-12: exists string',
			{ key: [{ exists: 'no' }] },
			`${P}exists match pattern must be either true or false.`
		],
		[
			'SNS-FP-12: exists with another key',
			{ key: [{ exists: true, x: 1 }] },
			`${P}Only one key allowed in match expression`
		],
		['SNS-FP-6: numeric empty', { key: [{ numeric: [] }] }, `${P}Invalid member in numeric match: ]`],
		['SNS-FP-6: numeric not an array', { key: [{ numeric: 5 }] }, `${P}Value of numeric must be an array.`],
		[
			'SNS-FP-6: numeric unknown operator',
			{ key: [{ numeric: ['operator'] }] },
			`${P}Unrecognized numeric range operator: operator`
		],
		[
			'SNS-FP-6: numeric value first',
			{ key: [{ numeric: [1, '<='] }] },
			`${P}Invalid member in numeric match: 1`
		],
		[
			'SNS-FP-6: numeric string value',
			{ key: [{ numeric: ['=', '000'] }] },
			`${P}Value of equals must be numeric`
		],
		[
			'SNS-FP-6: numeric = with a second term',
			{ key: [{ numeric: ['=', 1, '<', 2] }] },
			`${P}Too many elements in numeric expression`
		],
		['SNS-FP-6: numeric missing value', { key: [{ numeric: ['>='] }] }, `${P}Value of >= must be numeric`],
		[
			'SNS-FP-6: numeric beyond 10^9',
			{ a: [{ numeric: ['>', 1e10] }] },
			`${P}Value must be between -1.0E9 and 1.0E9, inclusive`
		],
		[
			'SNS-FP-6: numeric = beyond -10^9',
			{ a: [{ numeric: ['=', -1000000001] }] },
			`${P}Value must be between -1.0E9 and 1.0E9, inclusive`
		],
		[
			'SNS-FP-7: upper bound first',
			{ key: [{ numeric: ['<', 100, '>', 10] }] },
			`${P}Too many elements in numeric expression`
		],
		[
			'SNS-FP-7: two lower bounds',
			{ key: [{ numeric: ['>=', 1, '>', 2] }] },
			`${P}Bad numeric range operator: >`
		],
		[
			'SNS-FP-7: bottom above top',
			{ key: [{ numeric: ['>', 3, '<', 1] }] },
			`${P}Bottom must be less than top`
		],
		[
			'SNS-FP-7: bottom equal to top',
			{ key: [{ numeric: ['>=', 3, '<=', 3] }] },
			`${P}Bottom must be less than top`
		],
		[
			'SNS-FP-7: missing upper value',
			{ key: [{ numeric: ['>', 20, '<='] }] },
			`${P}Value of <= must be numeric`
		],
		[
			'SNS-FP-7: missing upper operator',
			{ key: [{ numeric: ['>', 20, 30] }] },
			`${P}Bad value in numeric range: 30`
		],
		[
			'SNS-FP-7: unknown upper operator',
			{ key: [{ numeric: ['>', 20, 'test'] }] },
			`${P}Bad numeric range operator: test`
		],
		[
			'SNS-FP-7: string lower value',
			{ key: [{ numeric: ['>', '20', '<', '30'] }] },
			`${P}Value of > must be numeric`
		],
		[
			'SNS-FP-7: string upper value',
			{ key: [{ numeric: ['>', 20, '<', '30'] }] },
			`${P}Value of < must be numeric`
		],
		[
			'SNS-FP-7: three terms',
			{ key: [{ numeric: ['>', 20, '<', 30, '<', 50] }] },
			`${P}Too many terms in numeric range expression`
		],
		[
			'SNS-FP-8: anything-but unknown inner operator',
			{ key: [{ 'anything-but': { 'wrong-operator': null } }] },
			`${P}Unsupported anything-but pattern: wrong-operator`
		],
		[
			'SNS-FP-8: anything-but exists',
			{ key: [{ 'anything-but': { exists: false } }] },
			`${P}Unsupported anything-but pattern: exists`
		],
		[
			'SNS-FP-8: anything-but null',
			{ key: [{ 'anything-but': null }] },
			`${P}Value of anything-but must be an array or single string/number value.`
		],
		[
			// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy_nested_anything_but_operator
			// ({"prefix": false}; the text was "prefix/suffix match pattern must be a string" before the recording).
			'SNS-FP-8: anything-but prefix not a string',
			{ key: [{ 'anything-but': { prefix: 5 } }] },
			`${P}prefix match pattern must be a string`
		],
		[
			// Recorded: LocalStack test_sns_filter_policy.snapshot.json, test_validate_policy_nested_anything_but_operator
			// (the suffix form used to be accepted and matched).
			'SNS-FP-8: anything-but suffix is unsupported',
			{ key: [{ 'anything-but': { suffix: '.tmp' } }] },
			`${P}Unsupported anything-but pattern: suffix`
		],
		[
			'SNS-FP-8: anything-but empty prefix',
			{ key: [{ 'anything-but': { prefix: '' } }] },
			`${P}Null prefix/suffix not allowed`
		],
		[
			'SNS-FP-8: anything-but mixed list',
			{ key: [{ 'anything-but': ['a', 1] }] },
			`${P}Inside anything but list, either all values are number or string, mixed type is not supported`
		],
		[
			'SNS-FP-8: anything-but empty list',
			{ key: [{ 'anything-but': [] }] },
			`${P}Inside anything but list, either all values are number or string, mixed type is not supported`
		],
		[
			'SNS-FP-8: anything-but list with null',
			{ key: [{ 'anything-but': ['a', null] }] },
			`${P}Inside anything but list, start|null|boolean is not supported.`
		],
		[
			'SNS-FP-8: anything-but number beyond 10^9',
			{ key: [{ 'anything-but': [2e9] }] },
			`${P}Value must be between -1.0E9 and 1.0E9, inclusive`
		],
		[
			'SNS-FP-8: anything-but with a second key',
			{ key: [{ 'anything-but': 'a', x: 1 }] },
			`${P}Too many elements in numeric expression`
		],
		[
			'SNS-FP-8: anything-but equals-ignore-case number',
			{ key: [{ 'anything-but': { 'equals-ignore-case': 5 } }] },
			`${P}Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.`
		],
		[
			'SNS-FP-13: cidr without a slash',
			{ a: [{ cidr: '10.0.0.0' }] },
			`${P}Malformed CIDR, one '/' required`
		],
		['SNS-FP-13: cidr not a string', { a: [{ cidr: 10 }] }, `${P}prefix match pattern must be a string`],
		[
			'SNS-FP-13: cidr mask not an integer',
			{ a: [{ cidr: '10.0.0.0/x' }] },
			`${P}Malformed CIDR, mask bits must be an integer`
		],
		[
			'SNS-FP-13: cidr negative mask',
			{ a: [{ cidr: '10.0.0.0/-1' }] },
			`${P}Malformed CIDR, mask bits must not be negative`
		],
		['SNS-FP-13: cidr IPv4 /32', { a: [{ cidr: '10.0.0.1/32' }] }, `${P}IPv4 mask bits must be < 32`],
		['SNS-FP-13: cidr IPv6 /128', { a: [{ cidr: '::1/128' }] }, `${P}IPv6 mask bits must be < 128`],
		['SNS-FP-13: cidr not an address', { a: [{ cidr: 'host/24' }] }, `${P}Nonstandard IP address: host`],
		['SNS-FP-13: cidr bad IPv4', { a: [{ cidr: '300.0.0.0/8' }] }, `${P}Invalid IP address: 300.0.0.0`],
		['SNS-FP-13: cidr bad IPv6', { a: [{ cidr: '1:::2/64' }] }, `${P}Invalid IP address: 1:::2`],
		[
			'SNS-FP-5: wildcard consecutive stars',
			{ a: [{ wildcard: 'a**b' }] },
			`${P}Consecutive wildcard characters at pos 2`
		],
		['SNS-FP-5: wildcard bad escape', { a: [{ wildcard: 'a\\b' }] }, `${P}Invalid escape character at pos 2`],
		[
			'SNS-FP-5: wildcard not a string',
			{ a: [{ wildcard: 5 }] },
			`${P}wildcard match pattern must be a string`
		],
		[
			'SNS-FP-14: $or with one branch',
			{ $or: [{ a: ['x'] }] },
			`${P}There must have at least 2 Objects in $or relationship.`
		],
		[
			'SNS-FP-14: $or branch not an object',
			{ $or: [{ a: ['x'] }, 'b'] },
			`${P}Only JSON object is allowed in array of $or relationship.`
		],
		[
			'SNS-FP-14: $or with a reserved word',
			{ $or: [{ numeric: 123 }, { b: ['x'] }] },
			`${P}numeric is Ruler reserved fieldName which cannot be used inside $or.`
		],
		[
			'SNS-FP-14: an invalid branch',
			{ $or: [{ a: 'x' }, { b: ['x'] }] },
			`${P}"a" must be an object or an array`
		],
		[
			'SNS-FP-15: nested keys in attribute scope',
			{ a: { b: ['x'] } },
			'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy'
		],
		[
			'SNS-FP-17: more than 5 keys',
			{ k1: [1], k2: [1], k3: [1], k4: [1], k5: [1], k6: [1] },
			`${P}Filter policy can not have more than 5 keys`
		],
		[
			'SNS-FP-17: more than 5 keys in body scope',
			{ k1: [1], k2: [1], k3: [1], k4: [1], k5: [1], k6: [1] },
			`${P}Filter policy can not have more than 5 keys`,
			'MessageBody'
		],
		[
			'SNS-FP-17: more than 5 leaf keys when nested',
			{ a: { k1: [1], k2: [1], k3: [1] }, b: { k4: [1], k5: [1], k6: [1] } },
			`${P}Filter policy can not have more than 5 keys`,
			'MessageBody'
		],
		[
			'SNS-FP-17: more than 5 keys in one $or alternative',
			{ k1: [1], k2: [1], k3: [1], k4: [1], $or: [{ k5: [1] }, { k6: [1], k7: [1] }] },
			`${P}Filter policy can not have more than 5 keys`
		],
		[
			'SNS-FP-17: invalid JSON',
			'{"a": [',
			`${P}failed to parse JSON. Unexpected end-of-input: expected close marker for Array`
		],
		['SNS-FP-17: invalid JSON token', '{"a": [tru]}', `${P}failed to parse JSON. Unrecognized token 'tru'`],
		['SNS-FP-17: empty string', '', `${P}failed to parse JSON. No content to map due to end-of-input`]
	];
	for (const [name, policy, message, scope] of invalid) {
		it(name, () => {
			const parse = () => parseFilterPolicy(policy as object, scope ?? 'MessageAttributes');
			expect(parse).toThrow(FilterPolicyError);
			expect(parse).toThrow(message);
			try {
				parse();
			} catch (err) {
				expect((err as FilterPolicyError).name).toBe('FilterPolicyError');
				expect((err as FilterPolicyError).code).toBe('InvalidParameter');
				expect((err as FilterPolicyError).message.startsWith('Invalid parameter: ')).toBe(true);
			}
		});
	}

	it('SNS-FP-17: errors say where the problem is', () => {
		try {
			parseFilterPolicy({ order: { status: [{ prefix: 1 }] } }, 'MessageBody');
		} catch (err) {
			expect((err as FilterPolicyError).path).toBe('order.status');
		}
		expect.assertions(1);
	});

	it('SNS-FP-17: an invalid scope is rejected with AWS wording', () => {
		expect(() => parseFilterPolicy({ a: ['x'] }, 'Other' as FilterPolicyScope)).toThrow(
			/^Invalid parameter: FilterPolicyScope: Invalid value \[Other\]\. Please use either MessageBody or MessageAttributes$/
		);
	});

	it('SNS-FP-17: the first error in document order wins', () => {
		expect(() => parseFilterPolicy({ a: [{ prefix: 1 }], b: [] })).toThrow(/prefix match pattern/);
		expect(() => parseFilterPolicy({ b: [], a: [{ prefix: 1 }] })).toThrow(/Empty arrays/);
	});

	it('SNS-FP-17: numbers in messages are printed as AWS prints them', () => {
		expect(() => parseFilterPolicy('{"k": [{"numeric": [1.50, "<"]}]}')).toThrow(
			/Invalid member in numeric match: 1\.5$/
		);
		expect(() => parseFilterPolicy('{"k": [{"numeric": [">", 1, 3e1]}]}')).toThrow(
			/Bad value in numeric range: 30\.0$/
		);
	});

	it('SNS-FP-17: policies over 256 KB are rejected', () => {
		const big = JSON.stringify({ a: ['x'.repeat(256 * 1024)] });
		expect(() => parseFilterPolicy(big)).toThrow(/^Invalid parameter: FilterPolicy: /);
	});

	it('SNS-FP-17: accepted forms parse', () => {
		const ok = [
			{ a: ['x', 1, true, false, null] },
			{ a: [{ 'anything-but': { prefix: 'test-' } }] },
			{ a: [{ 'anything-but': ['test', 'test2'] }] },
			{ a: [{ 'anything-but': 'test' }] },
			{ a: [{ 'anything-but': { prefix: [] } }] },
			{ a: [{ numeric: ['>=', -1e9, '<=', 1e9] }] },
			{ a: [{ cidr: '2001:db8::/127' }] },
			{ a: [{ cidr: '10.0.0.0/+8' }] },
			{ a: [1e12] },
			{ $or: { a: ['x'] }, b: ['y'] } // not an array: a plain (nested) key in body scope
		];
		for (const policy of ok.slice(0, -1)) expect(() => parseFilterPolicy(policy)).not.toThrow();
		expect(() => parseFilterPolicy(ok[ok.length - 1] as object, 'MessageBody')).not.toThrow();
	});

	it('SNS-FP-17: duplicate JSON keys keep the last value', () => {
		const p = parseFilterPolicy('{"a": ["x"], "a": ["y"]}');
		expect(matchesFilterPolicy(p, attrs({ a: S('y') }))).toBe(true);
		expect(matchesFilterPolicy(p, attrs({ a: S('x') }))).toBe(false);
	});
});

describe('SNS-FP-17 complexity', () => {
	const list = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
	const tooComplex = /^Invalid parameter: FilterPolicy: Filter policy is too complex$/;

	it('SNS-FP-17: 150 combinations are allowed, 151 are not (one key)', () => {
		expect(() => parseFilterPolicy({ a: list(150) })).not.toThrow();
		expect(() => parseFilterPolicy({ a: list(151) })).toThrow(tooComplex);
	});

	it('SNS-FP-17: the product of the value counts', () => {
		expect(() => parseFilterPolicy({ a: list(10), b: list(15) })).not.toThrow();
		expect(() => parseFilterPolicy({ a: list(10), b: list(15), c: ['x', 'y'] })).toThrow(tooComplex);
		expect(() => parseFilterPolicy({ key1: list(100), key2: list(51) })).toThrow(tooComplex);
		expect(parseFilterPolicy({ key_a: list(3), key_b: list(1), key_c: list(2) }).combinations).toBe(6);
	});

	it('SNS-FP-17: $or branches add up: 150 passes, 151 fails', () => {
		expect(() => parseFilterPolicy({ $or: [{ a: list(75) }, { b: list(75) }] })).not.toThrow();
		expect(() => parseFilterPolicy({ $or: [{ a: list(75) }, { b: list(76) }] })).toThrow(tooComplex);
	});

	it('SNS-FP-17: AWS example with nested $or: (3×6)+(3×4×4)+(3×4×7) = 150 passes', () => {
		const p = parseFilterPolicy({
			source: list(3),
			$or: [
				{ metricName: list(6) },
				{ metricType: list(4), $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: [1, 2, 3, 4, 5, 6, 7] }] }
			]
		});
		expect(p.combinations).toBe(150);
	});

	it('SNS-FP-17: AWS example with nested $or: (4×6)+(4×4×4)+(4×4×4) = 152 fails', () => {
		expect(() =>
			parseFilterPolicy({
				source: list(4),
				$or: [
					{ metricName: list(6) },
					{ metricType: list(4), $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: [1, 2, 3, 4] }] }
				]
			})
		).toThrow(tooComplex);
	});

	it('SNS-FP-17: nested keys count their depth: 4 values at depth 3 and 3 at depth 2 make 72', () => {
		const p = parseFilterPolicy(
			{ key_a: { key_b: { key_c: list(4) } }, key_d: { key_e: list(3) } },
			'MessageBody'
		);
		expect(p.combinations).toBe(72);
		expect(() =>
			parseFilterPolicy(
				{ key_a: { key_b: { key_c: list(4) } }, key_d: { key_e: list(3) }, key_f: list(3) },
				'MessageBody'
			)
		).toThrow(tooComplex);
	});

	it('SNS-FP-17: nested $or in body scope: 24 + 72 + 16 + 48 = 160 fails', () => {
		expect(() =>
			parseFilterPolicy(
				{
					$or: [{ metricName: list(3) }, { namespace: list(2) }],
					detail: { scope: list(2), $or: [{ source: list(1) }, { type: list(3) }] }
				},
				'MessageBody'
			)
		).toThrow(tooComplex);
	});

	it('SNS-FP-17: depth makes exactly 150 and 151 differ in body scope', () => {
		expect(parseFilterPolicy({ a: { b: list(75) } }, 'MessageBody').combinations).toBe(150);
		expect(() =>
			parseFilterPolicy({ a: { b: list(75) }, c: list(1), d: { e: list(1) } }, 'MessageBody')
		).toThrow(tooComplex);
	});

	it('SNS-FP-17: many $or groups cannot blow up the parser', () => {
		const policy: Record<string, unknown> = {};
		let node = policy;
		for (let k = 0; k < 30; k++) {
			const next: Record<string, unknown> = {};
			node[`n${k}`] = next;
			next.$or = [{ a: ['1'] }, { b: ['2'] }];
			node = next;
		}
		// Each alternative has 30 keys, so the key limit trips; the point is that 2^30 alternatives are never built.
		expect(() => parseFilterPolicy(policy, 'MessageBody')).toThrow(/more than 5 keys|too complex/);
	});
});

describe('SNS-FP-1 explanations', () => {
	it('SNS-FP-1: per key and per condition, with the value as it appeared', () => {
		const p = parseFilterPolicy({ region: [{ prefix: 'eu-' }, 'us-east-1'], size: [{ numeric: ['>', 10] }] });
		const x = explainFilterPolicy(p, attrs({ region: S('eu-west-1'), size: N('5') }));
		expect(x).toEqual({
			matched: false,
			keys: [
				{
					path: 'region',
					matched: true,
					actual: '"eu-west-1"',
					conditions: [
						{ condition: 'prefix "eu-"', matched: true },
						{ condition: 'equals "us-east-1"', matched: false }
					]
				},
				{
					path: 'size',
					matched: false,
					actual: '5',
					conditions: [{ condition: 'numeric > 10', matched: false }]
				}
			],
			or: []
		});
		expect(JSON.parse(JSON.stringify(x))).toEqual(x);
	});

	it('SNS-FP-4: a missing key is shown as missing', () => {
		const p = parseFilterPolicy({ a: [{ 'anything-but': ['x', 'y'] }] });
		const k = explainFilterPolicy(p, attrs({ b: S('1') })).keys[0];
		expect(k?.actual).toBe('missing');
		expect(k?.conditions[0]).toEqual({ condition: 'anything-but ["x", "y"]', matched: false });
	});

	it('SNS-FP-14: $or branches are explained one by one', () => {
		const p = parseFilterPolicy({ c: ['x'], $or: [{ a: ['1'] }, { b: [{ numeric: ['>=', 1, '<', 2] }] }] });
		const x = explainFilterPolicy(p, attrs({ c: S('x'), b: N('1.5') }));
		expect(x.matched).toBe(true);
		expect(x.or).toHaveLength(1);
		expect(x.or[0]?.matched).toBe(true);
		expect(x.or[0]?.branches.map((b) => b.matched)).toEqual([false, true]);
		expect(x.or[0]?.branches[1]?.keys[0]?.conditions[0]?.condition).toBe('numeric >= 1 and < 2');
	});

	it('SNS-FP-15: notes say why nothing could match', () => {
		const p = parseFilterPolicy({ a: [{ exists: false }] }, 'MessageBody');
		expect(explainFilterPolicy(p, body('not json')).note).toMatch(/not a JSON object/);
		const q = parseFilterPolicy({ a: [{ exists: false }] });
		expect(explainFilterPolicy(q, attrs({})).note).toMatch(/no attributes/);
		const r = parseFilterPolicy({ items: { a: ['1'], b: ['2'] } }, 'MessageBody');
		const x = explainFilterPolicy(r, body({ items: [{ a: '1' }, { b: '2' }] }));
		expect(x.matched).toBe(false);
		expect(x.keys.every((k) => k.matched)).toBe(true);
		expect(x.note).toMatch(/same array/);
	});

	it('SNS-FP-16: Binary attributes are noted', () => {
		const p = parseFilterPolicy({ b: ['x'] });
		expect(explainFilterPolicy(p, attrs({ b: BIN, c: S('1') })).keys[0]?.note).toMatch(/Binary/);
	});

	it('SNS-FP-1: every operator has a readable description', () => {
		const p = parseFilterPolicy({
			a: [
				'x',
				7,
				null,
				'10.0.0.1',
				{ 'equals-ignore-case': 'Y' },
				{ suffix: { 'equals-ignore-case': '.Z' } },
				{ wildcard: '*a' },
				{ cidr: '10.0.0.0/8' }
			],
			b: [
				{ numeric: ['=', 3] },
				{ exists: true },
				{ 'anything-but': { wildcard: 'q*' } },
				{ 'anything-but': 5 }
			]
		});
		const text = explainFilterPolicy(p, attrs({ a: S('x') }))
			.keys.flatMap((k) => k.conditions.map((c) => c.condition))
			.join(' | ');
		expect(text).toBe(
			'equals "x" | equals 7 | equals null | equals IP address 10.0.0.1 | equals-ignore-case "Y" | ' +
				'suffix (ignoring case) ".Z" | wildcard "*a" | cidr 10.0.0.0/8 | numeric = 3 | exists true | ' +
				'anything-but wildcard "q*" | anything-but 5'
		);
	});
});

describe('SNS-FP-13 address conversion quirks', () => {
	it('SNS-FP-13: a numeric pattern on the same key stops address matching (values become numbers first)', () => {
		const p = parseFilterPolicy({ ip: [{ cidr: '10.0.0.0/8' }, 5] });
		expect(matchesFilterPolicy(p, attrs({ ip: S('10.1.1.1') }))).toBe(false);
		expect(matchesFilterPolicy(p, attrs({ ip: N('5') }))).toBe(true);
	});

	it('SNS-FP-13: with an address pattern on the key, address values no longer match string operators', () => {
		const p = parseFilterPolicy({ ip: [{ cidr: '192.168.0.0/16' }, { prefix: '10.' }] });
		expect(matchesFilterPolicy(p, attrs({ ip: S('10.0.0.1') }))).toBe(false);
		expect(matchesFilterPolicy(p, attrs({ ip: S('10.x') }))).toBe(true);
		expect(matchesFilterPolicy(p, attrs({ ip: S('192.168.3.4') }))).toBe(true);
	});

	it('SNS-FP-13: IPv4-mapped IPv6 addresses are IPv4 addresses', () => {
		const p = parseFilterPolicy({ ip: [{ cidr: '10.0.0.0/8' }] });
		expect(matchesFilterPolicy(p, attrs({ ip: S('::ffff:a00:1') }))).toBe(true);
	});
});

describe('SNS-FP properties', () => {
	const value = fc.constantFrom('a', 'b', 'c', 'eu-1', 'us-2', 'A');
	const cond = fc.oneof(
		value,
		value.map((v) => ({ prefix: v.slice(0, 1) })),
		value.map((v) => ({ suffix: v.slice(-1) })),
		value.map((v) => ({ 'equals-ignore-case': v })),
		value.map((v) => ({ 'anything-but': v })),
		fc.array(value, { minLength: 1, maxLength: 2 }).map((vs) => ({ 'anything-but': vs })),
		fc.boolean().map((b) => ({ exists: b }))
	);
	const keyName = fc.constantFrom('k1', 'k2', 'k3');
	const branch = fc.dictionary(keyName, fc.array(cond, { minLength: 1, maxLength: 3 }), {
		minKeys: 1,
		maxKeys: 2
	});
	const attributeSet = fc.dictionary(
		fc.constantFrom('k1', 'k2', 'k3', 'k4'),
		fc.oneof(value.map(S), fc.array(value, { maxLength: 3 }).map(A), fc.constant(BIN)),
		{ maxKeys: 4 }
	);
	const bodyValue = fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.constant(null));
	const bodyObject = fc.dictionary(fc.constantFrom('k1', 'k2', 'k3', 'k4'), bodyValue, { maxKeys: 4 });

	it('SNS-FP-14: $or of policies equals the union of its branches (attribute scope)', () => {
		fc.assert(
			fc.property(fc.array(branch, { minLength: 2, maxLength: 3 }), attributeSet, (branches, attributes) => {
				const m = attrs(attributes);
				const or = matchesFilterPolicy(parseFilterPolicy({ $or: branches }), m);
				const union = branches.some((b) => matchesFilterPolicy(parseFilterPolicy(b), m));
				expect(or).toBe(union);
			})
		);
	});

	it('SNS-FP-14: $or equals the union of its branches, also beside other keys (body scope)', () => {
		const small = fc.dictionary(keyName, fc.array(cond, { minLength: 1, maxLength: 2 }), {
			minKeys: 1,
			maxKeys: 2
		});
		fc.assert(
			fc.property(small, small, small, bodyObject, (common, b1, b2, b) => {
				// Keys written twice are overwritten, not ANDed (Ruler), so keep the neighbour's keys apart.
				fc.pre(Object.keys(common).every((k) => !(k in b1) && !(k in b2)));
				const m = body(b);
				const matches = (policy: object) => matchesFilterPolicy(parseFilterPolicy(policy, 'MessageBody'), m);
				const union = matches(b1) || matches(b2);
				expect(matches({ $or: [b1, b2] })).toBe(union);
				expect(matches({ ...common, $or: [b1, b2] })).toBe(matches(common) && union);
			})
		);
	});

	it('SNS-FP-2: the order of keys and attributes does not matter', () => {
		fc.assert(
			fc.property(branch, attributeSet, (policy, attributes) => {
				const reversed = Object.fromEntries(Object.entries(policy).reverse());
				const shuffled = Object.fromEntries(Object.entries(attributes).reverse());
				expect(matchesFilterPolicy(parseFilterPolicy(policy), attrs(attributes))).toBe(
					matchesFilterPolicy(parseFilterPolicy(reversed), attrs(shuffled))
				);
			})
		);
	});

	it('SNS-FP-3: the order of values within a key does not matter', () => {
		fc.assert(
			fc.property(branch, bodyObject, (policy, b) => {
				const reversed = Object.fromEntries(Object.entries(policy).map(([k, v]) => [k, [...v].reverse()]));
				expect(matchesFilterPolicy(parseFilterPolicy(policy, 'MessageBody'), body(b))).toBe(
					matchesFilterPolicy(parseFilterPolicy(reversed, 'MessageBody'), body(b))
				);
			})
		);
	});

	it('SNS-FP-1: explain().matched always equals matches()', () => {
		fc.assert(
			fc.property(
				fc.array(branch, { minLength: 1, maxLength: 3 }),
				attributeSet,
				bodyObject,
				fc.boolean(),
				(branches, attributes, b, inBody) => {
					const scope: FilterPolicyScope = inBody ? 'MessageBody' : 'MessageAttributes';
					const policy = branches.length === 1 ? branches[0] : { $or: branches };
					const p = parseFilterPolicy(policy as object, scope);
					const m: MessageForFilter = { attributes, body: JSON.stringify({ ...b, list: [b, b] }) };
					expect(explainFilterPolicy(p, m).matched).toBe(matchesFilterPolicy(p, m));
				}
			)
		);
	});

	it('SNS-FP-1: parsing is deterministic and the parsed policy is plain data', () => {
		fc.assert(
			fc.property(branch, (policy) => {
				const a = parseFilterPolicy(policy);
				expect(parseFilterPolicy(JSON.stringify(policy))).toEqual(a);
				expect(JSON.parse(JSON.stringify(a))).toEqual(a);
			})
		);
	});
});
