// Fuzzing the three decoders that read untrusted input: the scenario format, share links and SNS filter
// policies. Every property has a fixed seed, so a failure reproduces; fast-check prints the seed and the
// shrunk counterexample. FUZZ_RUNS=<n> runs every property n times for a deeper local run.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeSchema, ScenarioError, ScenarioSchema, type ParseResult, type Scenario } from '$lib/engine';
import { loadScenario, parseScenario } from '$lib/services';
import { createSimulation } from '$lib/services';
import {
	explainFilterPolicy,
	FilterPolicyError,
	matchesFilterPolicy,
	parseFilterPolicy,
	type FilterPolicyScope,
	type MessageForFilter
} from '$lib/services/sns/filter-policy';
import { decodeShareFragment, encodeShareFragment, MAX_FRAGMENT, type SharedRun } from '$lib/share/link';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);
/** Options for fc.assert: a fixed seed, and `runs` unless FUZZ_RUNS asks for more. */
const opts = (seed: number, runs: number) => ({
	seed,
	numRuns: Number.isInteger(FUZZ_RUNS) && FUZZ_RUNS > 0 ? FUZZ_RUNS : runs
});

/** A deeper run takes longer than the default per-test timeout. */
const TIMEOUT = { timeout: FUZZ_RUNS > 0 ? 3_600_000 : 60_000 };

const FILES = readdirSync('scenarios')
	.filter((f) => f.endsWith('.json'))
	.sort();
const RAW: unknown[] = FILES.map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')));
const SCENARIOS: Scenario[] = RAW.map((raw) => loadScenario(raw));

// Helpers -------------------------------------------------------------------------------------------------

type Key = string | number;

/** Sets an own property even when the key is `__proto__` (plain assignment would change the prototype). */
function put(target: object, key: Key, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function deepArray(depth: number, leaf: unknown = 1): unknown {
	let v = leaf;
	for (let k = 0; k < depth; k++) v = [v];
	return v;
}

function deepObject(depth: number, leaf: unknown = ['x'], key = 'a'): unknown {
	let v = leaf;
	for (let k = 0; k < depth; k++) v = { [key]: v };
	return v;
}

/** Every location in a JSON tree down to 40 levels (the root is []). */
function locations(x: unknown, at: Key[] = [], out: Key[][] = []): Key[][] {
	out.push(at);
	if (at.length >= 40) return out;
	if (Array.isArray(x)) x.forEach((v, k) => locations(v, [...at, k], out));
	else if (x !== null && typeof x === 'object')
		for (const [k, v] of Object.entries(x)) locations(v, [...at, k], out);
	return out;
}

function get(x: unknown, path: Key[]): unknown {
	let v = x;
	for (const k of path) v = (v as Record<Key, unknown>)[k];
	return v;
}

const OPS = ['delete', 'replace', 'retype', 'nest', 'add-key'] as const;
type Mutation = { pick: number; op: (typeof OPS)[number]; value: unknown; key: string; depth: number };

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** A value that tends to break decoders: edges of ranges, non-finite numbers, NaN-like text, long text. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom<unknown>(
		1e308,
		-1e308,
		2 ** 53 + 2,
		-(2 ** 31),
		2 ** 32,
		1e21,
		0.5,
		-0,
		-1,
		0,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		Number.NEGATIVE_INFINITY,
		'NaN',
		'Infinity',
		'-Infinity',
		'1e999',
		'0x10',
		' 1',
		'',
		'__proto__',
		'constructor',
		'arn:aws:sqs:us-east-1:000000000000:q',
		'queue.fifo',
		'<img src=x onerror=alert(1)>',
		true,
		false,
		null,
		[],
		{}
	),
	fc.jsonValue({ maxDepth: 3 }),
	fc.string({ maxLength: 40 }),
	fc.integer(),
	fc.double(),
	fc.integer({ min: 1, max: 5000 }).map((n) => 'x'.repeat(n * 40)),
	fc.integer({ min: 1, max: 3000 }).map((n) => deepArray(n)),
	fc.integer({ min: 1, max: 3000 }).map((n) => deepObject(n))
);

const mutation: fc.Arbitrary<Mutation> = fc.record({
	pick: fc.nat(),
	op: fc.constantFrom(...OPS),
	value: nasty,
	key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 })),
	depth: fc.integer({ min: 1, max: 2000 })
});

