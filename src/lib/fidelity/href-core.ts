// The fidelity page's address under a base path, without SvelteKit (unit-tested; href.ts adds the app's base).
// The trailing slash is the route's own URL (trailingSlash 'always'), so a static host serves it without a
// redirect that could drop the hash.

/** `<base>/fidelity/#ID` for a base path ('' or '/sub/path', or SvelteKit's relative '.'). */
export function fidelityHref(base: string, id?: string): string {
	return `${base}/fidelity/${id === undefined ? '' : `#${id}`}`;
}
