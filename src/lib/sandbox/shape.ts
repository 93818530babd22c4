// Input shapes for the sandbox clients: one place that turns whatever a caller passes into the request AWS
// would see, or into the error AWS would return (issue 14, point 5: the sandbox only throws AWS errors).
// A call plays both halves of a real one:
// 1. The AWS SDK v3 serializer. A missing input is `{}`; null and undefined members, map values and list
//    entries are left out (smithy-client's `_json` does `obj.filter((_) => _ != null)` for lists and skips
//    `obj[key] == null` members; the query serializers skip null entries too). Unknown members are not sent.
// 2. The service's deserializer. The JSON services (SQS's AWS JSON 1.0, Kinesis and Firehose over JSON 1.1)
//    reject a member of the wrong type before the service logic runs; SNS speaks the query protocol, where
//    every scalar travels as text, so a number or boolean arrives as its string (`FifoTopic: true` is
//    "true"). Required members that are absent come next, reported the way each service words it.
// What each service returns, with its evidence, is in the protocol objects below (SQS_JSON, SNS_QUERY,
// CORAL_JSON). The result is a fresh, plain copy of the input: models never see a caller's null, a wrong
// type or an object whose prototype is not Object's.

import { awsError, type AwsError } from '../services/shared';

/** The kinds of member an AWS API model declares (the subset the sandbox's APIs use). */
export type Kind =
	'string' | 'integer' | 'boolean' | 'blob' | 'base64' | 'timestamp' | 'list' | 'map' | 'structure';

export interface Shape {
	readonly kind: Kind;
	readonly required?: boolean;
	/** A list's entries or a map's values. */
	readonly member?: Shape;
	/** A structure's members, in the order AWS reports them. */
	readonly members?: Readonly<Record<string, Shape>>;
	/** A string enum: the values AWS accepts (checked after the types, as a constraint). */
	readonly values?: readonly string[];
	/** A service-specific error for a wrong type here (SQS attribute values: InvalidAttributeValue). */
	readonly wrongType?: (at: string, value: unknown) => AwsError;
}

// Builders ------------------------------------------------------------------------------------------------

export const str: Shape = { kind: 'string' };
export const int: Shape = { kind: 'integer' };
/** Any finite number: the sandbox's own rates and times (whole numbers are the service's to demand). */
export const num: Shape = int;
export const bool: Shape = { kind: 'boolean' };
/** Kinesis and Firehose `Data`: bytes, or (a sandbox convenience) text that is stored as its UTF-8 bytes. */
export const blob: Shape = { kind: 'blob' };
/** SQS and SNS binary attribute values: bytes, or base64 text. */
export const base64: Shape = { kind: 'base64' };
/** A Date, or epoch milliseconds. */
export const timestamp: Shape = { kind: 'timestamp' };

export function list(member: Shape): Shape {
	return { kind: 'list', member };
}

export function map(member: Shape, wrongType?: Shape['wrongType']): Shape {
	return { kind: 'map', member: wrongType ? { ...member, wrongType } : member };
}

export function struct(members: Record<string, Shape>): Shape {
	return { kind: 'structure', members };
}

export function req(shape: Shape): Shape {
	return { ...shape, required: true };
}

export function oneOf(...values: string[]): Shape {
	return { kind: 'string', values };
}

// Paths ---------------------------------------------------------------------------------------------------

/** One step into a request: a structure member, a list entry (0-based) or a map key. */
export type Step = { member: string } | { index: number } | { key: string };
export type Path = readonly Step[];

/** `Entries.1.Id`, `Attributes.FifoQueue`: the parameter names SQS's and SNS's texts use (1-based entries). */
export function dotted(path: Path): string {
	return path.map((s) => ('member' in s ? s.member : 'index' in s ? String(s.index + 1) : s.key)).join('.');
}

/** `records.1.member.data`, `messageAttributes.attr1.member.dataType`: the form of AWS's validation texts. */
export function camel(path: Path): string {
	return path
		.map((s) =>
			'member' in s
				? s.member.charAt(0).toLowerCase() + s.member.slice(1)
				: 'index' in s
					? `${s.index + 1}.member`
					: `${s.key}.member`
		)
		.join('.');
}

