// The whole path in headless Chromium: a requester reports from a location's link with a photo,
// a dispatcher approves and assigns, a technician starts and completes on a phone, and the
// requester sees the result. Screenshots of each main screen go to e2e/artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { desktop, launchBrowser, phone, shoot, shootBoth, signIn } from './browser.mjs';
import { apiSession, people, startStack, webDir } from './server.mjs';

const photoPath = path.join(webDir, 'public', 'icons', 'icon-192.png');

let stack;
let browser;
let dispatcherApi;
const state = {};

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();

  dispatcherApi = await apiSession(stack.apiUrl, people.dispatcher);
  const site = await dispatcherApi('POST', '/api/v1/locations', { name: 'North Campus', code: 'NC' });
  const building = await dispatcherApi('POST', '/api/v1/locations', { name: 'Library', parentId: site.body.id });
  const room = await dispatcherApi('POST', '/api/v1/locations', { name: 'Reading room 2', parentId: building.body.id });
  const asset = await dispatcherApi('POST', '/api/v1/assets', { tag: 'HVAC-7', name: 'Air handler 7', locationId: room.body.id });
  await dispatcherApi('POST', '/api/v1/vendors', { name: 'Acme Boilers' });
  Object.assign(state, { site: site.body, building: building.body, room: room.body, asset: asset.body });
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

async function newPage(viewport, options = {}) {
  const context = await browser.newContext({ viewport, serviceWorkers: options.serviceWorkers ?? 'block' });
  return context.newPage();
}

test('requester reports with a photo', async () => {
  const page = await newPage(phone);
  await page.goto(`${stack.appUrl}${state.room.requestUrl}`);
  await page.getByText('North Campus › Library › Reading room 2').waitFor();
  await shoot(page, '01-request-form');

  await page.getByRole('button', { name: 'Send report' }).click();
  assert.equal(await page.getByLabel('What is wrong?').getAttribute('aria-invalid'), 'true');

  await page.getByLabel('What is wrong?').fill('The radiator under the window leaks onto the floor.');
  await page.getByLabel('Photo (optional)').setInputFiles(photoPath);
  await page.getByLabel('Your name (optional)').fill('Rita Reader');
  await page.getByRole('button', { name: 'Send report' }).click();
  const link = page.getByRole('link', { name: 'Follow your report' });
  await link.waitFor();
  state.statusPath = await link.getAttribute('href');
  assert.match(state.statusPath, /^\/status\/.+/);
  await shoot(page, '02-request-sent');

  await link.click();
  await page.getByTestId('request-status').waitFor();
  assert.equal(await page.getByTestId('request-status').textContent(), 'Received, waiting for review');
  await shoot(page, '03-status-new');
  await page.context().close();
});

test('unknown request link explains itself', async () => {
  const page = await newPage(phone);
  await page.goto(`${stack.appUrl}/r/no-such-key`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /This link is not known/);
  await page.context().close();
});

