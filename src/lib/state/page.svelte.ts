// The page's chrome: the header's menu on narrow screens, the side panel shown or hidden, full screen, the
// phone layout, the window's keyboard shortcuts and the start-up (URL parameters, the simulator, the test hook,
// saved scenarios, share fragments, the idle preload and the animation loop). The app's own state (the
// simulator, the picker, share links, files) is AppState; the page component renders both and dispatches here.

import { preloadBuiltIns } from '$lib/scenarios';
import { NORMAL_METRICS, PHONE_METRICS, PRESENTER_METRICS } from '$lib/viz/metrics';
import { AppState } from './app.svelte';
import { startAnimation } from './animation';
import { tabAfterKey, tabOnSelection } from './tabs';
import { installTestHook } from './test-hook';

export class PageState {
	readonly app: AppState;
	/** The page's root element: it takes focus back so that the keyboard shortcuts work. */
	appEl: HTMLElement | undefined;
	/** The header's menu on narrow screens (the actions that do not fit the compact header). */
	menuOpen = $state(false);
	/** The side panel can be hidden (presenter mode hides it by default), giving the stage the whole width. */
	panelHidden = $state(false);
	fullscreen = $state(false);
	/** A phone-sized screen: the stage flows top to bottom. */
	narrow = $state(false);
	/** The lesson's checkpoints, marked on the timeline. */
	readonly lessonMoments = $derived.by(() =>
		(this.app.lessons.lesson?.steps ?? []).flatMap((s, k) =>
			s.at !== undefined ? [{ t: s.at, label: `step ${k + 1}: ${s.text}` }] : []
		)
	);
	/** The stage's metrics: larger text in presenter mode; a phone, top to bottom. */
	readonly metrics = $derived.by(() =>
		this.app.presenter ? PRESENTER_METRICS : this.narrow ? PHONE_METRICS : NORMAL_METRICS
	);

	constructor(app: AppState = new AppState()) {
		this.app = app;
	}

	/** Back to the page, so Space plays (after a pick, a pointer click on a control). */
	focusPage(): void {
		this.appEl?.focus({ preventScroll: true });
	}

	/** After a pointer click on a control, the keyboard shortcuts belong to the page again (Space plays). */
	returnFocus = (e: MouseEvent): void => {
		if (e.detail === 0) return; // from the keyboard: focus stays where the user put it
		const target = e.target as HTMLElement | null;
		const control = target?.closest('button, summary, [role="tab"]');
		if (!control || control.closest('.panel, .menu, .toast')) return;
		requestAnimationFrame(() => {
			if (document.activeElement === control) this.focusPage();
		});
	};

	toggleFullscreen = (): void => {
		if (document.fullscreenElement) void document.exitFullscreen();
		else void this.appEl?.requestFullscreen?.().catch(() => {});
	};

	togglePresenter(): void {
		this.app.presenter = !this.app.presenter;
		this.panelHidden = this.app.presenter;
	}

	onWindowKey = (e: KeyboardEvent): void => {
		if (this.app.lessons.onKey(e)) {
			e.preventDefault();
			return;
		}
		const target = e.target as HTMLElement | null;
		const typing =
			target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
		if (!typing && (e.key === 'f' || e.key === 'F') && !e.ctrlKey && !e.metaKey && !e.altKey) {
			e.preventDefault();
			this.toggleFullscreen();
		} else if (e.key === 'Escape' && this.menuOpen) this.menuOpen = false;
	};

	/** Tabs pattern: ←/→ move to the previous / next tab (wrapping), Home / End to the first / last. */
	onTabKey = (e: KeyboardEvent): void => {
		const next = tabAfterKey(this.app.side, e.key);
		if (next === undefined) return;
		e.preventDefault();
		e.stopPropagation();
		this.app.side = next;
		document.getElementById(`tab-${next}`)?.focus();
	};

	/** Selecting something shows the inspector (called from an effect when the selection changes). */
	onSelection(): void {
		if (this.app.sim?.selection) this.app.side = tabOnSelection(this.app.side);
	}

	/** Share: close the menu and copy a link to this run at this moment. */
	share(): void {
		this.menuOpen = false;
		void this.app.share();
	}

	/** Embed mode: the current run as a link for the full app. */
	openFull = async (e: MouseEvent): Promise<void> => {
		e.preventDefault();
		const url = await this.app.linkToHere({ embed: false });
		if (url) window.open(url, '_blank', 'noopener');
	};

	/** Read the URL, start the simulator and everything that follows it; returns the teardown. */
	mount(): () => void {
		const app = this.app;
		// The URL's parameters, read once at start-up: not reactive state.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const params = new URLSearchParams(location.search);
		app.embed = params.has('embed');
		app.embedFull = params.get('embed') === 'full';
		app.presenter = params.has('present');
		// Presenter mode gives the stage the whole width (the lesson shows as a caption on it).
		this.panelHidden = app.presenter;
		const onFullscreen = () => (this.fullscreen = document.fullscreenElement !== null);
		document.addEventListener('fullscreenchange', onFullscreen);
		// A narrow portrait screen (a phone held upright); a landscape frame keeps the left-to-right flow.
		const phone = window.matchMedia('(max-width: 767px) and (orientation: portrait)');
		const onPhone = () => (this.narrow = phone.matches);
		onPhone();
		phone.addEventListener('change', onPhone);
		let stopAnimation: (() => void) | undefined;
		let stopped = false;
		const onHash = () => void app.openFragment(location.hash);
		void app.start().then((sim) => {
			if (stopped) return;
			installTestHook(app, sim);
			const blocked = () => (app.notice = 'Saved scenarios are unavailable (storage is blocked).');
			try {
				app.refreshSaved(localStorage).catch(blocked);
			} catch {
				blocked();
			}
			void app.openFragment(location.hash);
			window.addEventListener('hashchange', onHash);
			// The other built-in scenarios are fetched once the page is up (not part of the first load).
			const idle =
				typeof window.requestIdleCallback === 'function'
					? (f: () => void) => window.requestIdleCallback(f)
					: (f: () => void) => setTimeout(f, 500);
			idle(() => preloadBuiltIns());
			stopAnimation = startAnimation(sim);
		});
		return () => {
			document.removeEventListener('fullscreenchange', onFullscreen);
			phone.removeEventListener('change', onPhone);
			stopped = true;
			app.sim?.dispose();
			stopAnimation?.();
			window.removeEventListener('hashchange', onHash);
		};
	}
}
