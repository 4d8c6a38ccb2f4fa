// A hospital technician's electrical safety inspection of an infusion pump on a 360 px phone.
// The limit shows beside the measured value, and completion waits for the required measurement.
// A value over the limit fails the step and opens a follow-up, and the technician signs on screen.
// Results recorded with no connection wait on the phone and are sent once it is back online.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, phone, shoot, signIn } from './browser.mjs';
import { apiSession, people, startStack } from './server.mjs';

let stack;
let browser;
const state = {};

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  const admin = await apiSession(stack.apiUrl, people.admin);
  const me = await apiSession(stack.apiUrl, people.technician);
  const technician = (await me('GET', '/api/v1/me')).body;
  const ward = await admin('POST', '/api/v1/locations', { name: 'Ward 3' });
  const pumpType = await admin('POST', '/api/v1/asset-types', { name: 'Infusion pump' });
  const pump = await admin('POST', '/api/v1/assets', { tag: 'IP-0042', name: 'Infusion pump bed 4', assetTypeId: pumpType.body.id, locationId: ward.body.id });
  await admin('POST', '/api/v1/procedure-templates', {
    name: 'Electrical safety inspection',
    sections: [
      { title: 'Visual', steps: [{ key: 'casing', label: 'Casing and mains cable intact', kind: 'pass_fail', required: true }] },
      {
        title: 'Measurements',
        steps: [{ key: 'earth_leakage', label: 'Earth leakage current', kind: 'number', unit: 'µA', max: 500, required: true, followUpOnFailure: true }],
      },
      { title: 'Sign-off', steps: [{ key: 'signature', label: 'Technician signature', kind: 'signature', required: true }] },
    ],
    attachTo: [{ workOrderType: 'inspection', assetTypeId: pumpType.body.id }],
  });
  const inspection = await admin('POST', '/api/v1/work-orders', {
    title: 'Electrical safety inspection IP-0042', type: 'inspection', assetId: pump.body.id, locationId: ward.body.id,
    assigneeUserIds: [technician.id],
  });
  const offline = await admin('POST', '/api/v1/work-orders', {
    title: 'Electrical safety inspection in the basement', type: 'inspection', assetId: pump.body.id, locationId: ward.body.id,
    assigneeUserIds: [technician.id],
  });
  const cancelled = await admin('POST', '/api/v1/work-orders', {
    title: 'Electrical safety inspection of a spare pump', type: 'inspection', assetId: pump.body.id, locationId: ward.body.id,
    assigneeUserIds: [technician.id],
  });
  Object.assign(state, { admin, inspection: inspection.body, offline: offline.body, cancelled: cancelled.body, pump: pump.body });
});

after(async () => {
  await browser?.close();
  stack?.stop();
});