test('dispatcher approves and assigns', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.dispatcher);
  await page.waitForURL('**/triage');
  const card = page.getByRole('article').filter({ hasText: 'radiator' });
  await card.waitFor();
  await card.getByRole('img').first().waitFor();
  await shootBoth(page, '04-triage');
  await page.setViewportSize(desktop);

  await card.getByLabel('Priority').selectOption('high');
  await card.getByLabel('Assign to').selectOption({ label: people.technician.name });
  await card.getByLabel('Due date').fill(new Date().toISOString().slice(0, 10));
  await card.getByRole('button', { name: 'Approve and create work order' }).click();
  await page.getByText('No new requests. Well done.').waitFor();

  const list = await dispatcherApi('GET', '/api/v1/work-orders?q=radiator');
  assert.equal(list.body.items.length, 1);
  state.workOrder = list.body.items[0];
  assert.equal(state.workOrder.status, 'assigned');
  assert.equal(state.workOrder.priority, 'high');

  await page.getByRole('link', { name: 'Work orders' }).click();
  await page.getByRole('link', { name: state.workOrder.title }).waitFor();
  // Wide screens show a table with the location's last two names, and phones show one card per work order.
  const row = page.getByRole('row').filter({ hasText: state.workOrder.title });
  await row.getByText('… › Library › Reading room 2').waitFor();
  await shoot(page, '05-work-orders');
  await page.setViewportSize(phone);
  const listCard = page.locator('.work-order-card').filter({ hasText: state.workOrder.title });
  await listCard.getByText('… › Library › Reading room 2').waitFor();
  await listCard.getByText(`#${state.workOrder.id}`, { exact: true }).waitFor();
  await listCard.getByText('High', { exact: true }).waitFor();
  assert.equal(await page.getByRole('table').count(), 0);
  await shoot(page, '05-work-orders');
  await page.setViewportSize(desktop);
  await page.getByRole('button', { name: 'Board' }).click();
  await page.getByRole('region', { name: 'Assigned' }).getByRole('link', { name: state.workOrder.title }).waitFor();
  await shootBoth(page, '06-board');
  await page.context().close();
});

test('technician starts and completes on a phone', async () => {
  const page = await newPage(phone);
  await signIn(page, stack, people.technician);
  await page.waitForURL('**/my-work');
  await page.getByRole('heading', { name: /Due today/ }).waitFor();
  await shoot(page, '07-my-work');

  // Taps counted for docs/ux.md: the card, then Start; then Complete.
  await page.getByRole('link', { name: new RegExp(state.workOrder.title.slice(0, 20)) }).click();
  await page.getByRole('button', { name: 'Start' }).waitFor();
  // Technicians read the location and the assignee by name, not by number.
  await page.getByTestId('location').getByText('North Campus › Library › Reading room 2').waitFor();
  await page.getByTestId('assignees').getByText(people.technician.name).waitFor();
  await page.locator('.timeline li').first().waitFor();
  await shoot(page, '08-work-order');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Complete' }).waitFor();
  await page.getByText('In progress', { exact: true }).first().waitFor();

  await page.getByLabel('Add a comment').fill('Replaced the valve seal.');
  await page.getByRole('button', { name: 'Send comment' }).click();
  await page.getByText('Replaced the valve seal.', { exact: true }).waitFor();
  await page.getByTestId('attach-file').setInputFiles(photoPath);
  await page.locator('.thumbs img').first().waitFor();

  // Corrective work asks for its failure codes before it can be completed.
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('heading', { name: 'Fill in before you Complete' }).waitFor();
  await page.getByLabel('Problem').selectOption('leaking');
  await page.getByLabel('Cause').selectOption('wear');
  await page.getByLabel('Remedy').selectOption('repaired');
  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('button', { name: 'Reopen' }).waitFor();
  await shoot(page, '09-work-order-completed');

  const done = await dispatcherApi('GET', `/api/v1/work-orders/${state.workOrder.id}`);
  assert.equal(done.body.status, 'completed');
  assert.equal(done.body.customFields.failure_cause, 'wear');
  await page.context().close();
});

test('requester sees the work completed', async () => {
  const page = await newPage(phone);
  await page.goto(`${stack.appUrl}${state.statusPath}`);
  await page.getByTestId('request-status').waitFor();
  assert.equal(await page.getByTestId('request-status').textContent(), 'Completed');
  await page.getByLabel('Add a message').fill('Thank you, it is dry now.');
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.getByText('Thank you, it is dry now.').waitFor();
  await shoot(page, '10-status-completed');
  await page.context().close();
});

