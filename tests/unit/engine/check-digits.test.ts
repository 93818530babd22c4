// [sim] Receipt-handle check digits (SQS-STD-6): fixed values (the same in every engine, DET-1) that change with
// any code unit of the text.
import { describe, expect, it } from 'vitest';
import { checkDigits } from '../../../src/lib/engine/check-digits';

describe('checkDigits', () => {
	it('is a fixed function of the text: 24 hex digits', () => {
		expect(checkDigits('abc')).toBe('aee6b9c026bfc00eb394ca9d');
		expect(checkDigits('')).toMatch(/^[0-9a-f]{24}$/);
	});

	it('changes when any single code unit changes, odd and even lengths alike', () => {
		for (const text of ['1:qa:k12:1', '1:qa:k123:2', 'é€😀x']) {
			const base = checkDigits(text);
			for (let i = 0; i < text.length; i++) {
				const changed = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
				expect(checkDigits(changed)).not.toBe(base);
			}
			expect(checkDigits(`${text}\u0000`)).not.toBe(base);
		}
	});
});
