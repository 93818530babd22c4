// Message templates for producers: {n} counter, {n%K} counter modulo K, {cycle:a|b|c} the n-th choice in
// turn, {rand:K} a seeded random integer below K, {pick:a|b} a seeded random choice.

import type { Random } from '../../engine/random';

const TOKEN = /\{(n%\d+|n|cycle:[^}]*|rand:\d+|pick:[^}]*)\}/g;

export function renderTemplate(template: string, n: number, rng: Random): string {
	return template.replace(TOKEN, (_, token: string) => {
		if (token === 'n') return String(n);
		if (token.startsWith('n%')) return String(n % Math.max(1, Number(token.slice(2))));
		if (token.startsWith('cycle:')) {
			const options = token.slice(6).split('|');
			return options[n % options.length] ?? '';
		}
		if (token.startsWith('rand:')) return String(rng.int(Math.max(1, Number(token.slice(5)))));
		const options = token.slice(5).split('|');
		return options[rng.int(options.length)] ?? '';
	});
}

/** true when the template draws random numbers (so rendering order matters for determinism). */
export function templateIsRandom(template: string): boolean {
	return /\{(rand|pick):/.test(template);
}