function retype(v: unknown): unknown {
	if (typeof v === 'number') return String(v);
	if (typeof v === 'string') return v === '' ? 0 : Number.isNaN(Number(v)) ? v.length : Number(v);
	if (typeof v === 'boolean') return v ? 'true' : 0;
	if (Array.isArray(v)) return { ...v };
	if (v !== null && typeof v === 'object') return Object.entries(v);
	return {};
}

/** Applies the mutations to a copy of `doc`, each at a location picked among the current ones. */
function mutate(doc: unknown, mutations: Mutation[]): unknown {
	let root = JSON.parse(JSON.stringify(doc)) as unknown;
	for (const m of mutations) {
		const all = locations(root);
		const path = all[m.pick % all.length] as Key[];
		const here = get(root, path);
		let next: unknown = here;
		switch (m.op) {
			case 'delete':
			case 'replace':
			case 'retype':
			case 'nest':
				next =
					m.op === 'replace'
						? m.value
						: m.op === 'retype'
							? retype(here)
							: m.op === 'nest'
								? m.pick % 2 === 0
									? deepArray(m.depth, here)
									: deepObject(m.depth, here, m.key)
								: undefined;
				break;
			case 'add-key':
				if (here !== null && typeof here === 'object' && !Array.isArray(here)) put(here, m.key, m.value);
				continue;
		}
		if (path.length === 0) {
			root = next;
			continue;
		}
		const parent = get(root, path.slice(0, -1)) as Record<Key, unknown> | unknown[];
		const key = path[path.length - 1] as Key;
		if (m.op === 'delete') {
			if (Array.isArray(parent)) parent.splice(key as number, 1);
			else delete parent[key];
		} else put(parent, key, next);
	}
	return root;
}

const TOP_KEYS = new Set(Object.keys(ScenarioSchema.entries));

/** A short run of an accepted scenario: at most 5 simulated seconds and 1,000 events. */
function shortRun(scenario: Scenario): void {
	const sim = createSimulation({ ...scenario, durationMs: Math.min(scenario.durationMs, 5_000) });
	for (let k = 0; k < 1_000 && sim.step(); k++);
	expect(sim.now()).toBeLessThanOrEqual(5_000);
}

