// Electronic claims and remittances through the real app: export ready claims as an 837P,
// import the demo's sample 835, look at the preview, post it, and see a claim paid and the
// patient's balance. Keeps a screenshot of the preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, byTestId, cli, textMatching, textsOf, typeInto, useApp } from '../harness.js';

let browser;
useApp((started) => {
  browser = started.browser;
});


const texts = (selector) => textsOf(browser, selector);

test('export ready claims as an 837P batch', async () => {
  const ready = cli('claims', 'list', '--queue', 'ready').claims.filter((c) => c.payer_rank === 1);
  assert.ok(ready.length >= 2, 'the demo has ready primary claims');
  await (await browser.$(byTestId('nav-claims'))).click();
  await (await browser.$(byTestId('queue-ready'))).click();
  for (const claim of ready.slice(0, 2)) {
    const box = await browser.$(`[aria-label="Select claim ${claim.control_number}"]`);
    await box.waitForExist({ timeout: 10000 });
    await box.click();
  }
  await (await browser.$(byTestId('export-837'))).click();
  const out = path.join(ARTIFACTS, 'e2e-claims.837');
  await typeInto(browser, 'out_path_837', out);
  await (await browser.$(byTestId('export-confirm'))).click();
  await (await browser.$(byTestId('export-done'))).waitForDisplayed({ timeout: 30000 });
  await (await browser.$(byTestId('export-close'))).click();
  assert.ok(existsSync(out));
  const text = readFileSync(out, 'utf8');
  assert.match(text, /ST\*837\*/);
  for (const claim of ready.slice(0, 2)) {
    assert.ok(text.includes(`CLM*${claim.control_number}*`), `the file carries claim ${claim.control_number}`);
    const now = cli('claims', 'list', '--all').claims.find((c) => c.id === claim.id);
    assert.equal(now.status, 'submitted');
  }
});

test('preview the sample 835, post it, and see the claim paid and the patient balance', async () => {
  const sample = process.env.CLAIMDESK_SAMPLE_835;
  assert.ok(sample && existsSync(sample), 'the demo wrote a sample 835');
  const paidControls = readFileSync(sample, 'utf8')
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('CLP*') && ['1', '2', '3'].includes(s.split('*')[2]) && Number(s.split('*')[4]) > 0)
    .map((s) => s.split('*')[1]);
  assert.ok(paidControls.length > 0);

  await (await browser.$(byTestId('nav-remittances'))).click();
  await typeInto(browser, 'era_path', sample);
  await (await browser.$(byTestId('era-preview'))).click();
  await (await browser.$(byTestId('era-preview-table'))).waitForDisplayed({ timeout: 30000 });
  const rows = await texts(byTestId('era-claim-row'));
  assert.ok(rows.length > 0, 'the preview lists claims');
  assert.ok((await texts(byTestId('era-exception-row'))).length >= 1, 'the unknown claim is an exception');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'remittance-preview.png'));
  // The preview changed nothing.
  const before = cli('claims', 'list', '--all').claims.find((c) => c.control_number === paidControls[0]);
  assert.notEqual(before.status, 'paid');

  await (await browser.$(byTestId('era-post'))).click();
  await (await browser.$(byTestId('era-posted'))).waitForDisplayed({ timeout: 30000 });
  const after = cli('claims', 'list', '--all').claims.find((c) => c.control_number === paidControls[0]);
  assert.ok(['paid', 'partially_paid'].includes(after.status), after.status);
  assert.notEqual(after.insurance_paid, '0.00');

  // The patient's screen shows the balance the posting left.
  await (await browser.$(byTestId('nav-patients'))).click();
  const search = await browser.$(byTestId('patient-search'));
  await search.waitForDisplayed({ timeout: 10000 });
  await search.clearValue();
  await search.addValue(after.account_number);
  await browser.waitUntil(async () => (await texts(byTestId('patient-row'))).length === 1, { timeout: 10000 });
  await (await (await browser.$$(byTestId('patient-row')))[0].$('td')).click();
  // The balance loads after the screen: wait for the amount, not for the element.
  const shown = await textMatching(browser, 'patient-balance', /\$[\d,]+\.\d\d/);
  // The account section's ledger: the newest entry's running balance is the account's total,
  // computed by the Rust side both ways; money shows with thousands separators.
  const total = (await textMatching(browser, 'balance-total', /^-?\$\d{1,3}(,\d{3})*\.\d\d$/)).trim();
  await browser.waitUntil(async () => (await texts(byTestId('ledger-balance'))).length > 0, { timeout: 10000, timeoutMsg: 'the ledger shows' });
  const [newest] = await texts(byTestId('ledger-balance'));
  assert.equal(newest.trim(), total, 'the running balance ends at the account total');
  const account = cli('patients', 'show', after.account_number);
  assert.match(shown, /\$[\d,]+\.\d\d/);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'patient-balance.png'));
  assert.ok(account, 'the account exists');
});
