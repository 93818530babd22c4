// SQS message content rules (SQS-STD-10) and AWS's MD5 digests of the body and of the message attributes.

import { utf8ToBytes } from '@noble/hashes/utils.js';
import { md5HexOfBytes, md5HexOfText } from '../shared/md5';
import { base64OfBytes } from '../shared/base64';

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
	for (const name in attributes) {
		const v = attributes[name] as MessageAttributeValue;
		// A batch is sized before its entries are validated: a missing DataType counts 0 (the entry then fails).
		size += utf8Length(name) + utf8Length(v.DataType ?? '') + attributeValueSize(v);
	}
	return size;
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
	return md5HexOfText(text);
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
	return md5HexOfBytes(all);
}

/** Attributes as stored: binary values normalised to base64 text so state stays plain data. */
export function normaliseAttributes(
	attributes: MessageAttributes | undefined
): MessageAttributes | undefined {
	if (!attributes) return undefined;
	let out: MessageAttributes | undefined;
	for (const name in attributes) {
		const v = attributes[name] as MessageAttributeValue;
		out ??= {};
		const copy: MessageAttributeValue = { DataType: v.DataType };
		if (v.StringValue !== undefined) copy.StringValue = v.StringValue;
		if (v.BinaryValue !== undefined) {
			copy.BinaryValue = typeof v.BinaryValue === 'string' ? v.BinaryValue : base64OfBytes(v.BinaryValue);
		}
		out[name] = copy;
	}
	return out;
}
