// Preventive maintenance screens in headless Chromium. The schedule editor shows the next due
// times in the location's time zone across a clock change. The reading form on the asset page
// stores a technician's readings and shows why the server rejects a lower counter value.
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

test('reading entered on the asset page, lower value needs a reset', async () => {
  const page = await newPage();
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/assets/${state.compressor.id}`);

  const form = page.getByRole('form', { name: 'Enter a reading' });
  await form.getByLabel('Value (h)').fill('1250.5');
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByRole('status').filter({ hasText: 'Reading saved.' }).waitFor();
  await page.getByRole('cell', { name: '1250.5 h' }).waitFor();

  await form.getByLabel('Value (h)').fill('12');
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByText(/mark the reading as a reset/).waitFor();

  await form.getByLabel('The counter was reset or rolled over').check();
  await form.getByRole('button', { name: 'Save reading' }).click();
  await form.getByRole('status').filter({ hasText: 'Reading saved.' }).waitFor();
  await page.getByRole('cell', { name: '12 h' }).waitFor();
  await shootBoth(page, 'asset-meters');

  const readings = await api('GET', `/api/v1/meters/${state.hours.id}/readings`);
  assert.deepEqual(readings.body.map((r) => r.value), [12, 1250.5]);
  assert.equal(readings.body[0].reset, true);
});
