// Approvals in headless Chromium. A site manager finds a costly work order on the Approvals page,
// sees that rejecting requires a reason, rejects one work order and approves another. An
// administrator reaches the configuration screens through the Administration index.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { desktop, launchBrowser, phone, shootBoth, signIn } from './browser.mjs';
import { apiSession, people, startStack } from './server.mjs';

let stack;
let browser;
let adminApi;
let managerApi;
const state = {};

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  adminApi = await apiSession(stack.apiUrl, people.admin);
  managerApi = await apiSession(stack.apiUrl, people.dispatcher);
  const manager = (await managerApi('GET', '/api/v1/me')).body;
  state.site = (await adminApi('POST', '/api/v1/locations', { name: 'North campus', managerId: manager.id })).body;
  state.rule = (await adminApi('POST', '/api/v1/approval-rules', {
    name: 'Work over 1000 EUR', minEstimatedCost: 1000, currency: 'EUR', locationId: state.site.id,
    steps: [{ locationManager: true }],
  })).body;
  state.chiller = (await adminApi('POST', '/api/v1/work-orders', {
    title: 'Replace the chiller', locationId: state.site.id, estimatedCost: 18500, estimatedCostCurrency: 'EUR',
  })).body;
  state.carpet = (await adminApi('POST', '/api/v1/work-orders', {
    title: 'Replace the lobby carpet', locationId: state.site.id, estimatedCost: 4200, estimatedCostCurrency: 'EUR',
  })).body;
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

test('site manager approves a costly work order', async () => {
  const context = await browser.newContext({ viewport: desktop, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.dispatcher);
  await page.getByRole('navigation').getByRole('link', { name: 'Approvals' }).click();
  await page.getByRole('heading', { name: 'Approvals waiting for you' }).waitFor();

  const chiller = page.getByTestId('my-approval').filter({ hasText: 'Replace the chiller' });
  await chiller.getByText('Work over 1000 EUR').waitFor();
  await chiller.getByText('1 of 1 (location manager)').waitFor();
  await chiller.getByText(/18,500/).waitFor();
  await shootBoth(page, 'approvals-1-waiting');

  const carpet = page.getByTestId('my-approval').filter({ hasText: 'Replace the lobby carpet' });
  await carpet.getByRole('button', { name: 'Reject' }).click();
  await carpet.getByText('Enter a reason to reject.').waitFor();
  await carpet.getByLabel('Reason (required to reject)').fill('Carpet is replaced next year with the lobby works');
  await carpet.getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('status').getByText(`Rejected WO-${state.carpet.id}: Replace the lobby carpet.`).waitFor();

  await chiller.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').getByText(`Approved WO-${state.chiller.id}: Replace the chiller.`).waitFor();
  await page.getByText('Nothing waits for your approval.').waitFor();

  const [chillerApproval] = (await adminApi('GET', `/api/v1/work-orders/${state.chiller.id}/approvals`)).body;
  assert.equal(chillerApproval.state, 'approved');
  const [carpetApproval] = (await adminApi('GET', `/api/v1/work-orders/${state.carpet.id}/approvals`)).body;
  assert.equal(carpetApproval.state, 'rejected');
  assert.equal(carpetApproval.decisions[0].reason, 'Carpet is replaced next year with the lobby works');
  await context.close();
});

test('site manager is notified of a new approval', async () => {
  const notices = (await managerApi('GET', '/api/v1/notifications?pageSize=100')).body.items
    .filter((n) => n.eventType === 'approval.requested');
  assert.deepEqual(notices.map((n) => n.workOrderId).sort(), [state.chiller.id, state.carpet.id].sort());
});

test('administrator opens a screen from the Administration index', async () => {
  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.admin);
  const nav = page.getByRole('navigation');
  assert.equal(await nav.getByRole('link', { name: 'Approval rules' }).count(), 0);
  await nav.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { name: 'Administration' }).waitFor();
  await page.getByText('Which work orders wait for approval before work starts, and who approves each step.').waitFor();
  await shootBoth(page, 'approvals-2-administration');
  await page.getByRole('main').getByRole('link', { name: 'Approval rules' }).click();
  await page.waitForURL((url) => url.pathname === '/admin/approval-rules');
  await page.locator('.card').filter({ hasText: 'Work over 1000 EUR' }).waitFor();
  await context.close();
});
