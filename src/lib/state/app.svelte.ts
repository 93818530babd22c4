// The page's state: the simulator (loaded in its own chunk right after the first render, with the engine and
// the models), the scenario picker, the side panel's tab, share links, scenario files and the scenarios saved
// in this browser, and the banner and notice lines. The page component only renders this and dispatches to it.
// Engine code is imported lazily here, so the page's first load carries the views only.

import {
	BUILT_IN_SCENARIOS,
	DEFAULT_SCENARIO,
	DEFAULT_SCENARIO_ID,
	cachedBuiltIn,
	loadBuiltIn
} from '$lib/scenarios';
import type { Lesson } from '$lib/lessons';
import type { SavedEntry } from '$lib/share/saved';
import { LessonPlayer } from './lesson-player.svelte';
import { SeedSweep } from './sweep.svelte';
import { SPEEDS, TABS, type Tab } from './constants';
import type { SimulatorState } from './simulator.svelte';

export class AppState {
	/** The simulator, once its chunk has loaded. */
	sim = $state.raw<SimulatorState | undefined>(undefined);
	/** A problem to show in the banner (a bad link or file, a scenario that could not be loaded). */
	error = $state<string | undefined>(undefined);
	/** A quieter line (saved, damaged saved entries skipped). */
	notice = $state<string | undefined>(undefined);
	/** The built-in scenario picked ('' when the run came from a link, a file or a saved entry). */
	picked = $state<string>(DEFAULT_SCENARIO_ID);
	/** The built-in scenario being fetched (its chunk is not loaded yet), if any. */
	loadingScenario = $state<string | undefined>(undefined);
	side = $state<Tab>('inspector');
	/** ?embed hides the chrome (for iframes in slides); presenter mode enlarges everything. */
	embed = $state(false);
	/** ?embed=full keeps every control in the embed. */
	embedFull = $state(false);
	presenter = $state(false);
	shareUrl = $state<string | undefined>(undefined);
	copied = $state(false);
	/** Feedback that floats above the page (never moves the layout), e.g. "Link copied". */
	toast = $state.raw<{ text: string; url?: string } | undefined>(undefined);
	#toastTimer: ReturnType<typeof setTimeout> | undefined;
	saved = $state.raw<SavedEntry[]>([]);
	/** The lesson being walked through (the Lessons panel, the presenter caption and keys). */
	readonly lessons = new LessonPlayer(this);
	/** The Seeds panel's sweep of the current scenario (kept while other tabs are shown). */
	readonly sweep = new SeedSweep();
	#pickCount = 0;

	/** A lesson or challenge loaded its scenario: the header's picker names it ('' when it is not built in). */
	lessonLoaded(lesson: Pick<Lesson, 'scenario'>): void {
		const name = (lesson.scenario as { name?: string }).name;
		this.picked = BUILT_IN_SCENARIOS.find((b) => b.name === name)?.id ?? '';
		this.error = undefined;
	}

	/** Load the simulator's chunk and start the default scenario. */
	async start(): Promise<SimulatorState> {
		const { SimulatorState } = await import('./simulator.svelte');
		const sim = new SimulatorState(DEFAULT_SCENARIO);
		this.sim = sim;
		return sim;
	}

