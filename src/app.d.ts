// Ambient types for SvelteKit and the test hook the app installs on window.
declare global {
	namespace App {}
	interface Window {
		/** A small, documented hook for e2e tests and outside checks (see README). */
		pigeonhole?: {
			now(): number;
			traceHash(): string;
			/** Resolves when the stage shows the target; cheap seeks are done before they return. */
			seek(ms: number): Promise<void>;
			step(): Promise<void>;
			load(scenario: unknown, seed?: number): Promise<void>;
			/** Resolves when no seek is in progress (after a click on the timeline, Step, an edit…). */
			settled(): Promise<void>;
			/** Resolves once the worker has computed the whole run (or stopped at a limit, or was cancelled). */
			whenComputed(): Promise<void>;
			/** Where the run is computed and how far. */
			computing(): {
				where: string;
				state: string;
				reached: number;
				computeMs: number;
				busy: boolean;
				limit?: string;
			};
			/** The message dots at the current time: layout and page coordinates, kind and state. */
			dots(): {
				key: string;
				msg: string;
				x: number;
				y: number;
				pageX: number;
				pageY: number;
				/** On-screen radius in CSS px. */
				r: number;
				kind: string;
				state: string;
				node: string;
				moving: boolean;
			}[];
			/** The scenario the run comes from, with the defaults filled in and every recorded operator action. */
			scenario(): unknown;
		};
	}
}
export {};
