// SQS message content rules (SQS-STD-10) and AWS's MD5 digests of the body and of the message attributes.

import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { awsError } from '../shared/errors';

export interface MessageAttributeValue {
	DataType: string;
	StringValue?: string;
	BinaryValue?: string | Uint8Array;
	StringListValues?: string[];
	BinaryListValues?: (string | Uint8Array)[];
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** SQS-STD-10: allowed characters #x9 #xA #xD #x20–#xD7FF #xE000–#xFFFD #x10000–#x10FFFF. [sim] reject others. */
export function invalidBodyCharacter(body: string): number | undefined {
	for (const ch of body) {
		const c = ch.codePointAt(0) as number;
		const ok =
			c === 0x9 ||
			c === 0xa ||
			c === 0xd ||
			(c >= 0x20 && c <= 0xd7ff) ||
			(c >= 0xe000 && c <= 0xfffd) ||
			(c >= 0x10000 && c <= 0x10ffff);
		if (!ok) return c;
	}
	return undefined;
}

export function utf8Length(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) n += 1;
		else if (c < 0x800) n += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			n += 4;
			i++;
		} else n += 3;
	}
	return n;
}

export function binaryBytes(value: string | Uint8Array): Uint8Array {
	if (typeof value !== 'string') return value;
	const bin = atob(value);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

function attributeValueSize(v: MessageAttributeValue): number {
	if (typeof v.DataType === 'string' && v.DataType.startsWith('Binary'))
		return v.BinaryValue === undefined ? 0 : binaryBytes(v.BinaryValue).length;
	return utf8Length(v.StringValue ?? '');
}

/** SQS-STD-10: the size counts the body plus all attribute names, types and values. */
export function messageSize(body: string, attributes?: MessageAttributes): number {
	let size = utf8Length(body);
	for (const [name, v] of Object.entries(attributes ?? {})) {
		// A batch is sized before its entries are validated: a missing DataType counts 0 (the entry then fails).
		size += utf8Length(name) + utf8Length(v.DataType ?? '') + attributeValueSize(v);
	}
	return size;
}

const ATTR_NAME = /^[A-Za-z0-9_.-]{1,256}$/;

/** SQS-STD-10: at most 10 attributes, valid names, types and values. Throws AWS errors. */
export function validateMessageAttributes(attributes: MessageAttributes | undefined, kind = 'Message'): void {
	if (!attributes) return;
	const names = Object.keys(attributes);
	if (names.length > 10) {
		throw awsError(
			'InvalidParameterValue',
			`Number of message attributes [${names.length}] exceeds the allowed maximum [10].`
		);
	}
	for (const name of names) {
		const v = attributes[name] as MessageAttributeValue;
		const lower = name.toLowerCase();
		if (!ATTR_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
			throw awsError('InvalidParameterValue', `${kind} (user) attribute name '${name}' is invalid.`);
		}
		if (lower.startsWith('aws.') || lower.startsWith('amazon.')) {
			throw awsError(
				'InvalidParameterValue',
				`You can't use the reserved prefix AWS. or Amazon. in the attribute name '${name}'.`
			);
		}
		if (!v || typeof v.DataType !== 'string' || v.DataType === '') {
			throw awsError(
				'InvalidParameterValue',
				`The message attribute '${name}' must contain non-empty message attribute type.`
			);
		}
		const base = v.DataType.split('.')[0];
		if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
			throw awsError(
				'InvalidParameterValue',
				`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`
			);
		}
		if (base === 'Binary') {
			if (v.BinaryValue === undefined || binaryBytes(v.BinaryValue).length === 0) {
				throw awsError(
					'InvalidParameterValue',
					`Message (user) attribute '${name}' must contain a non-empty value of message attribute type '${v.DataType}'.`
				);
			}
		} else {
			if (v.StringValue === undefined || v.StringValue === '') {
				throw awsError(
					'InvalidParameterValue',
					`Message (user) attribute '${name}' must contain a non-empty value of message attribute type '${v.DataType}'.`
				);
			}
			if (base === 'Number' && !isSqsNumber(v.StringValue)) {
				throw awsError(
					'InvalidParameterValue',
					`Can't cast the value of message (user) attribute '${name}' to a number.`
				);
			}
			const bad = invalidBodyCharacter(v.StringValue);
			if (bad !== undefined) {
				throw awsError(
					'InvalidParameterValue',
					`Message (user) attribute '${name}' contains invalid characters (#x${bad.toString(16).toUpperCase()}).`
				);
			}
		}
	}
}

