// The fidelity report as a virtual module (README, Fidelity): `import { report } from
// 'virtual:pigeonhole-fidelity'` gives the report scan.ts makes from the test files, computed when Vite
// builds or serves the app, so the page cannot drift from the tests. Only the fidelity route imports it,
// so the report lives in that route's chunk, not in the first load. In dev, editing a test file reloads it.
//
// JavaScript, and the scanner loaded through Vite's module runner when the module is first needed rather
// than imported: vite.config.ts imports this file, and the imports of a config's own files must name real
// files with their extensions for Vite's coming native config loader (TypeScript would reject '.ts' ones).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export const FIDELITY_MODULE = 'virtual:pigeonhole-fidelity';
const RESOLVED = `\0${FIDELITY_MODULE}`;
const SOURCE = fileURLToPath(new URL('./module-source.ts', import.meta.url));

/**
 * @param {{ root?: string }} [options] the repository root (default: Vite's root)
 * @returns {import('vite').Plugin}
 */
export function fidelity(options = {}) {
	let root = options.root ?? process.cwd();
	/** The scanner, loaded once (it reads the test files afresh on every load). */
	/** @type {Promise<typeof import('./module-source')> | undefined} */
	let source;
	return {
		name: 'pigeonhole-fidelity',
		configResolved(config) {
			root = options.root ?? config.root;
		},
		resolveId: {
			filter: { id: /^virtual:pigeonhole-fidelity$/ },
			handler(id) {
				return id === FIDELITY_MODULE ? RESOLVED : undefined;
			}
		},
		load: {
			filter: { id: /^\0virtual:pigeonhole-fidelity$/ },
			async handler(id) {
				if (id !== RESOLVED) return undefined;
				source ??= runnerImport(SOURCE, { configFile: false, logLevel: 'silent' }).then((r) => r.module);
				const { code, files } = (await source).fidelityModuleSource(root);
				for (const f of files) this.addWatchFile(f);
				return code;
			}
		},
		configureServer(server) {
			const tests = join(root, 'tests');
			server.watcher.add(tests);
			/** @param {string} file */
			const changed = (file) => {
				if (!file.startsWith(tests)) return;
				const mod = server.moduleGraph.getModuleById(RESOLVED);
				if (!mod) return;
				server.moduleGraph.invalidateModule(mod);
				server.ws.send({ type: 'full-reload' });
			};
			server.watcher.on('add', changed);
			server.watcher.on('change', changed);
			server.watcher.on('unlink', changed);
		}
	};
}