	/** Load a scenario document into the simulator; a problem goes to the banner and the current run stays. */
	#load(doc: unknown, seed?: number): boolean {
		const sim = this.sim;
		if (!sim) return false;
		try {
			sim.load(doc, seed);
			this.error = undefined;
			this.notice = undefined; // what it said was about the scenario before
			return true;
		} catch (e) {
			this.error = (e as Error).message;
			return false;
		}
	}

	async pick(id: string): Promise<void> {
		const found = BUILT_IN_SCENARIOS.find((s) => s.id === id);
		if (!found) return;
		const ticket = ++this.#pickCount;
		try {
			// Synchronous when the scenario's chunk is already here (the usual case after the idle preload).
			let doc = cachedBuiltIn(id);
			if (doc === undefined) {
				this.loadingScenario = id;
				doc = await loadBuiltIn(found);
				if (ticket !== this.#pickCount) return; // a later pick wins
			}
			if (this.#load(doc)) this.picked = id;
		} catch (e) {
			this.error = `The scenario could not be loaded: ${(e as Error).message}`;
		} finally {
			if (this.loadingScenario === id) this.loadingScenario = undefined;
		}
	}

	/**
	 * Import a scenario file, or a CloudFormation/SAM template (#17) as an ordinary scenario whose nodes keep
	 * the template's logical ids: what the import left out goes to the notice, and the panel opens on what
	 * AWS's guidance says about it. A broken file says why and where, and keeps the current run.
	 */
	async importFile(file: File | undefined): Promise<void> {
		if (!file) return;
		const [{ parseScenarioText }, { ScenarioError }, text] = await Promise.all([
			import('$lib/services'),
			import('$lib/engine'),
			file.text()
		]);
		const { looksLikeTemplate } = await import('$lib/cfn/detect');
		if (looksLikeTemplate(file.name, text)) return this.#importTemplate(file.name, text);
		// A UTF-8 byte-order mark is accepted, as in the CLI; invalid JSON is reported with its position.
		const r = parseScenarioText(text);
		if (!r.ok) {
			const only = r.errors.length === 1 ? r.errors[0] : undefined;
			this.error =
				only && only.path === '' && /^not valid JSON/.test(only.message)
					? `${file.name} is ${only.message}`
					: `${file.name} is not a valid scenario:\n${new ScenarioError(r.errors).message}`;
			return;
		}
		if (this.#load(r.scenario)) this.picked = '';
	}

	async #importTemplate(name: string, text: string): Promise<void> {
		// The importer and its YAML library are a chunk of their own, loaded only for a template.
		const { importTemplate, importReportLines, TemplateError } = await import('$lib/cfn');
		let imported;
		try {
			imported = importTemplate(text);
		} catch (e) {
			if (!(e instanceof TemplateError)) throw e;
			this.error = `${name} is not a template Pigeonhole can import: ${e.message}`;
			return;
		}
		if (!this.#load(imported.scenario)) {
			this.error = `${name} imported into a scenario that does not load:\n${this.error ?? ''}`;
			return;
		}
		this.picked = '';
		const lines = importReportLines(name, imported);
		if (imported.entryPoints.length > 0)
			lines.push("  set the producers' Rate in Edit (the <LogicalId>Producer nodes)");
		this.notice = lines.join('\n');
		this.side = 'insights';
	}

	/** Download the current scenario as a JSON file. */
	exportFile(): void {
		const sim = this.sim;
		if (!sim) return;
		const blob = new Blob([`${JSON.stringify(sim.scenario, null, '\t')}\n`], { type: 'application/json' });
		const a = document.createElement('a');
		a.href = URL.createObjectURL(blob);
		a.download = `${sim.scenario.name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 60) || 'scenario'}.json`;
		a.click();
		URL.revokeObjectURL(a.href);
	}

	async refreshSaved(storage: Storage): Promise<void> {
		const { readSaved } = await import('$lib/share/saved');
		const r = readSaved(storage);
		this.saved = r.entries;
		this.notice = r.skipped.length > 0 ? r.skipped.join(' ') : undefined;
	}

	async saveCurrent(storage: Storage): Promise<void> {
		const sim = this.sim;
		if (!sim) return;
		const { saveScenario } = await import('$lib/share/saved');
		// A timestamp for the saved entry, not reactive state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		this.saved = saveScenario(storage, sim.scenario, new Date().toISOString());
		this.notice = `Saved “${sim.scenario.name}” in this browser.`;
	}

	openSaved(entry: SavedEntry): void {
		if (this.#load(entry.scenario)) this.picked = '';
	}

	/** A link to the current run at this moment (and its view), for this page without ?embed by default. */
	async linkToHere(options: { embed?: boolean } = {}): Promise<string | undefined> {
		const sim = this.sim;
		if (!sim) return undefined;
		const { encodeShareFragment } = await import('$lib/share/link');
		const fragment = await encodeShareFragment({
			scenario: sim.scenario,
			seed: sim.seed,
			t: sim.playhead,
			view: {
				tab: this.side,
				speed: sim.speed,
				...(sim.selection?.kind === 'node' ? { node: sim.selection.id } : {}),
				...(this.lessons.challenge ? { lesson: this.lessons.challenge.id } : {})
			}
		});
		// A one-off computation of the link's query, not reactive state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const params = new URLSearchParams(location.search);
		if (!options.embed) params.delete('embed');
		const search = params.toString();
		return `${location.origin}${location.pathname}${search ? `?${search}` : ''}${fragment}`;
	}

	/** Show feedback above the page for a few seconds. */
	notify(text: string, url?: string): void {
		this.toast = { text, ...(url !== undefined ? { url } : {}) };
		clearTimeout(this.#toastTimer);
		this.#toastTimer = setTimeout(() => (this.toast = undefined), url === undefined ? 4000 : 12000);
	}

	/** Put the scenario, seed, playhead and view into a link and copy it; a toast confirms. Returns the URL. */
	async share(): Promise<string | undefined> {
		const sim = this.sim;
		if (!sim) return undefined;
		sim.pause();
		const url = await this.linkToHere({ embed: this.embed });
		if (!url) return undefined;
		this.shareUrl = url;
		history.replaceState(null, '', url.slice(url.indexOf('#')));
		try {
			await navigator.clipboard.writeText(url);
			this.copied = true;
			this.notify('Link copied', url);
		} catch {
			this.copied = false;
			this.notify('Copy the link from the field', url);
		}
		return url;
	}

	/** Open the run a link describes; a bad link shows why and keeps the current scenario. */
	async openFragment(fragment: string): Promise<void> {
		const sim = this.sim;
		if (!sim || !fragment || fragment === '#') return;
		const { decodeShareFragment } = await import('$lib/share/link');
		const r = await decodeShareFragment(fragment);
		if (!r.ok) {
			this.error = r.error;
			return;
		}
		if (!this.#load(r.run.scenario, r.run.seed)) return;
		const view = r.run.view;
		if (view?.speed !== undefined && (SPEEDS as readonly number[]).includes(view.speed))
			sim.speed = view.speed;
		const inspecting = view?.tab === undefined || view.tab === 'inspector';
		if (inspecting && view?.node !== undefined && r.run.scenario.nodes.some((n) => n.id === view.node))
			sim.select({ kind: 'node', id: view.node });
		if (view?.tab !== undefined && (TABS as readonly string[]).includes(view.tab))
			this.side = view.tab as Tab;
		this.picked = BUILT_IN_SCENARIOS.find((b) => b.name === r.run.scenario.name)?.id ?? '';
		if (view?.lesson !== undefined) {
			// A challenge link: the learner's attempt is the scenario; the panel shows the challenge to check.
			const { CHALLENGES } = await import('$lib/lessons');
			const challenge = CHALLENGES.find((c) => c.id === view.lesson);
			if (challenge) {
				this.lessons.openChallenge(challenge);
				this.side = 'lessons';
			}
		}
		await sim.seek(r.run.t);
	}
}