/** parseScenario's contract: a scenario, or errors that each name a path and say what is wrong. */
function checkResult(r: ParseResult, input: unknown): void {
	if (r.ok) {
		expect(r.scenario.version).toBe(1);
		shortRun(r.scenario);
		return;
	}
	expect(r.errors.length).toBeGreaterThan(0);
	const isObject = input !== null && typeof input === 'object' && !Array.isArray(input);
	for (const e of r.errors) {
		expect(typeof e.message).toBe('string');
		expect(e.message.trim().length).toBeGreaterThan(0);
		expect(typeof e.path).toBe('string');
		if (isObject) {
			// The path starts at a field of the scenario: `nodes[2].VisibilityTimeout`, `version`… or it
			// names an unknown field of the document itself, which is then the error.
			const head = /^[^.[]+/.exec(e.path)?.[0];
			if (!TOP_KEYS.has(head ?? '')) {
				expect(e.path).not.toBe('');
				expect(e.message).toMatch(/^unknown parameter; /);
			}
		}
	}
}

/** loadScenario's contract: a scenario or a ScenarioError, nothing else. */
function checkLoad(input: unknown): void {
	try {
		loadScenario(input);
	} catch (err) {
		expect(err).toBeInstanceOf(ScenarioError);
		expect((err as ScenarioError).errors.length).toBeGreaterThan(0);
		expect((err as ScenarioError).message.length).toBeGreaterThan(0);
	}
}

function decodeBoth(input: unknown): void {
	checkResult(parseScenario(input), input);
	checkLoad(input);
	let text: string | undefined;
	try {
		text = JSON.stringify(input);
	} catch {
		text = undefined; // deeper than JSON.stringify can go: the value route above covered it
	}
	if (text !== undefined) checkResult(parseScenario(text), JSON.parse(text));
}

// 1. The scenario decoder --------------------------------------------------------------------------------

/** Field names per node type, read from the schema, so random nodes reach every field's rules. */
const FIELDS = NodeSchema.options.map((o) => ({
	type: o.entries.type.literal,
	keys: Object.keys(o.entries).filter((k) => k !== 'type')
}));

const randomNode = fc
	.record({
		kind: fc.nat(FIELDS.length - 1),
		id: fc.oneof(fc.constantFrom('q', 'p', 'c', 't', 's', 'q.fifo', 'constructor', '__proto__'), fc.string()),
		fields: fc.array(fc.tuple(fc.nat(), nasty), { maxLength: 6 })
	})
	.map(({ kind, id, fields }) => {
		const spec = FIELDS[kind] as (typeof FIELDS)[number];
		const node: Record<string, unknown> = { id, type: spec.type };
		for (const [k, value] of fields) put(node, spec.keys[k % spec.keys.length] as string, value);
		return node;
	});

const randomScenario = fc.record(
	{
		version: fc.oneof(fc.constant(1), nasty),
		name: fc.oneof(fc.constant('fuzz'), nasty),
		seed: fc.oneof(fc.nat(), nasty),
		durationMs: fc.oneof(fc.integer({ min: 1, max: 20_000 }), nasty),
		nodes: fc.oneof(fc.array(randomNode, { maxLength: 6 }), nasty),
		description: nasty,
		fidelityNotes: nasty
	},
	{ requiredKeys: ['version', 'name', 'seed', 'durationMs', 'nodes'] }
);

describe('fuzz: scenario decoder (parseScenario / loadScenario)', TIMEOUT, () => {
	it('accepts every scenario file and runs it briefly', () => {
		for (const s of SCENARIOS) shortRun(s);
	});

	it('random strings never throw and are rejected with a message', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
				const r = parseScenario(text);
				checkResult(r, undefined);
				checkLoad(text);
			}),
			opts(0x5ce1, 150)
		);
	});

	it('random JSON values never throw', () => {
		fc.assert(
			fc.property(fc.oneof(fc.jsonValue(), nasty), (value) => decodeBoth(value)),
			opts(0x5ce2, 150)
		);
	});

	it('random scenario-shaped documents never throw; accepted ones run', () => {
		fc.assert(
			fc.property(randomScenario, (doc) => decodeBoth(doc)),
			opts(0x5ce3, 150)
		);
	});

	it('mutations of the scenario files never throw; accepted ones run', () => {
		fc.assert(
			fc.property(
				fc.nat(RAW.length - 1),
				fc.array(mutation, { minLength: 1, maxLength: 4 }),
				(file, mutations) => decodeBoth(mutate(RAW[file], mutations))
			),
			opts(0x5ce4, 200)
		);
	});

	it('truncated scenario files are rejected with a JSON syntax message', () => {
		fc.assert(
			fc.property(fc.nat(RAW.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (file, at) => {
				const text = JSON.stringify(RAW[file], null, '\t');
				const cut = text.slice(0, Math.min(text.length - 1, Math.floor(at * text.length)));
				const r = parseScenario(cut);
				expect(r.ok).toBe(false);
				if (!r.ok) expect(r.errors[0]?.message).toMatch(/^not valid JSON: /);
				checkLoad(cut);
			}),
			opts(0x5ce5, 200)
		);
	});

	it('SNS-FP-17: a filter policy nested 200,000 levels deep is an error at its path, not a crash', () => {
		for (const field of ['FilterPolicy', 'DeliveryPolicy'] as const) {
			const doc = {
				version: 1,
				name: 'deep',
				seed: 1,
				durationMs: 1000,
				nodes: [
					{
						id: 't',
						type: 'sns-topic',
						Subscriptions: [
							{ Protocol: 'http', Endpoint: 'http://example.com', [field]: deepObject(200_000) }
						]
					}
				]
			};
			const r = parseScenario(doc);
			expect(r.ok).toBe(false);
			if (!r.ok) {
				expect(r.errors).toContainEqual({
					path: `nodes[0].Subscriptions[0].${field}`,
					message: 'must be nested at most 1000 levels deep'
				});
			}
			expect(() => loadScenario(doc)).toThrow(ScenarioError);
		}
	});

	it('a null where a union is expected is reported at its field (found by this fuzzer, seed 23780)', () => {
		const doc = {
			version: 1,
			name: 'null',
			seed: 1,
			durationMs: 1000,
			nodes: [{ id: 'q', type: 'sqs-queue', Nondeterminism: null }]
		};
		expect(parseScenario(doc)).toEqual({
			ok: false,
			errors: [
				{ path: 'nodes[0].Nondeterminism', message: 'must be off, typical, classroom or an object of rates' }
			]
		});
	});

	it('ESM-SQS-7: a Lambda filter pattern nested 200,000 levels deep is an error at its path', () => {
		const doc = {
			version: 1,
			name: 'deep',
			seed: 1,
			durationMs: 1000,
			nodes: [
				{ id: 'q', type: 'sqs-queue' },
				{
					id: 'f',
					type: 'lambda',
					source: 'q',
					FilterCriteria: { Filters: [{ Pattern: deepObject(200_000) }] }
				}
			]
		};
		const r = parseScenario(doc);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.errors).toContainEqual({
				path: 'nodes[1].FilterCriteria.Filters[0].Pattern',
				message: 'must be nested at most 1000 levels deep'
			});
		}
	});
});

