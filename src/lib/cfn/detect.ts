// Telling a template from a scenario file, without loading the importer (the browser's Import asks first).

/**
 * Whether a file is a CloudFormation/SAM template rather than a scenario: a YAML file by its name, or a JSON
 * document with a Resources section and no scenario nodes. The CLI and the browser's Import both ask this.
 */
export function looksLikeTemplate(fileName: string, text: string): boolean {
	if (/\.(ya?ml|template)$/i.test(fileName)) return true;
	try {
		const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
		return typeof doc === 'object' && doc !== null && 'Resources' in doc && !('nodes' in doc);
	} catch {
		return false;
	}
}
