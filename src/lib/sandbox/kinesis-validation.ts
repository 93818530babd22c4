// KIN-16: Kinesis request validation as Kinesis records it. A request is first deserialized (a member of the
// wrong type is a SerializationException at once, shape.ts's CORAL_JSON); then every constraint of the API
// model is checked (required members, lengths, patterns, ranges, enum values) and all failures are reported
// together in one ValidationException, "2 validation errors detected: Value '…' at 'streamName' failed to
// satisfy constraint: …; …", with member paths such as records.1.member.partitionKey (at most 10); only
// then does the service look the stream up. Evidence: kinesalite's validation tests, run against real
// Kinesis (test/putRecord.js, putRecords.js, getShardIterator.js, getRecords.js, mergeShards.js,
// splitShard.js, createStream.js, describeStream.js, listShards.js, deleteStream.js,
// increaseStreamRetentionPeriod.js, decreaseStreamRetentionPeriod.js, "should return ValidationException
// for …"). The checks of each member are in the order those tests list them.

import { awsError } from '../services/shared';
import {
	CORAL_JSON,
	parseInput,
	type Constraint,
	type Missing,
	type Protocol,
	type Shape,
	camel
} from './shape';

/** One member's constraints (the API model's): its name as the request spells it, and what it must be. */
export interface MemberRule {
	/** The request member (`StreamName`), or a list member's member (`Records.*.PartitionKey`). */
	member: string;
	kind: 'string' | 'integer' | 'blob' | 'list' | 'enum' | 'map';
	required?: boolean;
	pattern?: { re: RegExp; text: string };
	min?: number;
	max?: number;
	values?: readonly string[];
	/** A map's keys, or a list's string members: their length bounds (AddTagsToStream, RemoveTagsFromStream). */
	itemMin?: number;
	itemMax?: number;
	/** A map's values: their length bounds. */
	valueMin?: number;
	valueMax?: number;
}

/** AWS's name pattern (streams, shards, consumers). */
export const NAME_PATTERN = { re: /^[a-zA-Z0-9_.-]+$/, text: '[a-zA-Z0-9_.-]+' };
/** AWS's hash key pattern. */
export const HASH_KEY_PATTERN = { re: /^(0|[1-9]\d{0,38})$/, text: '0|([1-9]\\d{0,38})' };
/** AWS's sequence number pattern. */
export const SEQUENCE_PATTERN = { re: /^(0|[1-9]\d{0,128})$/, text: '0|([1-9]\\d{0,128})' };

/** The common rules: a stream name, a shard id. */
export function nameRule(member: string, required = false): MemberRule {
	return { member, kind: 'string', required, pattern: NAME_PATTERN, min: 1, max: 128 };
}

const INT_MAX = 2_147_483_647;

/** How Kinesis prints a value in its message (numbers as Java ints, bytes as a Java ByteBuffer). */
function printed(rule: MemberRule, value: unknown): string {
	if (rule.kind === 'integer' && typeof value === 'number') {
		const n = Math.trunc(value);
		return String(Math.max(-INT_MAX - 1, Math.min(INT_MAX, n)));
	}
	if (rule.kind === 'blob') {
		const n = byteLength(value);
		return `java.nio.HeapByteBuffer[pos=0 lim=${n} cap=${n}]`;
	}
	if (rule.kind === 'map' && value !== null && typeof value === 'object') {
		// Java's Map.toString: {k=v, k2=v2}
		return `{${Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => `${k}=${String(v)}`)
			.join(', ')}}`;
	}
	if (rule.kind === 'list' && Array.isArray(value) && value.every((x) => typeof x === 'string')) {
		return `[${value.join(', ')}]`; // Java's List.toString
	}
	if (rule.kind === 'list' && Array.isArray(value)) {
		return `[${value.map(() => 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310').join(', ')}]`;
	}
	return String(value);
}

function byteLength(value: unknown): number {
	if (typeof value === 'string') return new TextEncoder().encode(value).length;
	if (ArrayBuffer.isView(value)) return value.byteLength;
	return 0;
}

function lengthOf(rule: MemberRule, value: unknown): number {
	if (rule.kind === 'blob') return byteLength(value);
	if (Array.isArray(value)) return value.length;
	if (rule.kind === 'map' && value !== null && typeof value === 'object') return Object.keys(value).length;
	// Kinesis counts characters (code points) in strings.
	return [...String(value)].length;
}

