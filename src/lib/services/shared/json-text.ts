/** A policy written in a scenario either as JSON text or as an object, as the JSON text AWS takes. */
export const jsonText = (v: string | Record<string, unknown> | undefined): string | undefined =>
	v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