// 2. The share-link decoder -------------------------------------------------------------------------------

function toB64(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('base64url');
}

function fromB64(text: string): Uint8Array {
	return new Uint8Array(Buffer.from(text, 'base64url'));
}

/** The decoder's contract for input that is not a valid link: a clear message, never a throw. */
function expectRejected(r: Awaited<ReturnType<typeof decodeShareFragment>>): void {
	expect(r.ok).toBe(false);
	if (!r.ok) expect(r.error).toMatch(/^(This link|The scenario in this link)/);
}

const sharedRun: fc.Arbitrary<SharedRun> = fc
	.record({
		file: fc.nat(SCENARIOS.length - 1),
		seed: fc.integer({ min: 0, max: 0xffffffff }),
		at: fc.double({ min: 0, max: 1, noNaN: true }),
		view: fc.option(
			fc.record(
				{
					tab: fc.stringMatching(/^[a-z]{1,20}$/),
					speed: fc.double({ min: 0.01, max: 1000, noNaN: true }),
					node: fc.string({ maxLength: 80 })
				},
				{ requiredKeys: [] }
			),
			{ nil: undefined }
		)
	})
	.map(({ file, seed, at, view }) => {
		const scenario = SCENARIOS[file] as Scenario;
		const run: SharedRun = { scenario, seed, t: Math.round(at * scenario.durationMs) };
		if (view && Object.keys(view).length > 0) run.view = view;
		return run;
	});

describe('fuzz: share-link decoder (decodeShareFragment / encodeShareFragment)', TIMEOUT, () => {
	it('valid runs round-trip', async () => {
		await fc.assert(
			fc.asyncProperty(sharedRun, async (run) => {
				const fragment = await encodeShareFragment(run);
				expect(fragment).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
				expect(await decodeShareFragment(fragment)).toEqual({ ok: true, run });
			}),
			opts(0x1111, 60)
		);
	});

	it('random strings resolve to a clear error', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string(),
					fc.string({ unit: 'binary' }),
					fc.string().map((s) => `#v1.${s}`),
					fc.base64String().map((s) => `#v1.${s.replace(/=+$/, '')}`),
					fc.stringMatching(/^#?v\d{1,12}\.[A-Za-z0-9_-]{0,64}$/)
				),
				async (text) => expectRejected(await decodeShareFragment(text))
			),
			opts(0x1112, 300)
		);
	});

	it('truncated links resolve to a clear error', async () => {
		await fc.assert(
			fc.asyncProperty(sharedRun, fc.double({ min: 0, max: 1, noNaN: true }), async (run, at) => {
				const fragment = await encodeShareFragment(run);
				const cut = fragment.slice(0, Math.min(fragment.length - 1, Math.floor(at * fragment.length)));
				expectRejected(await decodeShareFragment(cut));
			}),
			opts(0x1113, 100)
		);
	});

	it('links with flipped bytes resolve to a clear error or to a valid run', async () => {
		await fc.assert(
			fc.asyncProperty(
				sharedRun,
				fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }),
				async (run, flips) => {
					const fragment = await encodeShareFragment(run);
					const bytes = fromB64(fragment.slice(4));
					for (const [at, mask] of flips) bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ mask;
					const r = await decodeShareFragment(`#v1.${toB64(bytes)}`);
					if (r.ok) expect(parseScenario(r.run.scenario).ok).toBe(true);
					else expectRejected(r);
				}
			),
			opts(0x1114, 150)
		);
	});

	it('oversized links and payloads resolve to a clear error', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 1, max: 100_000 }), async (extra) => {
				const r = await decodeShareFragment(`#v1.${'A'.repeat(MAX_FRAGMENT + extra)}`);
				expectRejected(r);
				if (!r.ok) expect(r.error).toMatch(/too long/);
			}),
			opts(0x1115, 10)
		);
		// A small link that unpacks to megabytes.
		const scenario = SCENARIOS[0] as Scenario;
		const bomb = await encodeShareFragment({
			scenario: { ...scenario, fidelityNotes: ['x'.repeat(3_000_000)] },
			seed: 1,
			t: 0
		});
		expect(bomb.length).toBeLessThan(MAX_FRAGMENT);
		const r = await decodeShareFragment(bomb);
		expectRejected(r);
		if (!r.ok) expect(r.error).toMatch(/too large/);
	});
});

