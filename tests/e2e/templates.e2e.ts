// #17 in the browser: Import takes a CloudFormation/SAM template as well as a scenario file. The result is an
// ordinary scenario (nodes named by logical id, shareable), the panel opens on what AWS's guidance says
// about it, and a bad template says what is wrong and where while the current run stays.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pickScenario } from './helpers';

async function importText(page: Page, name: string, text: string) {
	await page.getByText('Scenario file').click();
	await page.getByTestId('import').setInputFiles({
		name,
		mimeType: name.endsWith('.json') ? 'application/json' : 'application/yaml',
		buffer: Buffer.from(text)
	});
}

test('a CloudFormation template imports as a scenario named by logical id, with AWS guidance findings (ESM-SQS-2, SQS-DLQ-3)', async ({
	page,
	browser
}) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await importText(page, 'order-fanout.yaml', readFileSync('templates/order-fanout.yaml', 'utf8'));
	const stage = page.getByTestId('stage');
	for (const id of ['OrdersTopicProducer', 'OrdersTopic', 'EuOrdersQueue', 'BigOrdersDlq', 'EuWorker'])
		await expect(stage).toContainText(id);
	const notice = page.getByTestId('notice');
	await expect(notice).toContainText('Imported order-fanout.yaml');
	await expect(notice).toContainText('ignored WorkerRole (AWS::IAM::Role)');
	await expect(page.getByRole('alert')).toHaveCount(0);
	// The panel opens on the findings: the visibility timeout against the function's, the DLQ's retention.
	await expect(page.getByTestId('tab-insights')).toHaveAttribute('aria-selected', 'true');
	const advice = page.getByTestId('advice');
	const vt = advice.locator('li[data-kind="visibility-timeout"][data-node="BigOrdersQueue"]');
	await expect(vt).toContainText('under six times BigWorker');
	await expect(vt).toContainText('at least 182 s');
	await expect(vt.getByRole('link', { name: /Lambda Developer Guide/ })).toHaveAttribute(
		'href',
		/docs\.aws\.amazon\.com\/lambda\//
	);
	await expect(advice.locator('li[data-kind="dlq-retention"][data-node="BigOrdersDlq"]')).toBeVisible();
	// A finding's resource selects its node.
	await vt.getByRole('button', { name: 'BigOrdersQueue' }).click();
	await expect(page.getByTestId('tab-inspector')).toHaveAttribute('aria-selected', 'true');
	await expect(page.locator('#side-panel')).toContainText('BigOrdersQueue');
	// It is an ordinary scenario: a link reproduces the same run.
	await page.evaluate(() => window.pigeonhole?.seek(20_000));
	const hash = await page.evaluate(() => window.pigeonhole?.traceHash());
	await page.getByTestId('copy-link').click();
	const url = await page.getByTestId('share-url').inputValue();
	const other = await browser.newPage();
	await other.goto(url);
	await other.waitForFunction(() => window.pigeonhole !== undefined);
	await expect(other.getByTestId('stage')).toContainText('BigOrdersDlq');
	await other.evaluate(() => window.pigeonhole?.settled());
	expect(await other.evaluate(() => window.pigeonhole?.traceHash())).toBe(hash);
	await other.close();
	// The notice can be dismissed.
	await page.getByRole('button', { name: 'Dismiss the notice' }).click();
	await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('a JSON template with a Resources section is a template too', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	const template = {
		Resources: {
			Jobs: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } },
			Worker: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 20 } },
			Mapping: {
				Type: 'AWS::Lambda::EventSourceMapping',
				Properties: { EventSourceArn: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, FunctionName: { Ref: 'Worker' } }
			}
		}
	};
	await importText(page, 'stack.json', JSON.stringify(template));
	await expect(page.getByTestId('stage')).toContainText('JobsProducer');
	await expect(page.getByTestId('advice').locator('li[data-kind="visibility-timeout"]')).toContainText(
		'at least 120 s'
	);
	await expect(page.getByTestId('advice').locator('li[data-kind="no-dlq"][data-node="Jobs"]')).toBeVisible();
});

test('a bad template names the resource and property, and the current run stays', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'fifo-groups');
	const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]']
		.concat(
			'bcdefghijklm'
				.split('')
				.map((c, k) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghijklm'[k]}`).join(',')}]`)
		)
		.concat('Resources: {}')
		.join('\n');
	const cases: [string, string, RegExp][] = [
		['not-yaml.yaml', 'Resources:\n  A:\n    Type: [x\n', /not a valid YAML template \(line 4, column 1\)/],
		[
			'missing.yaml',
			'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Missing.Arn\n        maxReceiveCount: 5\n',
			/Q\.RedrivePolicy\.deadLetterTargetArn: Fn::GetAtt of 'Missing', which is no resource/
		],
		['bomb.yaml', bomb, /alias count/],
		[
			'cycle.yaml',
			'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt B.QueueName\n  B:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt A.QueueName\n',
			/A\.QueueName: circular dependency between resources: A → B → A/
		],
		[
			'import-value.yaml',
			'Resources:\n  A:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !ImportValue shared\n',
			/A\.QueueName: Fn::ImportValue is not supported/
		]
	];
	const hash = await page.evaluate(() => window.pigeonhole?.traceHash());
	for (const [name, text, message] of cases) {
		await importText(page, name, text);
		await expect(page.getByRole('alert')).toContainText(`${name} is not a template Pigeonhole can import`);
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.getByTestId('stage')).toContainText('orders.fifo');
		await page.keyboard.press('Escape');
	}
	expect(await page.evaluate(() => window.pigeonhole?.traceHash())).toBe(hash);
});

test('findings from AWS guidance run on a built-in scenario too (ESM-SQS-3)', async ({ page }) => {
	await page.goto('./');
	await page.waitForFunction(() => window.pigeonhole !== undefined);
	await pickScenario(page, 'poison-dlq');
	await page.getByTestId('tab-insights').click();
	const f = page.getByTestId('advice').locator('li[data-kind="max-receive-count"][data-node="payments"]');
	await expect(f).toContainText('below 5 for a Lambda source');
	await expect(f).toContainText('Fix: Raise payments');
});
