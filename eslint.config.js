// Lint: typescript-eslint (type-aware for src), Svelte, and a guard that the engine and services stay
// free of the DOM, Svelte, D3 and wall-clock time (DESIGN §1; tests/unit/purity.test.ts checks it too).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Math functions that are not exactly rounded, so not the same in every engine (SEMANTICS DET-1). */
const PORTABLE_MATH = [
	'log',
	'exp',
	'pow',
	'sin',
	'cos',
	'tan',
	'asin',
	'acos',
	'atan',
	'atan2',
	'sinh',
	'cosh',
	'tanh',
	'asinh',
	'acosh',
	'atanh',
	'log1p',
	'expm1',
	'log2',
	'log10',
	'cbrt',
	'hypot'
];

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	// Type-checked rules for the library (DESIGN §3 habits): no needless assertions, no floating promises.
	...ts.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['src/lib/**/*.ts'] })),
	{
		files: ['src/lib/**/*.ts'],
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } }
	},
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-undef': 'off'
		}
	},
	{
		files: ['src/lib/engine/**/*.ts', 'src/lib/services/**/*.ts', 'src/lib/sandbox/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '$app/*', 'd3', 'd3-*'],
							message: 'The engine and services must not depend on the UI (DESIGN §1).'
						}
					]
				}
			],
			'no-restricted-properties': [
				'error',
				{ object: 'Date', property: 'now', message: 'Use the simulated clock (ctx.now()).' },
				{ object: 'Math', property: 'random', message: 'Use the seeded random source (ctx.random(id)).' },
				{ object: 'performance', property: 'now', message: 'Use the simulated clock.' },
				// SEMANTICS DET-1: these differ between JavaScript engines in the last bit.
				...PORTABLE_MATH.map((property) => ({
					object: 'Math',
					property,
					message: 'Differs between JS engines (SEMANTICS DET-1): use engine/math.ts (ln, exp, powPositive).'
				}))
			],
			'no-restricted-syntax': [
				'error',
				{
					// x ** y is Math.pow: only literal ** literal (constant-folded exactly) and BigInt powers are safe.
					selector:
						"BinaryExpression[operator='**']:not([left.type='Literal'][right.type='Literal']):not([left.bigint]):not([right.bigint])",
					message:
						'x ** y is Math.pow, which differs between JS engines (SEMANTICS DET-1): use engine/math.ts.'
				}
			],
			'no-restricted-globals': [
				'error',
				{ name: 'setTimeout', message: 'Schedule on the engine clock.' },
				{ name: 'setInterval', message: 'Schedule on the engine clock.' },
				{ name: 'window', message: 'No DOM in the engine.' },
				{ name: 'document', message: 'No DOM in the engine.' }
			]
		}
	},
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'reports/',
			'test-results/',
			'playwright-report/',
			'bench/out/'
		]
	}
);