// 3. The SNS filter-policy parser and matcher -------------------------------------------------------------

const fpText = fc.oneof(
	fc.constantFrom(
		'',
		'a',
		'A',
		'abc',
		'10.0.0.1',
		'::1',
		'::ffff:10.0.0.1',
		'10.0.0.0/24',
		'2001:db8::/32',
		'*',
		'a*b',
		'a**b',
		'\\*',
		'\\',
		'1.5',
		'null',
		'true',
		'"',
		'$or'
	),
	fc.string({ maxLength: 12 })
);
const fpNumber = fc.oneof(
	fc.integer({ min: -2e9, max: 2e9 }),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.constantFrom(0, 1e9, -1e9, 1e9 + 1, 1e300, 0.000001, 301.5, 5e-324)
);
const fpScalar = fc.oneof(fpText, fpNumber, fc.boolean(), fc.constant(null));
const fpJunk = fc.jsonValue({ maxDepth: 2 });
const orJunk = <T>(a: fc.Arbitrary<T>) =>
	fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fpJunk });
const cmp = fc.constantFrom('=', '<', '<=', '>', '>=');

/** One element of a key's array: a value or an operator object, well-formed or not. */
const fpCondition: fc.Arbitrary<unknown> = fc.oneof(
	fpScalar,
	fc.record({ prefix: orJunk(fc.oneof(fpText, fc.record({ 'equals-ignore-case': fpText }))) }),
	fc.record({ suffix: orJunk(fc.oneof(fpText, fc.record({ 'equals-ignore-case': fpText }))) }),
	fc.record({
		'anything-but': orJunk(
			fc.oneof(
				fpText,
				fpNumber,
				fc.array(fpText, { maxLength: 4 }),
				fc.array(fpNumber, { maxLength: 4 }),
				fc.record({ prefix: orJunk(fpText) }),
				fc.record({ suffix: orJunk(fpText) }),
				fc.record({ 'equals-ignore-case': orJunk(fc.oneof(fpText, fc.array(fpText, { maxLength: 3 }))) }),
				fc.record({ wildcard: orJunk(fc.oneof(fpText, fc.array(fpText, { maxLength: 3 }))) })
			)
		)
	}),
	fc.record({
		numeric: orJunk(
			fc.oneof(
				fc.tuple(cmp, fpNumber),
				fc.tuple(fc.constantFrom('>', '>='), fpNumber, fc.constantFrom('<', '<='), fpNumber),
				fc.array(fc.oneof(cmp, fpNumber, fpText), { maxLength: 5 })
			)
		)
	}),
	fc.record({ exists: orJunk(fc.boolean()) }),
	fc.record({ 'equals-ignore-case': orJunk(fpText) }),
	fc.record({ wildcard: orJunk(fpText) }),
	fc.record({ cidr: orJunk(fpText) }),
	fc.dictionary(
		fc.constantFrom('prefix', 'suffix', 'numeric', 'exists', 'cidr', 'anything-but', 'exactly', 'regex'),
		fpJunk,
		{ maxKeys: 3 }
	)
);