test('work order description and type', async () => {
  const created = await dispatcherApi('POST', '/api/v1/work-orders', {
    title: 'Replace the lobby door closer',
    description: 'The door slams shut.\nThe closer leaks oil.\n\nKey is at the front desk.',
    type: 'service_request',
    locationId: state.building.id,
  });
  const page = await newPage(desktop);
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/work-orders/${created.body.id}`);
  assert.equal(await page.getByTestId('type').textContent(), 'Service request');
  const description = page.locator('.description');
  assert.equal(await description.evaluate((element) => getComputedStyle(element).whiteSpace), 'pre-line');
  // Four lines of text, one of them empty, are taller than three line heights.
  const { height, lineHeight } = await description.evaluate((element) => ({
    height: element.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(element).lineHeight),
  }));
  assert.ok(height > lineHeight * 3, `the description is ${height} px high, under 3 lines of ${lineHeight} px`);
  assert.equal(await page.locator('.breadcrumb').getByRole('link').getAttribute('href'), '/work-orders');
  await shootBoth(page, '30-work-order-details');
  await page.context().close();
});

test('stale save offers a reload', async () => {
  const created = await dispatcherApi('POST', '/api/v1/work-orders', { title: 'Check the fire door', assetId: state.asset.id });
  const page = await newPage(phone);
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/work-orders/${created.body.id}`);
  await page.getByRole('button', { name: 'Start' }).waitFor();
  const fresh = await dispatcherApi('GET', `/api/v1/work-orders/${created.body.id}`);
  await dispatcherApi('PATCH', `/api/v1/work-orders/${created.body.id}`, { priority: 'urgent' },
    { 'If-Match': fresh.etag, 'Content-Type': 'application/merge-patch+json' });

  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByText('Someone else changed this record').first().waitFor();
  await shoot(page, '11-conflict');
  await page.getByRole('button', { name: 'Reload' }).first().click();
  await page.getByText('Urgent', { exact: true }).first().waitFor();
  await page.context().close();
});