test('technician records an inspection on a phone', async () => {
  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/work-orders/${state.inspection.id}`);
  await page.getByRole('heading', { name: 'Electrical safety inspection', exact: true }).waitFor();
  await page.getByText('0 of 3 steps recorded').waitFor();

  // The limit sits with the value box, so the technician reads it while measuring.
  const leakage = page.getByTestId('step-earth_leakage');
  await leakage.getByText('Limit: at most 500 µA').waitFor();
  await shoot(page, 'procedure-1-steps');

  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByTestId('step-casing').getByRole('button', { name: 'Pass' }).click();
  await page.getByTestId('outcome-casing').waitFor();
  await page.getByRole('button', { name: 'Complete' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Earth leakage current' });
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /Technician signature/);

  await leakage.getByLabel('Value in µA').fill('730');
  await leakage.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('outcome-earth_leakage').getByText('Failed').waitFor();
  const followUpLink = leakage.getByRole('link', { name: /Follow-up work order #\d+ was opened/ });
  await followUpLink.waitFor();

  const signature = page.getByTestId('step-signature');
  const canvas = signature.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 10, { steps: 8 });
  await page.mouse.move(box.x + box.width - 20, box.y + box.height - 10, { steps: 8 });
  await page.mouse.up();
  assert.equal(await signature.getByLabel('Name of the person signing').inputValue(), people.technician.name);
  await signature.getByRole('button', { name: 'Save signature' }).click();
  await page.getByTestId('signed-signature').getByText(`Signed by ${people.technician.name}`).waitFor();
  await shoot(page, 'procedure-2-recorded');

  await page.getByRole('button', { name: 'Complete' }).click();
  await page.getByRole('button', { name: 'Reopen' }).waitFor();
  await shoot(page, 'procedure-3-completed');

  const procedures = (await state.admin('GET', `/api/v1/work-orders/${state.inspection.id}/procedures`)).body;
  const results = Object.fromEntries(procedures[0].results.map((r) => [r.stepKey, r]));
  assert.equal(results.earth_leakage.outcome, 'failed');
  assert.equal(results.signature.signerName, people.technician.name);
  const followUp = (await state.admin('GET', `/api/v1/work-orders/${results.earth_leakage.followUpWorkOrderId}`)).body;
  assert.equal(followUp.type, 'corrective');
  assert.equal(followUp.assetId, state.pump.id);
  await context.close();
});

test('results recorded offline are sent when back online', async () => {
  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/work-orders/${state.offline.id}`);
  await page.getByRole('heading', { name: 'Electrical safety inspection', exact: true }).waitFor();
  await page.getByText('0 of 3 steps recorded').waitFor();

  await context.setOffline(true);
  await page.getByTestId('step-casing').getByRole('button', { name: 'Pass' }).click();
  await page.getByTestId('queued-casing').getByText('Saved on this device. It is sent when the connection is back.').waitFor();
  const leakage = page.getByTestId('step-earth_leakage');
  await leakage.getByLabel('Value in µA').fill('120');
  await leakage.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('procedure-queued').getByText('2 results wait on this device to be sent.').waitFor();
  await shoot(page, 'procedure-3-offline');
  const [before] = (await state.admin('GET', `/api/v1/work-orders/${state.offline.id}/procedures`)).body;
  assert.equal(before.results.length, 0);

  await context.setOffline(false);
  await page.getByTestId('outcome-casing').getByText('Passed').waitFor();
  await page.getByTestId('outcome-earth_leakage').getByText('Passed').waitFor();
  await page.getByText('2 of 3 steps recorded').waitFor();
  assert.equal(await page.getByTestId('procedure-queued').count(), 0);
  const [after] = (await state.admin('GET', `/api/v1/work-orders/${state.offline.id}/procedures`)).body;
  assert.deepEqual(after.results.map((r) => [r.stepKey, r.value]).sort(), [['casing', 'pass'], ['earth_leakage', 120]]);
  await context.close();
});

test('offline result rejected after cancelling is shown', async () => {
  const context = await browser.newContext({ viewport: phone, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page, stack, people.technician);
  await page.goto(`${stack.appUrl}/work-orders/${state.cancelled.id}`);
  await page.getByText('0 of 3 steps recorded').waitFor();

  await context.setOffline(true);
  await page.getByTestId('step-casing').getByRole('button', { name: 'Pass' }).click();
  await page.getByTestId('queued-casing').waitFor();
  const current = await state.admin('GET', `/api/v1/work-orders/${state.cancelled.id}`);
  await state.admin('POST', `/api/v1/work-orders/${state.cancelled.id}/status`, { status: 'cancelled', reason: 'Pump was scrapped' },
    { 'If-Match': current.etag });

  await context.setOffline(false);
  const rejection = page.getByTestId('step-casing').getByRole('alert');
  await rejection.getByText(/A result saved on this device was rejected by the server: .*cancelled/).waitFor();
  assert.equal(await page.getByTestId('queued-casing').count(), 0);
  const [procedure] = (await state.admin('GET', `/api/v1/work-orders/${state.cancelled.id}/procedures`)).body;
  assert.equal(procedure.results.length, 0);
  await context.close();
});