const fpKey = fc.constantFrom(
	'a',
	'b',
	'c',
	'd',
	'e',
	'x.y',
	'',
	'__proto__',
	'constructor',
	'prefix',
	'$or'
);

/** Policies: nested objects of keys, `$or` arrays, arrays of conditions, and junk in any of those places. */
const fpPolicy = fc.letrec((tie) => ({
	node: fc.dictionary(
		fpKey,
		fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.array(fpCondition, { maxLength: 5 }),
			tie('node'),
			tie('or'),
			fpJunk
		),
		{ maxKeys: 5 }
	),
	or: fc.array(tie('node'), { maxLength: 4 })
})).node;

/** Well-formed policies (so that many are accepted and matching is exercised). */
const fpWellFormed = fc.letrec((tie) => ({
	node: fc.dictionary(
		fc.constantFrom('a', 'b', 'c', 'd'),
		fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			fc.array(fpCondition, { minLength: 1, maxLength: 3 }),
			tie('node')
		),
		{ minKeys: 1, maxKeys: 3 }
	),
	or: fc.array(tie('node'), { minLength: 2, maxLength: 3 })
})).node;

/** A body shaped like the policies: the same keys, values, arrays of values and nested objects. */
const fpBody = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fpScalar,
		fc.array(fpScalar, { maxLength: 4 }),
		tie('object'),
		fc.array(tie('object'), { maxLength: 3 })
	),
	object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y'), tie('value'), { maxKeys: 5 })
})).object;

const fpMessage: fc.Arbitrary<MessageForFilter> = fc.record(
	{
		attributes: fc.dictionary(
			fc.constantFrom('a', 'b', 'c', 'd', 'e', 'x.y'),
			fc.record(
				{
					DataType: fc.constantFrom(
						'String',
						'Number',
						'Binary',
						'String.Array',
						'Number.float',
						'String.custom',
						'Binary.x',
						'junk'
					),
					StringValue: fc.oneof(
						fpText,
						fpNumber.map(String),
						fc.array(fpScalar, { maxLength: 4 }).map((a) => JSON.stringify(a)),
						fc.string()
					)
				},
				{ requiredKeys: ['DataType'] }
			),
			{ maxKeys: 6 }
		),
		body: fc.oneof(
			fc.string(),
			fpBody.map((b) => JSON.stringify(b))
		)
	},
	{ requiredKeys: [] }
);

const scope = fc.constantFrom<FilterPolicyScope>('MessageAttributes', 'MessageBody');

/** The parser's contract: a policy, or a FilterPolicyError whose message says what is wrong. */
function tryParse(policy: string | object, s: FilterPolicyScope) {
	try {
		return parseFilterPolicy(policy, s);
	} catch (err) {
		expect(err).toBeInstanceOf(FilterPolicyError);
		expect((err as FilterPolicyError).message).toMatch(/^Invalid parameter: .{5,}/);
		return undefined;
	}
}

/** Matching an accepted policy never throws, and the explanation agrees with the match. */
function checkMatching(policy: ReturnType<typeof parseFilterPolicy>, messages: MessageForFilter[]): void {
	for (const m of messages) {
		const matched = matchesFilterPolicy(policy, m);
		expect(typeof matched).toBe('boolean');
		expect(explainFilterPolicy(policy, m).matched).toBe(matched);
	}
}

