// Vite + Vitest configuration. Unit tests live in tests/unit and run in Node. fidelity() provides
// virtual:pigeonhole-fidelity, the fidelity page's report made from the test files (README, Fidelity).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { fidelity } from './src/lib/fidelity/vite-plugin.js';

export default defineConfig({
	plugins: [fidelity(), sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		reporters: process.env.VITEST_JSON
			? ['default', ['json', { outputFile: process.env.VITEST_JSON }]]
			: ['default'],
		testTimeout: 60_000
	}
});
