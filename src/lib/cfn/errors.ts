// The importer's one error: bad input, named by the resource (logical id) and property it was found in,
// so a user can go straight to the line of the template to fix.

export class TemplateError extends Error {
	override name = 'TemplateError';
	readonly logicalId: string | undefined;
	readonly property: string | undefined;
	constructor(message: string, at: { logicalId?: string; property?: string } = {}) {
		const where = [at.logicalId, at.property].filter((s) => s !== undefined && s !== '').join('.');
		super(where ? `${where}: ${message}` : message);
		this.logicalId = at.logicalId;
		this.property = at.property;
	}
}

/** Where a value sits in the template: a resource's logical id and the dotted property path inside it. */
export interface Site {
	logicalId: string;
	property: string;
}

/** The site one key or index deeper. */
export function deeper(site: Site, key: string | number): Site {
	const step = typeof key === 'number' ? `[${key}]` : key;
	const property =
		site.property === '' ? step : typeof key === 'number' ? site.property + step : `${site.property}.${step}`;
	return { logicalId: site.logicalId, property };
}