/** A value in an error message, whatever it is (no toString call that could throw). */
export function show(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (value === undefined) return 'undefined';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (ArrayBuffer.isView(value)) return `bytes[${value.byteLength}]`;
	try {
		const text = JSON.stringify(value);
		if (text !== undefined) return text.length > 200 ? `${text.slice(0, 200)}…` : text;
	} catch {
		// Too deep or cyclic: fall through.
	}
	return Object.prototype.toString.call(value);
}

// Values as a deserializer sees them ---------------------------------------------------------------------

/** What a JavaScript value would be on the wire. */
export type Found =
	'boolean' | 'number' | 'bigint' | 'string' | 'list' | 'bytes' | 'date' | 'object' | 'other';

export function found(value: unknown): Found {
	switch (typeof value) {
		case 'boolean':
			return 'boolean';
		case 'number':
			return 'number';
		case 'bigint':
			return 'bigint';
		case 'string':
			return 'string';
		case 'object':
			if (Array.isArray(value)) return 'list';
			if (ArrayBuffer.isView(value)) return 'bytes';
			if (value instanceof Date) return 'date';
			return 'object';
		default:
			return 'other'; // functions, symbols
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return found(value) === 'object';
}

/** Sets an own property even when the key is `__proto__` (plain assignment would change the prototype). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
	if (key === '__proto__') {
		Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	} else target[key] = value;
}

/** A member's own value, or undefined (inherited properties are not part of a request). */
function own(record: Record<string, unknown>, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function decodesAsBase64(text: string): boolean {
	try {
		atob(text);
		return true;
	} catch {
		return false;
	}
}

// Protocols -----------------------------------------------------------------------------------------------

/** A required member the request leaves out. */
export interface Missing {
	path: Path;
	shape: Shape;
}

/** A constraint the request breaks after its types were read (enum values). */
export interface Constraint {
	path: Path;
	value: string;
	values: readonly string[];
}

export interface Protocol {
	/** 'json' keeps JSON's types; 'query' sends every scalar as text. */
	readonly wire: 'json' | 'query';
	/** A member of the wrong type (thrown at once: deserialization stops there). */
	wrongType(path: Path, shape: Shape, value: unknown): AwsError;
	/** Required members absent, and broken constraints, after the whole request was read. */
	invalid(missing: readonly Missing[], constraints: readonly Constraint[]): AwsError;
}

const NAME: Record<Kind, string> = {
	string: 'a string',
	integer: 'an integer',
	boolean: 'a boolean',
	blob: 'bytes (a Uint8Array) or a string',
	base64: 'bytes (a Uint8Array) or base64 text',
	timestamp: 'a Date or epoch milliseconds',
	list: 'a list',
	map: 'a map',
	structure: 'a structure'
};

function reason(shape: Shape, value: unknown): string {
	const f = found(value);
	if (shape.kind === 'base64' && f === 'string') return 'must be valid base64 text';
	if (f === 'number' && (shape.kind === 'integer' || shape.kind === 'timestamp')) {
		return 'must be a finite number';
	}
	return `must be ${NAME[shape.kind]} (got ${f === 'list' ? 'a list' : f === 'object' ? 'a map' : f})`;
}

/**
 * SQS over AWS JSON 1.0. No recorded AWS response shows a member of the wrong type, so the closest
 * documented codes are used: `InvalidParameterValue` ("An invalid or out-of-range value was supplied for the
 * input parameter", SQS API Reference, Common Errors) in SQS's recorded wording ("Value 11 for parameter
 * MaxNumberOfMessages is invalid. Reason: …"), and `MissingParameter` with the recorded text "The request
 * must contain the parameter MessageBody." (LocalStack test_sqs.snapshot.json, test_send_empty_message).
 */
export const SQS_JSON: Protocol = {
	wire: 'json',
	wrongType(path, shape, value) {
		const at = dotted(path);
		if (shape.wrongType) return shape.wrongType(at, value);
		return awsError(
			'InvalidParameterValue',
			path.length === 0
				? `The request must be a structure of parameters (got ${show(value)}).`
				: `Value ${show(value)} for parameter ${at} is invalid. Reason: ${reason(shape, value)}.`
		);
	},
	invalid(missing, constraints) {
		const first = missing[0];
		if (first) {
			return awsError('MissingParameter', `The request must contain the parameter ${dotted(first.path)}.`);
		}
		const c = constraints[0] as Constraint;
		return awsError(
			'InvalidParameterValue',
			`Value ${c.value} for parameter ${dotted(c.path)} is invalid. Reason: must be one of ${c.values.join(', ')}.`
		);
	}
};

/**
 * SNS over the query protocol: scalars arrive as text, so numbers and booleans are read as their strings
 * and booleans are parsed from "true"/"false". What cannot travel as text (a list or map where a string
 * belongs, a string where a map belongs) is refused with `InvalidParameterException` in SNS's wording
 * ("Invalid parameter: TopicArn Reason: …", recorded in LocalStack test_sns.snapshot.json); the SDK itself
 * would send "[object Object]" [sim: refused instead]. Absent required members, as recorded there:
 * a top-level string is "Invalid parameter: SubscriptionArn Reason: no value for required parameter"
 * (test_unsubscribe_wrong_arn_format); anything else is a `ValidationError`, "1 validation error detected:
 * Value null at 'messageAttributes.attr1.member.dataType' failed to satisfy constraint: Member must not be
 * null" (test_empty_or_wrong_message_attributes, also for publishBatchRequestEntries.1.member.…).
 */
export const SNS_QUERY: Protocol = {
	wire: 'query',
	wrongType(path, shape, value) {
		const at = dotted(path);
		if (shape.wrongType) return shape.wrongType(at, value);
		return awsError('InvalidParameterException', `Invalid parameter: ${at} Reason: ${reason(shape, value)}`);
	},
	invalid(missing, constraints) {
		const top = missing.find((m) => m.path.length === 1 && m.shape.kind === 'string');
		if (top) {
			return awsError(
				'InvalidParameterException',
				`Invalid parameter: ${dotted(top.path)} Reason: no value for required parameter`
			);
		}
		return validationErrors('ValidationError', missing, constraints);
	}
};

/**
 * Kinesis and Firehose (Coral services over AWS JSON 1.1). A wrong type is a `SerializationException` whose
 * text is Coral's, as kinesalite's tests assert against real Kinesis (mhart/kinesalite test/helpers.js
 * assertType, validations/index.js): "class java.lang.Boolean can not be converted to an String", "Start
 * of list found where not expected", "Expected map or null"… Coral does not say where; the sandbox adds the
 * member on a second line (the first line is AWS's). Absent required members and enum values are constraint
 * failures, reported together in one `ValidationException` (KIN-16): "2 validation errors detected: Value
 * null at 'records' failed to satisfy constraint: Member must not be null; …" (kinesalite
 * test/putRecords.js).
 */
export const CORAL_JSON: Protocol = {
	wire: 'json',
	wrongType(path, shape, value) {
		const text = coralText(shape, value);
		return awsError('SerializationException', path.length === 0 ? text : `${text}\n(member ${camel(path)})`);
	},
	invalid(missing, constraints) {
		return validationErrors('ValidationException', missing, constraints);
	}
};

const BIG_NUMBER = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber';

/** Coral's SerializationException texts (kinesalite's assertType table). */
function coralText(shape: Shape, value: unknown): string {
	const f = found(value);
	if (f === 'list' && shape.kind !== 'list') return 'Start of list found where not expected';
	const structured = f === 'object' || f === 'bytes' || f === 'date' || f === 'other';
	switch (shape.kind) {
		case 'list':
			return f === 'object' ? 'Start of structure or map found where not expected.' : 'Expected list or null';
		case 'map':
			return 'Expected map or null';
		case 'structure':
			return 'Expected null';
		default:
			if (structured && !(f === 'bytes' && shape.kind === 'blob')) {
				return 'Start of structure or map found where not expected.';
			}
	}
	const into: Record<Kind, string> = {
		string: 'an String',
		integer: 'an Integer',
		boolean: 'an Boolean',
		blob: 'a Blob',
		base64: 'a Blob',
		timestamp: 'milliseconds since epoch',
		list: '',
		map: '',
		structure: ''
	};
	if (f === 'boolean') return `class java.lang.Boolean can not be converted to ${into[shape.kind]}`;
	if (f === 'string') {
		return shape.kind === 'boolean'
			? `'${show(value).toUpperCase()}' can not be converted to an Boolean`
			: `class java.lang.String can not be converted to ${into[shape.kind]}`;
	}
	if (f === 'number' && !Number.isFinite(value)) {
		return `'${show(value)}' can not be converted to ${into[shape.kind]}`; // JSON has no NaN or Infinity
	}
	return `${BIG_NUMBER} can not be converted to ${into[shape.kind]}`;
}

function validationErrors(
	code: string,
	missing: readonly Missing[],
	constraints: readonly Constraint[]
): AwsError {
	const texts = [
		...missing.map(
			(m) => `Value null at '${camel(m.path)}' failed to satisfy constraint: Member must not be null`
		),
		...constraints.map(
			(c) =>
				`Value '${c.value}' at '${camel(c.path)}' failed to satisfy constraint: Member must satisfy enum value set: [${c.values.join(', ')}]`
		)
	].slice(0, 10); // AWS reports at most 10 (kinesalite validations/index.js)
	const n = texts.length;
	return awsError(code, `${n} validation error${n === 1 ? '' : 's'} detected: ${texts.join('; ')}`);
}

// Reading a request ---------------------------------------------------------------------------------------

interface Reading {
	protocol: Protocol;
	missing: Missing[];
	constraints: Constraint[];
}

/**
 * The request `input` makes for an operation of this shape, or the error the service returns. The result
 * is a new object with the shape's members only; bytes and dates are passed on as they are.
 */
export function parseInput<T>(shape: Shape, input: T, protocol: Protocol): T {
	const r: Reading = { protocol, missing: [], constraints: [] };
	let root: unknown = input ?? {};
	// The query serializer reads members off whatever it is given; a non-object has none.
	if (protocol.wire === 'query' && !isRecord(root)) root = {};
	const out = read(shape, root, [], r);
	if (r.missing.length > 0 || r.constraints.length > 0) throw protocol.invalid(r.missing, r.constraints);
	return out as T;
}

function read(shape: Shape, value: unknown, path: Path, r: Reading): unknown {
	const f = found(value);
	const query = r.protocol.wire === 'query';
	const wrong = () => r.protocol.wrongType(path, shape, value);
	switch (shape.kind) {
		case 'string': {
			let text: string;
			if (f === 'string') text = value as string;
			else if (query && (f === 'number' || f === 'boolean' || f === 'bigint')) text = String(value);
			else throw wrong();
			if (shape.values && !shape.values.includes(text)) {
				r.constraints.push({ path, value: text, values: shape.values });
			}
			return text;
		}
		case 'integer': {
			const n = query && f === 'string' && (value as string).trim() !== '' ? Number(value) : value;
			if (typeof n !== 'number' || !Number.isFinite(n)) throw wrong();
			return n;
		}
		case 'boolean': {
			if (f === 'boolean') return value;
			// Query parameters are text; Coral also reads "true"/"false"/"1"/"0"/"yes"/"no" (kinesalite's note).
			const text = f === 'string' || (query && f === 'number') ? String(value).toLowerCase() : '';
			if (text === 'true' || (!query && (text === '1' || text === 'yes'))) return true;
			if (text === 'false' || (!query && (text === '0' || text === 'no'))) return false;
			throw wrong();
		}
		case 'blob':
			if (f === 'string' || f === 'bytes') return value;
			throw wrong();
		case 'base64':
			if (f === 'bytes' || (f === 'string' && decodesAsBase64(value as string))) return value;
			throw wrong();
		case 'timestamp':
			if (f === 'date' || (f === 'number' && Number.isFinite(value))) return value;
			throw wrong();
		case 'list': {
			if (f !== 'list') throw wrong();
			const member = shape.member as Shape;
			const entries = (value as unknown[]).filter((x) => x !== null && x !== undefined);
			return entries.map((x, index) => read(member, x, [...path, { index }], r));
		}
		case 'map': {
			if (!isRecord(value)) throw wrong();
			const member = shape.member as Shape;
			const out: Record<string, unknown> = {};
			for (const key of Object.keys(value)) {
				const v = value[key];
				if (v === null || v === undefined) continue;
				put(out, key, read(member, v, [...path, { key }], r));
			}
			return out;
		}
		case 'structure': {
			if (!isRecord(value)) throw wrong();
			const out: Record<string, unknown> = {};
			for (const [name, member] of Object.entries(shape.members ?? {})) {
				const v = own(value, name);
				const at = [...path, { member: name }];
				if (v === null || v === undefined) {
					if (member.required) r.missing.push({ path: at, shape: member });
					continue;
				}
				put(out, name, read(member, v, at, r));
			}
			return out;
		}
	}
}
