// Register a patient with insurance through the real app, see a bad ZIP refused next to its
// field, find the patient with the search box, and keep a screenshot of the patient screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, byTestId, cliOn, pick, typeInto, useApp } from '../harness.js';

let app;
let browser;
useApp((started) => {
  app = started;
  browser = started.browser;
});

/** Patients in the practice file, read by the claimdesk CLI through its own connection. */
function filePatients(query) {
  const out = cliOn(process.env.CLAIMDESK_DB, '--json', 'patients', 'search', query);
  return JSON.parse(out.toString()).results;
}

test('the app starts on the demo practice', async () => {
  const name = await (await browser.$(byTestId('practice-name'))).getText();
  assert.match(name, /Riverside Family Medicine/);
  assert.ok(app.startMs < 30000);
});

test('register a patient with insurance, refusing a bad ZIP first', async () => {
  await (await browser.$(byTestId('nav-patients'))).click();
  await (await browser.$(byTestId('new-patient'))).click();
  await typeInto(browser, 'last_name', 'Quillfeather');
  await typeInto(browser, 'first_name', 'Odessa');
  await pick(browser, 'birth_date', '1984-07-09');
  await pick(browser, 'sex', 'F');
  await typeInto(browser, 'address.line1', '4417 Juniper Hollow Dr');
  await typeInto(browser, 'address.city', 'Austin');
  await typeInto(browser, 'address.state', 'TX');
  await typeInto(browser, 'address.zip', '7870');
  await typeInto(browser, 'home_phone', '(512) 555-0187');

  await (await browser.$(byTestId('add-policy'))).click();
  const payerSelect = await browser.$('[name="policies[0].payer_id"]');
  await payerSelect.waitForExist({ timeout: 10000 });
  // The first real payer in the list (option 0 is the "choose" placeholder).
  const payerValue = await browser.execute(() => {
    const select = document.querySelector('[name="policies[0].payer_id"]');
    return [...select.options].map((o) => o.value).find((v) => v && Number(v) > 0);
  });
  assert.ok(payerValue, 'the payer list has payers');
  await pick(browser, 'policies[0].payer_id', payerValue);
  await typeInto(browser, 'policies[0].member_id', 'QFX83310472');
  await typeInto(browser, 'policies[0].group_number', 'GRP-2210');
  await pick(browser, 'policies[0].effective_from', '2025-01-01');
  await typeInto(browser, 'policies[0].copay', '25');

  // A 4-digit ZIP is refused next to the ZIP field and nothing is saved.
  await (await browser.$(byTestId('save-patient'))).click();
  const zipError = await browser.$(byTestId('error-address.zip'));
  await zipError.waitForDisplayed({ timeout: 10000 });
  assert.match(await zipError.getText(), /ZIP/);
  assert.equal(filePatients('quillfeather').length, 0, 'a refused registration changes nothing');

  await typeInto(browser, 'address.zip', '78704');
  await (await browser.$(byTestId('save-patient'))).click();
  const account = await browser.$(byTestId('account-number'));
  await browser.waitUntil(async () => /\d+/.test(await account.getText()), { timeout: 10000 });
  const accountNumber = (await account.getText()).match(/[A-Z0-9-]+$/i)[0];

  const saved = filePatients('quillfeather');
  assert.equal(saved.length, 1);
  assert.equal(saved[0].account_number, accountNumber);
  assert.equal(saved[0].primary_member_id, 'QFX83310472');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'patient-screen.png'));
});

test('find the patient with the search box as you type', async () => {
  await (await browser.$(byTestId('back-to-patients'))).click();
  const search = await browser.$(byTestId('patient-search'));
  await search.waitForDisplayed({ timeout: 10000 });
  for (const query of ['quillf', 'QFX8331', '07/09/1984']) {
    await search.clearValue();
    await search.addValue(query);
    // Rows are read in one script call: the list re-renders as results arrive, so element
    // references taken between keystrokes go stale.
    await browser.waitUntil(async () => {
      const rows = await browser.execute(() =>
        [...document.querySelectorAll('[data-testid="patient-row"]')].map((r) => r.textContent ?? ''));
      return rows.length === 1 && /Quillfeather/i.test(rows[0]);
    }, { timeout: 10000, timeoutMsg: `search for ${query} did not find exactly the new patient` });
  }
  await browser.saveScreenshot(path.join(ARTIFACTS, 'patient-search.png'));
});
