// Ambient types for SvelteKit and the test hook the app installs on window.
declare global {
	namespace App {}
	interface Window {
		/** A small, documented hook for e2e tests and outside checks (see README). */
		pigeonhole?: {
			now(): number;
			traceHash(): string;
			seek(ms: number): void;
			step(): void;
			load(scenario: unknown, seed?: number): void;
			/** The message dots at the current time: layout and page coordinates, kind and state. */
			dots(): {
				key: string;
				msg: string;
				x: number;
				y: number;
				pageX: number;
				pageY: number;
				kind: string;
				state: string;
				node: string;
			}[];
		};
	}
}
export {};
