// The scenario format's number rules: integers and numbers in a range, with a message that names the
// range and unit ("must be 0–43200 seconds"), and the nesting bound of inline JSON objects.

import * as v from 'valibot';

/** An integer in [min, max], with a message naming the range and unit. */
export function intIn(min: number, max: number, unit = '') {
	const range = `must be ${min}–${max}${unit ? ` ${unit}` : ''}`;
	return v.pipe(
		v.number(`${range}`),
		v.integer(`${range} (a whole number)`),
		v.minValue(min, range),
		v.maxValue(max, range)
	);
}

/** An integer in a service's range (services/<service>/limits.ts). */
export function rangeIn(range: { readonly min: number; readonly max: number }, unit = '') {
	return intIn(range.min, range.max, unit);
}

/** A number in [min, max]. */
export function numIn(min: number, max: number, unit = '') {
	const range = `must be ${min}–${max}${unit ? ` ${unit}` : ''}`;
	return v.pipe(v.number(range), v.finite(range), v.minValue(min, range), v.maxValue(max, range));
}

/** Deepest nesting accepted in a JSON object field (policies); AWS's parsers stop well before this. */
export const MAX_JSON_DEPTH = 1000;
