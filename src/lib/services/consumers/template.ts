// Message templates for producers: {n} counter, {n%K} counter modulo K, {cycle:a|b|c} the n-th choice in
// turn, {rand:K} a seeded random integer below K, {pick:a|b} a seeded random choice.

import type { Random } from '../../engine/random';

const TOKEN = /\{(n%\d+|n|cycle:[^}]*|rand:\d+|pick:[^}]*)\}/g;

type Part = string | ((n: number, rng: Random) => string);

/** A template split once into literal text and its tokens (producers render the same few templates again and again). */
const compiled = new Map<string, Part[]>();
const COMPILED_MAX = 1024;

function compile(template: string): Part[] {
	const parts: Part[] = [];
	let last = 0;
	for (const match of template.matchAll(TOKEN)) {
		if (match.index > last) parts.push(template.slice(last, match.index));
		parts.push(tokenPart(match[1] as string));
		last = match.index + match[0].length;
	}
	if (last < template.length) parts.push(template.slice(last));
	return parts;
}

function tokenPart(token: string): Part {
	if (token === 'n') return (n) => String(n);
	if (token.startsWith('n%')) {
		const k = Math.max(1, Number(token.slice(2)));
		return (n) => String(n % k);
	}
	if (token.startsWith('cycle:')) {
		const options = token.slice(6).split('|');
		return (n) => options[n % options.length] ?? '';
	}
	if (token.startsWith('rand:')) {
		const k = Math.max(1, Number(token.slice(5)));
		return (_, rng) => String(rng.int(k));
	}
	const options = token.slice(5).split('|');
	return (_, rng) => options[rng.int(options.length)] ?? '';
}

export function renderTemplate(template: string, n: number, rng: Random): string {
	let parts = compiled.get(template);
	if (parts === undefined) {
		parts = compile(template);
		if (compiled.size >= COMPILED_MAX) compiled.clear();
		compiled.set(template, parts);
	}
	// Tokens render left to right, so random draws happen in the same order as before.
	let out = '';
	for (const part of parts) out += typeof part === 'string' ? part : part(n, rng);
	return out;
}

/** true when the template draws random numbers (so rendering order matters for determinism). */
export function templateIsRandom(template: string): boolean {
	return /\{(rand|pick):/.test(template);
}

/**
 * The largest share of messages that render one and the same value: the product over the template's tokens
 * of each token's most frequent choice ({n%K} and {rand:K} 1/K, {cycle:a|a|b} and {pick:a|a|b} 2/3, literal
 * text 1), or undefined when it has a {n} and so a new value for every message. A message group or partition
 * key template whose hottest value takes a large share makes a hot spot.
 */
export function templateHotShare(template: string): number | undefined {
	let share = 1;
	for (const match of template.matchAll(TOKEN)) {
		const token = match[1] as string;
		if (token === 'n') return undefined;
		if (token.startsWith('n%')) share /= Math.max(1, Number(token.slice(2)));
		else if (token.startsWith('rand:')) share /= Math.max(1, Number(token.slice(5)));
		else {
			const options = token.slice(token.indexOf(':') + 1).split('|');
			const counts = new Map<string, number>();
			for (const o of options) counts.set(o, (counts.get(o) ?? 0) + 1);
			share *= Math.max(...counts.values()) / options.length;
		}
	}
	return share;
}