describe('fuzz: SNS filter policies (parseFilterPolicy / matchesFilterPolicy)', TIMEOUT, () => {
	it('random policies are accepted or rejected with a clear error; matching never throws', () => {
		fc.assert(
			fc.property(
				fpPolicy,
				fc.boolean(),
				scope,
				fc.array(fpMessage, { maxLength: 4 }),
				(policy, asText, s, messages) => {
					const p = tryParse(asText ? JSON.stringify(policy) : policy, s);
					if (p) checkMatching(p, messages);
				}
			),
			opts(0xf117, 250)
		);
	});

	it('well-formed policies: matching never throws and agrees with the explanation', () => {
		fc.assert(
			fc.property(
				fpWellFormed,
				scope,
				fc.array(fpMessage, { minLength: 1, maxLength: 6 }),
				(policy, s, messages) => {
					const p = tryParse(policy, s);
					if (p) checkMatching(p, messages);
				}
			),
			opts(0xf118, 200)
		);
	});

	it('random text is accepted or rejected with a clear error', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.json(),
					fpPolicy.map((p) => JSON.stringify(p).slice(0, -1))
				),
				scope,
				(text, s) => {
					tryParse(text, s);
				}
			),
			opts(0xf119, 200)
		);
	});

	it('deep nesting and huge arrays are rejected or accepted without hanging', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 5000 }),
				fc.integer({ min: 1, max: 100_000 }),
				fc.boolean(),
				scope,
				(depth, width, asText, s) => {
					tryParse(
						asText ? `${'{"a":'.repeat(depth)}["x"]${'}'.repeat(depth)}` : (deepObject(depth) as object),
						s
					);
					const wide = { a: Array.from({ length: width }, (_, k) => `v${k}`) };
					const p = tryParse(asText ? JSON.stringify(wide) : wide, s);
					// SNS-FP-17: at most 150 combinations.
					expect(p === undefined).toBe(width > 150);
				}
			),
			opts(0xf11a, 10)
		);
	});

	it('SNS-FP-17: a policy object nested 200,000 levels deep is a FilterPolicyError, not a stack overflow', () => {
		expect(() => parseFilterPolicy(deepObject(200_000) as object, 'MessageBody')).toThrow(
			new FilterPolicyError(
				'Invalid parameter: FilterPolicy: failed to parse JSON. Maximum nesting depth exceeded'
			)
		);
		expect(() => parseFilterPolicy(deepObject(1001) as object, 'MessageBody')).toThrow(FilterPolicyError);
		expect(() => parseFilterPolicy('['.repeat(200_000), 'MessageBody')).toThrow(
			/failed to parse JSON. Maximum nesting depth exceeded/
		);
	});

	it('SNS-FP-3: array consistency across many elements is decided without trying every combination', () => {
		const policy = parseFilterPolicy({ o: { w: [1], x: [1], y: [1], z: [1], v: [1] } }, 'MessageBody');
		const many = Array.from({ length: 200 }, () => 1);
		// w, x, y and z are in the first element of o, v only in the second: no element has all five.
		const apart = { o: [{ w: many, x: many, y: many, z: many }, { v: [1] }] };
		expect(matchesFilterPolicy(policy, { body: JSON.stringify(apart) })).toBe(false);
		expect(explainFilterPolicy(policy, { body: JSON.stringify(apart) }).note).toMatch(/different elements/);
		const together = {
			o: [
				{ w: many, x: many, y: many, z: many },
				{ w: [1], x: [1], y: [1], z: [1], v: [1] }
			]
		};
		expect(matchesFilterPolicy(policy, { body: JSON.stringify(together) })).toBe(true);
		// Keys that share an array must take their values from the same element of it.
		const p2 = parseFilterPolicy({ o: { a: ['x'], b: ['y'] } }, 'MessageBody');
		const crossed = { o: [...Array.from({ length: 300 }, () => ({ a: 'x', b: 'n' })), { a: 'n', b: 'y' }] };
		expect(matchesFilterPolicy(p2, { body: JSON.stringify(crossed) })).toBe(false);
		crossed.o.push({ a: 'x', b: 'y' });
		expect(matchesFilterPolicy(p2, { body: JSON.stringify(crossed) })).toBe(true);
	});

	it('SNS-FP-14/17: thousands of $or branches are rejected as too complex without expanding them all', () => {
		const branches = Array.from({ length: 1500 }, (_, k) => ({ [`k${k % 5}`]: [1] }));
		const policy: Record<string, unknown> = {};
		for (let j = 0; j < 8; j++) policy[`n${j}`] = { $or: branches };
		expect(() => parseFilterPolicy(JSON.stringify(policy), 'MessageBody')).toThrow(
			new FilterPolicyError('Invalid parameter: FilterPolicy: Filter policy is too complex')
		);
		// A syntax error after the overflow is still found and reported first.
		policy.n9 = { $or: [...branches, { bad: 'x' }] };
		expect(() => parseFilterPolicy(JSON.stringify(policy), 'MessageBody')).toThrow(
			/"bad" must be an object or an array/
		);
	});
});
