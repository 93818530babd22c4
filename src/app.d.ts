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
		};
	}
}
export {};
