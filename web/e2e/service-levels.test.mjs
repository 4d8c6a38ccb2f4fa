// Service levels in headless Chromium. An administrator sets up a calendar, a policy and an
// escalation rule, and the work order list and page show the SLA state. A technician chooses how
// to hear about escalations, and the webhook screen shows the delivery log with a replay. The
// email template screen rejects an unknown placeholder and resets to the default.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { desktop, launchBrowser, phone, shoot, shootBoth, signIn } from './browser.mjs';
import { apiSession, people, startStack } from './server.mjs';

let stack;
let browser;
let adminApi;

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  adminApi = await apiSession(stack.apiUrl, people.admin);
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

async function newPage(viewport) {
  const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
  return context.newPage();
}

test('administrator sets up calendar, policy and escalation rule', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/service-levels`);
  await page.getByRole('heading', { name: 'Service levels' }).waitFor();

  await page.getByLabel('Name').first().fill('Round the clock');
  await page.getByLabel('Time zone (IANA, such as Europe/Paris)').fill('UTC');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
    await page.getByLabel(day, { exact: true }).fill('00:00-24:00');
  }
  await page.getByLabel('Holiday date').fill('2026-12-25');
  await page.getByLabel('Every year').check();
  await page.getByRole('button', { name: 'Add holiday' }).click();
  await page.getByRole('button', { name: 'Remove 2026-12-25' }).waitFor();
  await page.getByRole('button', { name: 'Add calendar' }).click();
  const calendars = page.locator('section', { has: page.getByRole('heading', { name: 'Business calendars' }) });
  await calendars.getByText('Round the clock', { exact: true }).waitFor();
  await calendars.getByText('1 holiday', { exact: false }).waitFor();
  await calendars.getByText('Sun 00:00-24:00', { exact: false }).waitFor();

  const policies = page.locator('section', { has: page.getByRole('heading', { name: 'SLA policies' }) });
  await policies.getByLabel('Name').fill('Urgent four hours');
  await policies.getByLabel('Priority (empty matches all)').selectOption('urgent');
  await policies.getByLabel('Resolution in business minutes').fill('0');
  await policies.getByLabel('Calendar').selectOption({ label: 'Round the clock' });
  await policies.getByRole('button', { name: 'Add policy' }).click();
  await policies.getByLabel('Resolution in business minutes').and(page.locator('[aria-invalid="true"]')).waitFor();

  await policies.getByLabel('Resolution in business minutes').fill('240');
  await policies.getByRole('button', { name: 'Add policy' }).click();
  await policies.getByText('Urgent four hours', { exact: true }).waitFor();

  await policies.getByRole('button', { name: 'Edit Urgent four hours' }).click();
  assert.equal(await policies.getByLabel('Resolution in business minutes').inputValue(), '240');
  await policies.getByLabel('First response in business minutes (optional)').fill('30');
  await policies.getByRole('button', { name: 'Save changes' }).click();
  await policies.getByText(/first response 30/).waitFor();

  const rules = page.locator('section', { has: page.getByRole('heading', { name: 'Escalation rules' }) });
  await rules.getByLabel('Name').fill('Warn an hour before');
  await rules.getByLabel('Business minutes before the due time (0 = at the due time)').fill('60');
  await rules.getByLabel('Policy').selectOption({ label: 'Urgent four hours' });
  await rules.getByLabel('Notify everyone with the role').selectOption('dispatcher');
  await rules.getByLabel('Reassign to a person').selectOption({ label: people.admin.name });
  await rules.getByRole('button', { name: 'Add rule' }).click();
  const rule = page.getByTestId('escalation-rule').filter({ hasText: 'Warn an hour before' });
  await rule.waitFor();
  assert.match(await rule.textContent(), /60 business minutes before the resolution is due/);
  assert.match(await rule.textContent(), new RegExp(`notify every Dispatcher, reassign to ${people.admin.name}`));
  await shootBoth(page, '30-service-levels');
  await page.context().close();
});

test('work order list and page show the SLA state', async () => {
  const created = await adminApi('POST', '/api/v1/work-orders', { title: 'Server room too warm', priority: 'urgent' });
  assert.equal(created.body.sla.state, 'on_track');
  const page = await newPage(desktop);
  await signIn(page, stack, people.admin);

  await page.goto(`${stack.appUrl}/work-orders`);
  const row = page.getByRole('row').filter({ hasText: 'Server room too warm' });
  await row.waitFor();
  assert.match(await row.getByTestId('sla-badge').textContent(), /^On track · \d+ h \d\d min left$/);
  await shoot(page, '31-work-orders-sla');

  await page.goto(`${stack.appUrl}/work-orders/${created.body.id}`);
  await page.getByRole('heading', { name: /Server room too warm/ }).waitFor();
  assert.match(await page.getByTestId('sla-badge').textContent(), /^On track/);
  await page.getByText(/Resolution due/).waitFor();
  await shootBoth(page, '32-work-order-sla');
  await page.context().close();
});

test('technician chooses how to hear about escalations', async () => {
  const page = await newPage(phone);
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/notifications`);
  await page.getByText('No notifications.').waitFor();

  await page.getByLabel('A work order is at risk').selectOption('digest');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.reload();
  await page.getByText('No notifications.').waitFor();

  assert.equal(await page.getByLabel('A work order is at risk').inputValue(), 'digest');
  assert.equal(await page.getByLabel('A work order is overdue').inputValue(), 'email');
  await shoot(page, '33-notifications');
  await page.context().close();
});

test('administrator reads the webhook delivery log and replays', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/webhooks`);
  await page.getByText('No webhooks yet.').waitFor();

  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByText('Choose at least one event.').waitFor();
  await page.getByLabel('Name').fill('Receiver');
  await page.getByLabel('Target URL').fill('http://127.0.0.1:9/hook');
  await page.getByRole('checkbox', { name: 'work_order.created' }).check();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await page.getByText('Signing secret, shown once:').waitFor();
  await page.getByTestId('webhook').filter({ hasText: 'Receiver' }).waitFor();

  await adminApi('POST', '/api/v1/work-orders', { title: 'Webhook trigger' });
  await page.getByRole('button', { name: 'Delivery log of Receiver' }).click();
  const delivery = page.getByTestId('delivery').filter({ hasText: 'work_order.created' });
  await delivery.waitFor();
  await delivery.getByRole('button', { name: 'Send again' }).click();
  await page.getByText('Queued again.').waitFor();
  await shoot(page, '34-webhooks');
  await page.context().close();
});

test('administrator rewords an email and goes back to the default', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/email-templates`);
  await page.getByLabel('Email').selectOption('request.declined');
  await page.getByText('Uses the built-in wording.').waitFor();

  await page.getByLabel('Text').fill('Sorry, {{because}}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const text = page.getByLabel('Text');
  await text.and(page.locator('[aria-invalid="true"]')).waitFor();
  assert.match(await page.getByText(/is not a placeholder of request.declined/).textContent(), /\{\{reason\}\}/);

  await text.fill('Sorry: {{reason}}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Uses your wording.').waitFor();
  await shoot(page, '35-email-templates');

  await page.getByRole('button', { name: 'Back to the built-in wording' }).click();
  await page.getByText('Uses the built-in wording.').waitFor();
  assert.match(await text.inputValue(), /^Your request was declined: \{\{reason\}\}/);
  await page.context().close();
});

test('unknown survey link explains itself', async () => {
  const page = await newPage(phone);
  await page.goto(`${stack.appUrl}/survey/no-such-survey`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /This survey link is not known/);
  await page.context().close();
});
