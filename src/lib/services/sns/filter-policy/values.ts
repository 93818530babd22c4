// SNS filter policies: numbers (SNS-FP-6), IP addresses and CIDR blocks (SNS-FP-13) and wildcards (SNS-FP-12).

import { barf, type Condition, NUMERIC_LIMIT } from './types';
import { javaDouble } from './json';

/** SNS-FP-6 [sim]: numbers are compared to 5 decimal places, as integers. */
export function scale(x: number): number {
	return Math.round(x * 1e5);
}

export function inNumericRange(x: number): boolean {
	return Number.isFinite(x) && x >= -NUMERIC_LIMIT && x <= NUMERIC_LIMIT;
}

export function rangeError(): string {
	return `Value must be between ${javaDouble(-NUMERIC_LIMIT)} and ${javaDouble(NUMERIC_LIMIT)}, inclusive`;
}

/** A value's text parsed as a number the way Ruler does for numeric fields, or undefined. */
export function parseNumberToken(text: string): number | undefined {
	if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
	const d = Number(text);
	return Number.isFinite(d) ? d : undefined;
}

export const IPV4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
export const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export function hexOf(bytes: number[]): string {
	return bytes
		.map((b) => b.toString(16).padStart(2, '0'))
		.join('')
		.toUpperCase();
}

/**
 * An IP literal as upper-case hex (8 or 32 digits), 'invalid' when it looks like one but does not parse,
 * or undefined when it does not look like one. IPv4-mapped IPv6 addresses become IPv4 (as in Java).
 */
export function ipHex(text: string): string | undefined {
	if (IPV4.test(text)) {
		const parts = text.split('.');
		if (parts.some((p) => p.length > 3 || (p.length > 1 && p.startsWith('0')) || Number(p) > 255)) {
			return 'invalid';
		}
		return hexOf(parts.map(Number));
	}
	if (!IPV6.test(text)) return undefined;
	const halves = text.split('::');
	if (halves.length > 2) return 'invalid';
	const groups = (s: string) => (s === '' ? [] : s.split(':'));
	const head = groups(halves[0] as string);
	const tail = halves.length === 2 ? groups(halves[1] as string) : [];
	const all = [...head, ...tail];
	if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return 'invalid';
	if (halves.length === 1 ? all.length !== 8 : all.length > 7) return 'invalid';
	const words = [...head.map((g) => parseInt(g, 16))];
	for (let k = 0; k < 8 - all.length; k++) words.push(0);
	words.push(...tail.map((g) => parseInt(g, 16)));
	const bytes = words.flatMap((w) => [w >> 8, w & 255]);
	if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) {
		return hexOf(bytes.slice(12));
	}
	return hexOf(bytes);
}

/** SNS-FP-13: a CIDR block as an inclusive hex range from the address as written to its last host. */
export function parseCidr(text: string, where: string): Condition {
	const parts = text.split('/');
	while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // Java's String.split
	if (parts.length !== 2) barf("Malformed CIDR, one '/' required", where, false);
	const [ip, bits] = parts as [string, string];
	if (!/^[+-]?\d+$/.test(bits) || Math.abs(Number(bits)) > 2147483647) {
		barf('Malformed CIDR, mask bits must be an integer', where, false);
	}
	const mask = Number(bits);
	if (mask < 0) barf('Malformed CIDR, mask bits must not be negative', where, false);
	const hex = ipHex(ip);
	if (hex === undefined) barf(`Nonstandard IP address: ${ip}`, where, false);
	if (hex === 'invalid') barf(`Invalid IP address: ${ip}`, where, false);
	const h = hex;
	const width = h.length * 4;
	if (width === 32 && mask > 31) barf('IPv4 mask bits must be < 32', where, false);
	if (width === 128 && mask > 127) barf('IPv6 mask bits must be < 128', where, false);
	const host = (1n << BigInt(width - mask)) - 1n;
	const top = (BigInt(`0x${h}`) | host).toString(16).toUpperCase().padStart(h.length, '0');
	return { op: 'cidr', value: text, bottom: h, top };
}

/** Ruler's wildcard syntax: `*` for any run, `\*` and `\\` escapes, no `**`. Returns the literal parts. */
export function parseWildcard(pattern: string, where: string): string[] {
	const bytes = new TextEncoder().encode(`"${pattern}"`);
	for (let k = 0; k < bytes.length; k++) {
		if (bytes[k] === 42 && bytes[k + 1] === 42) barf(`Consecutive wildcard characters at pos ${k}`, where);
		if (bytes[k] === 92) {
			if (bytes[k + 1] === 42 || bytes[k + 1] === 92) k++;
			else barf(`Invalid escape character at pos ${k}`, where);
		}
	}
	const parts: string[] = [''];
	for (let k = 0; k < pattern.length; k++) {
		const c = pattern[k] as string;
		if (c === '\\') parts[parts.length - 1] += pattern[++k] ?? '';
		else if (c === '*') parts.push('');
		else parts[parts.length - 1] += c;
	}
	return parts;
}

export function wildcardMatches(parts: string[], s: string): boolean {
	const first = parts[0] as string;
	const last = parts[parts.length - 1] as string;
	if (parts.length === 1) return s === first;
	if (s.length < first.length + last.length || !s.startsWith(first) || !s.endsWith(last)) return false;
	let at = first.length;
	const end = s.length - last.length;
	for (let k = 1; k < parts.length - 1; k++) {
		const found = s.indexOf(parts[k] as string, at);
		if (found < 0 || found + (parts[k] as string).length > end) return false;
		at = found + (parts[k] as string).length;
	}
	return true;
}