test('dispatcher saves a view and bulk assigns', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/work-orders?priority=urgent`);
  await page.getByRole('link', { name: 'Check the fire door' }).waitFor();
  await page.getByLabel('Save these filters as').fill('Urgent work');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('button', { name: 'Urgent work', exact: true }).waitFor();

  await page.goto(`${stack.appUrl}/work-orders`);
  await page.getByRole('button', { name: 'Urgent work', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('priority') === 'urgent');

  await page.getByLabel('Select all on this page').check();
  const bulk = page.getByRole('form', { name: 'Change the selected work orders' });
  await bulk.getByLabel('Assign to').selectOption({ label: people.technician.name });
  await bulk.getByRole('button', { name: 'Apply to selected' }).click();
  await page.getByRole('cell', { name: people.technician.name }).waitFor();
  const fireDoor = await dispatcherApi('GET', '/api/v1/work-orders?q=fire%20door');
  assert.deepEqual(fireDoor.body.items[0].assigneeUserIds.length, 1);
  await page.context().close();
});

test('open list refreshes on live changes', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.dispatcher);
  // The SignalR handshake reply is the first frame from the hub; events sent before it are lost.
  const hubReady = new Promise((resolve) => {
    page.on('websocket', (socket) => {
      if (socket.url().includes('/hubs/live')) socket.once('framereceived', resolve);
    });
  });
  await page.goto(`${stack.appUrl}/work-orders?priority=urgent`);
  await page.getByRole('link', { name: 'Check the fire door' }).waitFor();
  await hubReady;
  const other = await dispatcherApi('POST', '/api/v1/work-orders', { title: 'Replace hallway bulb', priority: 'urgent' });
  try {
    await page.getByText('The list was updated because a work order changed.').waitFor({ timeout: 10000 });
    await page.getByRole('link', { name: other.body.title }).waitFor();
    await shoot(page, '18-live-list');
  } finally {
    await page.context().close();
  }
});

test('manager browses locations and assets', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.dispatcher);
  await page.goto(`${stack.appUrl}/locations`);
  await page.getByRole('button', { name: 'Show places in North Campus' }).click();
  await page.getByRole('button', { name: 'Show places in Library' }).click();
  await page.getByRole('button', { name: 'Reading room 2', exact: true }).click();
  await page.getByRole('link', { name: 'Air handler 7' }).waitFor();
  await page.getByRole('link', { name: state.workOrder.title }).waitFor();
  await shootBoth(page, '12-locations');

  await page.goto(`${stack.appUrl}/work-orders/${state.workOrder.id}`);
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.locator('.timeline li').nth(2).waitFor();
  await shootBoth(page, '13-timeline');

  await page.goto(`${stack.appUrl}/assets/${state.asset.id}`);
  await page.getByRole('heading', { name: 'Work order history' }).waitFor();
  await page.getByRole('link', { name: 'Check the fire door', exact: true }).waitFor();
  await shootBoth(page, '14-asset');
  await page.context().close();
});

test('administrator manages users, tokens and sees the system', async () => {
  const page = await newPage(desktop);
  await signIn(page, stack, people.admin);
  await page.goto(`${stack.appUrl}/admin/users`);
  await page.getByRole('cell', { name: people.technician.email }).waitFor();
  const form = page.locator('form').filter({ hasText: 'Add a user' });
  await form.getByLabel('Email').fill('vera.vendor@example.test');
  await form.getByLabel('Name', { exact: true }).fill('Vera Vendor');
  await form.getByLabel('Role').selectOption('vendor');
  await form.getByLabel('Password').fill('vendor password for e2e');
  await form.getByRole('button', { name: 'Create user' }).click();
  // A vendor user needs a vendor: the server's message appears next to that field.
  await form.getByText('A vendor user needs vendorId').waitFor();
  assert.equal(await form.getByLabel('Vendor', { exact: true }).getAttribute('aria-invalid'), 'true');
  await form.getByLabel('Vendor', { exact: true }).selectOption({ label: 'Acme Boilers' });
  await form.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('cell', { name: 'vera.vendor@example.test' }).waitFor();
  await shootBoth(page, '15-users');

  await page.setViewportSize(desktop);
  await page.goto(`${stack.appUrl}/settings/tokens`);
  await page.getByLabel('Token name').fill('reporting script');
  await page.getByRole('button', { name: 'Create token' }).click();
  assert.match(await page.locator('code.token').textContent(), /^wd_/);
  await shootBoth(page, '16-tokens');

  await page.goto(`${stack.appUrl}/admin/system`);
  await page.getByText('Data folder').waitFor();
  await shootBoth(page, '17-system');
  await page.context().close();
});

test('app shell installs as a PWA', async () => {
  const page = await newPage(phone, { serviceWorkers: 'allow' });
  await page.goto(`${stack.appUrl}/sign-in`);
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(manifestHref, stack.appUrl).toString())).json();
  assert.equal(manifest.name, 'Workdesk');
  assert.ok(manifest.icons.some((icon) => icon.sizes === '512x512'));
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${stack.appUrl}/`);
  await shoot(page, '00-sign-in');

  // With the network gone, the cached shell still opens a requester's link and keeps their text.
  await page.reload();
  await page.evaluate(() => navigator.serviceWorker.controller !== null || new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true });
  }));
  await page.context().setOffline(true);
  await page.goto(`${stack.appUrl}${state.room.requestUrl}`);
  await page.getByRole('heading', { name: 'Report a problem' }).waitFor();
  await page.getByText('There is no connection right now.').waitFor();
  await page.getByLabel('What is wrong?').fill('Window will not close.');
  await page.getByRole('button', { name: 'Send report' }).click();
  assert.match(await page.getByRole('alert').textContent(), /What you typed is kept on this device/);
  await shoot(page, '19-request-offline');
  await page.reload();
  await page.getByLabel('What is wrong?').waitFor();
  await page.waitForFunction(() => document.querySelector('textarea')?.value === 'Window will not close.');
  await page.context().setOffline(false);
  await page.context().close();
});
