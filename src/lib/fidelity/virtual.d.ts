// The fidelity report Vite computes from the test files (src/lib/fidelity/vite-plugin.ts).
declare module 'virtual:pigeonhole-fidelity' {
	import type { FidelityReport } from '$lib/fidelity/scan';
	export const report: FidelityReport;
}
