// Preventive maintenance screens in headless Chromium. The schedule editor shows the next due
// times in the location's time zone across a clock change, edits a schedule opened from the list
// and creates a meter schedule. The bulk change narrows its selection
// by trigger. The reading form on the asset page stores a technician's readings with the time
// they were taken, shows the meter total and explains why a lower counter value needs a reset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { desktop, launchBrowser, shootBoth, signIn } from './browser.mjs';
import { apiSession, people, startStack } from './server.mjs';

let stack;
let browser;
let api;
const state = {};

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  api = await apiSession(stack.apiUrl, people.dispatcher);

  const site = await api('POST', '/api/v1/locations', { name: 'Lyon plant', timeZone: 'Europe/Paris' });
  const compressor = await api('POST', '/api/v1/assets', { tag: 'CMP-7', name: 'Air compressor 7', locationId: site.body.id });
  const hours = await api('POST', `/api/v1/assets/${compressor.body.id}/meters`, {
    name: 'hours', kind: 'running_hours', unit: 'h', isCumulative: true,
  });
  Object.assign(state, { site: site.body, compressor: compressor.body, hours: hours.body });
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

async function newPage() {
  const context = await browser.newContext({ viewport: desktop, serviceWorkers: 'block' });
  return context.newPage();
}

test('schedule editor previews due times across the clock change', async () => {
  const page = await newPage();
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/schedules`);

  const editor = page.getByRole('form', { name: 'New schedule' });
  await editor.getByLabel('Name').fill('Compressor weekly check');
  await editor.getByLabel('Assets').selectOption(String(state.compressor.id));
  await editor.getByLabel('First due (local time)').fill('2030-03-25T15:00');
  await editor.getByLabel('Recurrence rule').fill('FREQ=WEEKLY');
  const due = page.getByRole('list', { name: 'Next due times' });
  await due.getByText('2030-04-01 15:00 (Europe/Paris)').waitFor();
  const items = await due.getByRole('listitem').allTextContents();
  assert.equal(items[0], '2030-03-25 15:00 (Europe/Paris)');
  assert.equal(items[1], '2030-04-01 15:00 (Europe/Paris)');
  await shootBoth(page, 'schedule-editor');

  await page.setViewportSize(desktop);
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  await editor.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();
  await page.getByRole('cell', { name: 'Compressor weekly check' }).waitFor();
});

test('existing schedule opened from the list and edited', async () => {
  const page = await newPage();
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/schedules`);

  await page.getByRole('button', { name: 'Edit Compressor weekly check' }).click();
  const editor = page.getByRole('form', { name: 'Edit schedule Compressor weekly check' });
  assert.equal(await editor.getByLabel('Recurrence rule').inputValue(), 'FREQ=WEEKLY');
  await editor.getByLabel('Recurrence rule').fill('FREQ=WEEKLY;INTERVAL=2');
  await editor.getByLabel('Priority').selectOption('high');
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  await editor.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();

  const stored = await api('GET', `/api/v1/schedules?q=${encodeURIComponent('Compressor weekly check')}`);
  assert.equal(stored.body.length, 1);
  assert.equal(stored.body[0].rule, 'FREQ=WEEKLY;INTERVAL=2');
  assert.equal(stored.body[0].priority, 'high');
});