/** The failures of one value against its rule, in the order Kinesis reports them. */
function check(rule: MemberRule, at: string, value: unknown, out: string[]): void {
	const fail = (what: string) =>
		out.push(`Value '${printed(rule, value)}' at '${at}' failed to satisfy constraint: Member must ${what}`);
	if (rule.kind === 'enum') {
		if (rule.values && !rule.values.includes(String(value))) {
			fail(`satisfy enum value set: [${rule.values.join(', ')}]`);
		}
		return;
	}
	if (rule.kind === 'integer') {
		const n = Number(printed(rule, value));
		if (rule.min !== undefined && n < rule.min) fail(`have value greater than or equal to ${rule.min}`);
		if (rule.max !== undefined && n > rule.max) fail(`have value less than or equal to ${rule.max}`);
		return;
	}
	if (rule.pattern && typeof value === 'string' && !rule.pattern.re.test(value)) {
		fail(`satisfy regular expression pattern: ${rule.pattern.text}`);
	}
	const len = lengthOf(rule, value);
	if (rule.min !== undefined && len < rule.min) fail(`have length greater than or equal to ${rule.min}`);
	if (rule.max !== undefined && len > rule.max) fail(`have length less than or equal to ${rule.max}`);
	// Recorded: kinesalite test/addTagsToStream.js, "long tag key", "long tag value"; and
	// test/removeTagsFromStream.js, "long TagKey": a member outside its bounds names both bounds.
	const within = (n: number, min = 0, max = Infinity) => n >= min && n <= max;
	const bounds = (min = 0, max = Infinity) =>
		`[Member must have length less than or equal to ${max}, Member must have length greater than or equal to ${min}]`;
	const chars = (x: string) => [...x].length;
	if (rule.kind === 'map' && value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>);
		if (rule.itemMax !== undefined && !entries.every(([k]) => within(chars(k), rule.itemMin, rule.itemMax))) {
			out.push(
				`Value '${printed(rule, value)}' at '${at}' failed to satisfy constraint: Map keys must satisfy constraint: ${bounds(rule.itemMin, rule.itemMax)}`
			);
		}
		if (
			rule.valueMax !== undefined &&
			!entries.every(([, v]) => within(chars(String(v)), rule.valueMin, rule.valueMax))
		) {
			out.push(
				`Value '${printed(rule, value)}' at '${at}' failed to satisfy constraint: Map value must satisfy constraint: ${bounds(rule.valueMin, rule.valueMax)}`
			);
		}
	}
	if (rule.kind === 'list' && Array.isArray(value) && rule.itemMax !== undefined) {
		if (!value.every((x) => within(chars(String(x)), rule.itemMin, rule.itemMax))) {
			fail(`satisfy constraint: ${bounds(rule.itemMin, rule.itemMax)}`);
		}
	}
}

function own(record: unknown, key: string): unknown {
	if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
	return Object.prototype.hasOwnProperty.call(record, key)
		? (record as Record<string, unknown>)[key]
		: undefined;
}

/** A path as a rule names it: `Records.*.Data`. */
function ruleKey(path: Missing['path']): string {
	return path.map((s) => ('member' in s ? s.member : 'index' in s ? '*' : s.key)).join('.');
}

/** Thrown by the collecting protocol when required members are absent: checked with the rest below. */
class Absent extends Error {
	constructor(
		readonly missing: readonly Missing[],
		readonly constraints: readonly Constraint[]
	) {
		super('absent');
	}
}

const COLLECTING: Protocol = {
	...CORAL_JSON,
	invalid(missing, constraints) {
		return new Absent(missing, constraints) as never;
	}
};

/** The texts of every constraint the request breaks, member by member in the rules' order. */
export function violations(rules: readonly MemberRule[], input: unknown): string[] {
	const out: string[] = [];
	for (const rule of rules) {
		const [head, star, tail] = rule.member.split('.');
		if (star === '*' && tail !== undefined) {
			const list = own(input, head as string);
			if (!Array.isArray(list)) continue;
			list
				.filter((x) => x !== null && x !== undefined)
				.forEach((entry, i) => {
					const v = own(entry, tail);
					const at = camel([{ member: head as string }, { index: i }, { member: tail }]);
					if (v === null || v === undefined) {
						if (rule.required)
							out.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
					} else check(rule, at, v, out);
				});
			continue;
		}
		const v = own(input, rule.member);
		const at = camel([{ member: rule.member }]);
		if (v === null || v === undefined) {
			if (rule.required)
				out.push(`Value null at '${at}' failed to satisfy constraint: Member must not be null`);
		} else check(rule, at, v, out);
	}
	return out;
}

/** KIN-16: the ValidationException for these failures (AWS lists at most 10). */
export function validationException(texts: readonly string[]): Error {
	const shown = texts.slice(0, 10);
	const n = shown.length;
	return awsError(
		'ValidationException',
		`${n} validation error${n === 1 ? '' : 's'} detected: ${shown.join('; ')}`
	);
}

/**
 * KIN-16: the request as Kinesis reads it: deserialized against `shape` (wrong types fail at once), then
 * every rule checked and all failures reported in one ValidationException. Required members are the
 * rules' (not the shape's): the shape only types the members.
 */
export function parseKinesis<T>(shape: Shape, raw: T, rules: readonly MemberRule[]): T {
	let input: T;
	let nested: string[] = [];
	try {
		input = parseInput(shape, raw, COLLECTING);
	} catch (err) {
		if (!(err instanceof Absent)) throw err;
		input = (raw ?? {}) as T; // the types were read; only constraints failed
		// What the rules do not cover: members inside structures (StreamModeDetails.StreamMode) and enums.
		const covered = new Set(rules.map((r) => r.member));
		nested = [
			...err.missing
				.filter((m) => !covered.has(ruleKey(m.path)))
				.map((m) => `Value null at '${camel(m.path)}' failed to satisfy constraint: Member must not be null`),
			...err.constraints.map(
				(c) =>
					`Value '${c.value}' at '${camel(c.path)}' failed to satisfy constraint: Member must satisfy enum value set: [${c.values.join(', ')}]`
			)
		];
	}
	const texts = [...violations(rules, input), ...nested];
	if (texts.length > 0) throw validationException(texts);
	return input;
}
