// An administrator changes the work configuration without code: a new status in the make-ready
// workflow (rejected until it can be reached, then saved as version 2), the priority matrix, a
// configuration file imported after a preview, an approval rule created and then edited, and all
// the links of a procedure template.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desktop, launchBrowser, phone, shoot, shootBoth, signIn } from './browser.mjs';
import { apiSession, people, startStack } from './server.mjs';

let stack;
let browser;
let adminApi;
const scratch = mkdtempSync(path.join(tmpdir(), 'workdesk-e2e-config-'));

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  adminApi = await apiSession(stack.apiUrl, people.admin);
});

after(async () => {
  await browser?.close();
  stack?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('administrator adds a status to a workflow', async () => {
  const context = await browser.newContext({ viewport: desktop, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Types and workflows' }).click();
  await page.getByRole('button', { name: /Make-ready/ }).click();
  await page.getByRole('heading', { name: 'Make-ready, version 1' }).waitFor();

  await page.getByRole('button', { name: 'Add a status' }).click();
  const row = page.getByTestId('status-row-8');
  await row.getByLabel('Status key').fill('awaiting_paint');
  await row.getByLabel('Status name').fill('Awaiting paint');
  await row.getByLabel('Category').selectOption('on_hold');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByRole('alert').getByText("Status 'awaiting_paint' cannot be reached from the initial status 'open'.").waitFor();

  await page.getByRole('button', { name: 'Add a move' }).click();
  await page.getByRole('button', { name: 'Add a move' }).click();
  const into = page.getByTestId('transition-row-22');
  await into.getByLabel('From', { exact: true }).selectOption({ label: 'In progress' });
  await into.getByLabel('To', { exact: true }).selectOption({ label: 'Awaiting paint' });
  await into.getByLabel('Ask for a reason').check();
  const back = page.getByTestId('transition-row-23');
  await back.getByLabel('From', { exact: true }).selectOption({ label: 'Awaiting paint' });
  await back.getByLabel('To', { exact: true }).selectOption({ label: 'In progress' });
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await page.getByRole('status').getByText('Saved as version 2.').waitFor();
  await shootBoth(page, 'admin-1-workflow');

  const saved = (await adminApi('GET', '/api/v1/work-order-types/make_ready')).body;
  assert.equal(saved.currentVersion, 2);
  assert.ok(saved.workflow.statuses.some((s) => s.key === 'awaiting_paint' && s.category === 'on_hold'));
  assert.ok(saved.workflow.transitions.some((t) => t.from === 'in_progress' && t.to === 'awaiting_paint' && t.requiresReason));
  await context.close();
});

test('administrator edits the priority matrix on a phone', async () => {
  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/priority-matrix`);
  const cell = page.getByLabel('Priority for High urgency and High impact');
  await cell.waitFor();
  assert.equal(await cell.inputValue(), 'urgent');
  await cell.selectOption('high');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').waitFor();
  await shoot(page, 'admin-2-priority-matrix');

  const matrix = (await adminApi('GET', '/api/v1/priority-matrix')).body;
  assert.equal(matrix.cells.find((c) => c.urgency === 'high' && c.impact === 'high').priority, 'high');
  await context.close();
});

test('administrator previews and imports a configuration file', async () => {
  const document = (await adminApi('GET', '/api/v1/admin/config')).body;
  document.workOrderTypes.find((t) => t.key === 'inspection').name = 'Statutory inspection';
  const file = path.join(scratch, 'workdesk-config.json');
  writeFileSync(file, JSON.stringify(document));

  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/config`);
  await page.getByTestId('config-file').setInputFiles(file);
  await page.getByTestId('config-changes').getByText('inspection').waitFor();
  assert.match(await page.getByTestId('config-changes').textContent(), /Change · Work order type · inspection/);
  await shoot(page, 'admin-3-config-preview');
  await page.getByRole('button', { name: 'Apply 1 change' }).click();
  await page.getByRole('status').getByText('The configuration was imported.').waitFor();

  const inspection = (await adminApi('GET', '/api/v1/work-order-types/inspection')).body;
  assert.equal(inspection.name, 'Statutory inspection');
  await context.close();
});

test('administrator adds an approval rule and turns it off', async () => {
  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/approval-rules`);
  await page.getByLabel('Name').fill('Jobs over 1,000');
  await page.getByLabel('Estimated cost over (optional)').fill('1000');
  await page.getByLabel('Approver 1').selectOption({ label: "Manager of the work order's location" });
  await page.getByRole('button', { name: 'Add an approver' }).click();
  await page.getByLabel('Approver 2').selectOption('dispatcher');
  await page.getByRole('button', { name: 'Create rule' }).click();
  const card = page.locator('.card').filter({ hasText: 'Jobs over 1,000' });
  await card.getByText("Approvers: Manager of the work order's location → Dispatcher").waitFor();
  await shoot(page, 'admin-4-approval-rules');

  // The box follows the saved rule, so it shows unticked once the server has stored the change.
  await card.getByLabel(/Active/).click();
  await page.waitForFunction(() => !document.querySelector('.card input[type=checkbox]')?.checked);
  const rules = (await adminApi('GET', '/api/v1/approval-rules')).body;
  const rule = rules.find((r) => r.name === 'Jobs over 1,000');
  assert.equal(rule.minEstimatedCost, 1000);
  assert.equal(rule.currency, 'EUR');
  assert.deepEqual(rule.steps.map((s) => s.locationManager || s.role), [true, 'dispatcher']);
  assert.equal(rule.isActive, false);
  await context.close();
});

test('administrator edits an approval rule', async () => {
  const context = await browser.newContext({ viewport: desktop, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/approval-rules`);
  await page.getByRole('button', { name: 'Edit Jobs over 1,000' }).click();
  await page.getByRole('heading', { name: 'Edit rule: Jobs over 1,000' }).waitFor();
  assert.equal(await page.getByLabel('Estimated cost over (optional)').inputValue(), '1000');
  assert.equal(await page.getByLabel('Approver 2').inputValue(), 'dispatcher');

  // A blank name is rejected and the form keeps the rule open for another try.
  await page.getByLabel('Name').fill(' ');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('name is required and must be at most 200 characters.').waitFor();
  assert.equal((await adminApi('GET', '/api/v1/approval-rules')).body.some((r) => r.name === 'Jobs over 1,000'), true);

  await page.getByLabel('Name').fill('Jobs over 2,500');

  await page.getByLabel('Estimated cost over (optional)').fill('2500');
  await page.getByLabel('Approver 2').selectOption('technician');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').getByText('Saved Jobs over 2,500.').waitFor();
  await page.getByRole('heading', { name: 'New rule' }).waitFor();
  await page.locator('.card').filter({ hasText: 'Jobs over 2,500' })
    .getByText("Approvers: Manager of the work order's location → Technician").waitFor();

  const rules = (await adminApi('GET', '/api/v1/approval-rules')).body;
  assert.equal(rules.some((r) => r.name === 'Jobs over 1,000'), false);
  const rule = rules.find((r) => r.name === 'Jobs over 2,500');
  assert.equal(rule.minEstimatedCost, 2500);
  assert.equal(rule.currency, 'EUR');
  assert.equal(rule.isActive, false);
  assert.deepEqual(rule.steps.map((s) => s.locationManager || s.role), [true, 'technician']);
  await context.close();
});

test('administrator edits every link of a procedure', async () => {
  const pumps = (await adminApi('POST', '/api/v1/asset-types', { name: 'Infusion pump' })).body;
  const pump = (await adminApi('POST', '/api/v1/assets', { tag: 'PMP-7', name: 'Ward 3 pump' })).body;
  await adminApi('POST', '/api/v1/procedure-templates', {
    name: 'Pump safety check', description: null,
    sections: [{ title: 'Safety', steps: [{ key: 'leakage', label: 'Leakage current', kind: 'number', required: true, options: [] }] }],
    attachTo: [{ workOrderType: 'inspection', assetTypeId: pumps.id }, { workOrderType: 'corrective' }],
  });

  const context = await browser.newContext({ viewport: desktop, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/procedures`);
  await page.getByRole('button', { name: 'Pump safety check' }).click();
  const first = page.getByTestId('template-link-1');
  const second = page.getByTestId('template-link-2');
  assert.equal(await first.getByLabel('For work order type').inputValue(), 'inspection');
  assert.equal(await first.getByLabel('For asset type').inputValue(), String(pumps.id));
  assert.equal(await second.getByLabel('For work order type').inputValue(), 'corrective');

  await second.getByLabel('For work order type').selectOption('preventive');
  await page.getByRole('button', { name: 'Add a line' }).click();
  await page.getByTestId('template-link-3').getByLabel('For asset', { exact: true }).selectOption({ label: 'PMP-7 · Ward 3 pump' });
  await page.getByRole('button', { name: 'Remove line 1' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('.template-editor').waitFor({ state: 'detached' });

  const saved = (await adminApi('GET', '/api/v1/procedure-templates')).body.find((p) => p.name === 'Pump safety check');
  assert.deepEqual(saved.attachTo.map((l) => [l.workOrderType ?? null, l.assetTypeId ?? null, l.assetId ?? null]),
    [['preventive', null, null], [null, null, pump.id]]);
  await context.close();
});