/** SNS-TOP-4 / SQS numbers: up to 38 significant digits, magnitude within 10^-128..10^126. */
export function isSqsNumber(text: string): boolean {
	if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim())) return false;
	const digits = text
		.replace(/[eE].*$/, '')
		.replace(/[^0-9]/g, '')
		.replace(/^0+/, '');
	if (digits.length > 38) return false;
	const n = Number(text);
	return Number.isFinite(n) && Math.abs(n) <= 1e126;
}

export function md5Hex(text: string): string {
	return bytesToHex(md5(utf8ToBytes(text)));
}

function pushLengthPrefixed(parts: Uint8Array[], bytes: Uint8Array): void {
	const len = new Uint8Array(4);
	new DataView(len.buffer).setUint32(0, bytes.length, false);
	parts.push(len, bytes);
}

// Digests of recent attribute sets: producers repeat a few attribute sets many times, and the digest is a pure
// function of the set (bounded: cleared when full).
const attributeDigests = new Map<string, string>();
const ATTRIBUTE_DIGESTS_MAX = 4096;

/** AWS's MD5OfMessageAttributes: sorted names, each length-prefixed name, type, transport byte and value. */
export function md5OfMessageAttributes(attributes: MessageAttributes | undefined): string | undefined {
	if (!attributes) return undefined;
	const names = Object.keys(attributes);
	if (names.length === 0) return undefined;
	names.sort();
	let key = '';
	for (const name of names) {
		const v = attributes[name] as MessageAttributeValue;
		if (v.DataType.startsWith('Binary')) return digestAttributes(attributes, names);
		key += `${name}\u0000${v.DataType}\u0000${v.StringValue ?? ''}\u0000${String(v.BinaryValue ?? '')}\u0001`;
	}
	let digest = attributeDigests.get(key);
	if (digest === undefined) {
		digest = digestAttributes(attributes, names);
		if (attributeDigests.size >= ATTRIBUTE_DIGESTS_MAX) attributeDigests.clear();
		attributeDigests.set(key, digest);
	}
	return digest;
}

function digestAttributes(attributes: MessageAttributes, sortedNames: string[]): string {
	const parts: Uint8Array[] = [];
	for (const name of sortedNames) {
		const v = attributes[name] as MessageAttributeValue;
		pushLengthPrefixed(parts, utf8ToBytes(name));
		pushLengthPrefixed(parts, utf8ToBytes(v.DataType));
		if (v.DataType.startsWith('Binary')) {
			parts.push(Uint8Array.of(2));
			pushLengthPrefixed(parts, binaryBytes(v.BinaryValue ?? ''));
		} else {
			parts.push(Uint8Array.of(1));
			pushLengthPrefixed(parts, utf8ToBytes(v.StringValue ?? ''));
		}
	}
	let total = 0;
	for (const p of parts) total += p.length;
	const all = new Uint8Array(total);
	let off = 0;
	for (const p of parts) {
		all.set(p, off);
		off += p.length;
	}
	return bytesToHex(md5(all));
}

/** Attributes as stored: binary values normalised to base64 text so state stays plain data. */
export function normaliseAttributes(
	attributes: MessageAttributes | undefined
): MessageAttributes | undefined {
	if (!attributes || Object.keys(attributes).length === 0) return undefined;
	const out: MessageAttributes = {};
	for (const [name, v] of Object.entries(attributes)) {
		const copy: MessageAttributeValue = { DataType: v.DataType };
		if (v.StringValue !== undefined) copy.StringValue = v.StringValue;
		if (v.BinaryValue !== undefined) {
			copy.BinaryValue =
				typeof v.BinaryValue === 'string' ? v.BinaryValue : btoa(String.fromCharCode(...v.BinaryValue));
		}
		out[name] = copy;
	}
	return out;
}
