// SvelteKit configuration: a fully static site (adapter-static) that works from any static host,
// also under a sub-path: set BASE_PATH=/some/path at build time.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const base = /** @type {'' | `/${string}`} */ (process.env.BASE_PATH ?? '');

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		paths: { base, relative: true },
		// Content-Security-Policy. Every page is prerendered, so SvelteKit writes the policy into a
		// <meta http-equiv> tag; 'hash' mode adds the SHA-256 of its inline bootstrap script to script-src,
		// so no inline script runs unless SvelteKit put it there. A meta policy cannot carry
		// frame-ancestors (nor report-uri or sandbox): browsers ignore them there and SvelteKit leaves them
		// out, so framing can only be restricted by the host's HTTP headers. `?embed` is meant to be framed.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// 'unsafe-inline' for styles only: the markup carries style="…" attributes with values
				// computed in the browser (the stage canvas size, edge and chart colours) and app.html's
				// display: contents wrapper. CSP hashes do not apply to style attributes (short of
				// 'unsafe-hashes' with one hash per possible value), and a hash in the list would switch
				// 'unsafe-inline' off. Inline styles cannot run script.
				'style-src': ['self', 'unsafe-inline'],
				// data: and blob: for the PNG/SVG export, which draws the stage's SVG (a blob: URL) into
				// an image, and for the WebM recorder, which does the same for its background.
				'img-src': ['self', 'data:', 'blob:'],
				// The recorded WebM video is a blob: URL.
				'media-src': ['self', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