test('meter schedule created in the editor', async () => {
  const page = await newPage();
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/schedules`);

  const editor = page.getByRole('form', { name: 'New schedule' });
  await editor.getByLabel('Name').fill('Compressor 500 h service');
  await editor.getByLabel('Trigger').selectOption('meter');
  await editor.getByLabel('Assets').selectOption(String(state.compressor.id));
  await editor.getByLabel('Meter name').fill('Hours');
  await editor.getByLabel('Every (meter units)').fill('500');
  await editor.getByRole('button', { name: 'Save schedule' }).click();
  await editor.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();

  const stored = await api('GET', `/api/v1/schedules?q=${encodeURIComponent('Compressor 500 h service')}`);
  assert.equal(stored.body[0].trigger, 'meter');
  assert.equal(stored.body[0].meterName, 'Hours');
  assert.equal(stored.body[0].meterInterval, 500);
  assert.equal(stored.body[0].startsAt, null);
});

test('reading entered on the asset page, lower value needs a reset', async () => {
  const page = await newPage();
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/assets/${state.compressor.id}`);

  const form = page.getByRole('form', { name: 'Enter a reading' });
  await form.getByLabel('Value (h)').fill('1250.5');
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByRole('status').filter({ hasText: 'Reading saved.' }).waitFor();
  await page.getByRole('cell', { name: '1250.5 h', exact: true }).first().waitFor();
  assert.equal(await page.getByRole('cell', { name: '1250.5 h', exact: true }).count(), 2);

  await form.getByLabel('Value (h)').fill('12');
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByText('Tick “The counter was reset or rolled over” if the meter was reset.', { exact: false }).waitFor();

  await form.getByLabel('The counter was reset or rolled over').check();
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByRole('status').filter({ hasText: 'Reading saved.' }).waitFor();
  await page.getByRole('cell', { name: '12 h', exact: true }).waitFor();
  await page.getByRole('cell', { name: '1262.5 h', exact: true }).waitFor();
  await shootBoth(page, 'asset-meters');

  const readings = await api('GET', `/api/v1/meters/${state.hours.id}/readings`);
  assert.deepEqual(readings.body.map((r) => r.value), [12, 1250.5]);
  assert.equal(readings.body[0].reset, true);
});

test('reading taken earlier is stored with its time', async () => {
  const page = await newPage();
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/assets/${state.compressor.id}`);

  const form = page.getByRole('form', { name: 'Enter a reading' });
  const takenAt = form.getByLabel('Read at');
  assert.match(await takenAt.inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  const earlier = new Date(Date.now() - 3 * 3600_000);
  const local = new Date(earlier.getTime() - earlier.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await takenAt.fill(local);
  await form.getByLabel('Value (h)').fill('20');
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByText(/older than the meter's latest reading/).waitFor();

  const readings = await api('GET', `/api/v1/meters/${state.hours.id}/readings`);
  assert.equal(readings.body.length, 2);
});

test('bulk change narrows the selection by trigger', async () => {
  const prefix = `Bulk ${Date.now()}`;
  await api('POST', '/api/v1/schedules', {
    name: `${prefix} calendar`, trigger: 'calendar', assetIds: [state.compressor.id], startsAt: '2030-01-07T08:00:00', rule: 'FREQ=WEEKLY',
  });
  await api('POST', '/api/v1/schedules', {
    name: `${prefix} floating`, trigger: 'floating', assetIds: [state.compressor.id], startsAt: '2030-01-07T08:00:00',
    intervalCount: 30, intervalUnit: 'days',
  });
  const page = await newPage();
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/schedules`);

  const bulk = page.getByRole('form', { name: 'Change many schedules' });
  await bulk.getByLabel('Schedules whose name contains').fill(prefix);
  await bulk.getByLabel('New recurrence rule').fill('FREQ=WEEKLY;INTERVAL=2');
  await bulk.getByRole('button', { name: 'Preview the change' }).click();
  await bulk.getByText(/narrow the selection with trigger/).waitFor();

  await bulk.getByLabel('Trigger').selectOption('calendar');
  await bulk.getByRole('button', { name: 'Preview the change' }).click();
  await bulk.getByRole('cell', { name: 'FREQ=WEEKLY;INTERVAL=2' }).waitFor();
  await bulk.getByRole('button', { name: 'Apply 1 change' }).click();
  await bulk.getByRole('status').filter({ hasText: '1 change applied.' }).waitFor();

  const schedules = await api('GET', `/api/v1/schedules?q=${encodeURIComponent(prefix)}`);
  const rules = Object.fromEntries(schedules.body.map((s) => [s.trigger, s.rule]));
  assert.deepEqual(rules, { calendar: 'FREQ=WEEKLY;INTERVAL=2', floating: null });
});
