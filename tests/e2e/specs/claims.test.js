// Charge entry to a printed claim through the real app: enter a visit for a demo patient
// with a pointer to a diagnosis that is not there, let the scrubber catch it, jump to the
// field from the finding, fix it, bill, and print the clean claim on the red form. Keeps
// screenshots of the charge entry screen and of the first page of the printed PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, byTestId, cliOn, pick, textsOf, typeInto, useApp } from '../harness.js';

let browser;
useApp((started) => {
  browser = started.browser;
});

/** What a shell user would see of the practice file: claims through the claimdesk CLI. */
function fileClaims(args) {
  const out = cliOn(process.env.CLAIMDESK_DB, '--json', 'claims', 'list', ...args);
  return JSON.parse(out.toString()).claims;
}

const isoDaysAgo = (days) => new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);

const texts = (selector) => textsOf(browser, selector);

let controlNumber;

test('enter a visit, fix the scrubber error it shows, and bill it', async () => {
  // A demo patient with insurance: the first search result that shows a member ID.
  await (await browser.$(byTestId('nav-patients'))).click();
  const search = await browser.$(byTestId('patient-search'));
  await search.waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await texts(byTestId('patient-row'))).length > 0, { timeout: 10000 });
  const rowIndex = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="patient-row"]')].findIndex((r) => /[A-Z0-9]{6,}\s*$/.test(r.textContent ?? '')));
  assert.ok(rowIndex >= 0, 'a demo patient with insurance is listed');
  // WebKitWebDriver clicks cells, not table rows.
  await (await (await browser.$$(byTestId('patient-row')))[rowIndex].$('td')).click();
  await (await browser.$(byTestId('new-visit'))).click();
  await (await browser.$(byTestId('charge-entry'))).waitForDisplayed({ timeout: 10000 });

  await pick(browser, 'service_date', isoDaysAgo(2));
  const provider = await browser.execute(() => {
    const select = document.querySelector('[name="rendering_provider_id"]');
    return [...select.options].map((o) => o.value).find((v) => Number(v) > 0);
  });
  await pick(browser, 'rendering_provider_id', provider);

  // Diagnosis by words: the lookup offers J02.0 for "streptococcal pharyngitis".
  const dx = await browser.$(byTestId('dx-search'));
  await dx.addValue('streptococcal pharyngitis');
  await browser.waitUntil(async () => (await texts('[data-testid="dx-result"]')).some((t) => t.includes('J02.0')), {
    timeout: 10000,
    timeoutMsg: 'the ICD-10-CM lookup did not offer J02.0',
  });
  await browser.keys('Enter');
  await browser.waitUntil(async () => (await browser.$('[name="diagnoses[0]"]').getValue()) === 'J02.0', { timeout: 5000 });

  // One office visit pointing at diagnoses A and B, but only A was entered.
  await typeInto(browser, 'lines[0].code', '99213');
  await typeInto(browser, 'lines[0].pointers', 'AB');
  await browser.waitUntil(async () => /\d+\.\d\d/.test(await browser.$('[name="lines[0].charge"]').getValue()), {
    timeout: 10000,
    timeoutMsg: 'the charge was not filled from the fee schedule',
  });
  await (await browser.$(byTestId('save-and-bill'))).click();

  // The scrubber lists the bad pointer with its box; the finding jumps to the field.
  await browser.waitUntil(async () => (await texts(byTestId('finding'))).some((t) => /24E/.test(t)), {
    timeout: 10000,
    timeoutMsg: 'the scrubber did not report the pointer problem (box 24E)',
  });
  const findings = await browser.$$(byTestId('finding'));
  for (const f of findings) {
    if (/24E/.test(await f.getText())) {
      await f.click();
      break;
    }
  }
  const focused = await browser.execute(() => document.activeElement?.getAttribute('name'));
  assert.equal(focused, 'lines[0].pointers', 'the finding put the cursor on the pointers of line 1');
  await typeInto(browser, 'lines[0].pointers', 'A');
  await (await browser.$(byTestId('save-and-bill'))).click();
  const ready = await browser.$(byTestId('claim-ready'));
  await ready.waitForDisplayed({ timeout: 10000 });
  controlNumber = (await ready.getText()).match(/\b(\d{7})\b/)?.[1];
  assert.ok(controlNumber, 'the ready message names the claim');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'charge-entry.png'));

  const claim = fileClaims(['--queue', 'ready']).find((c) => c.control_number === controlNumber);
  assert.ok(claim, 'the practice file has the claim as ready');
});

test('print the ready claim on the red form; it is marked submitted', async () => {
  assert.ok(controlNumber, 'the previous test billed a claim');
  await (await browser.$(byTestId('nav-claims'))).click();
  await (await browser.$(byTestId('queue-ready'))).click();
  await browser.waitUntil(async () => (await texts(byTestId('claim-row'))).some((t) => t.includes(controlNumber)), {
    timeout: 10000,
  });
  // Tick the new claim only: the batch prints the selection.
  const checkbox = await browser.$(`[aria-label="Select claim ${controlNumber}"]`);
  await checkbox.click();
  await browser.waitUntil(async () => checkbox.isSelected(), { timeout: 5000, timeoutMsg: 'the claim was not selected' });
  await (await browser.$(byTestId('print-claims'))).click();
  const pdf = path.join(ARTIFACTS, 'e2e-claim.pdf');
  await typeInto(browser, 'out_path', pdf);
  await (await browser.$(byTestId('print-confirm'))).click();
  await (await browser.$(byTestId('print-done'))).waitForDisplayed({ timeout: 30000 });

  assert.ok(existsSync(pdf), 'the PDF was written');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /99213/, 'the printed form carries the procedure code');
  const pages = execFileSync('pdfinfo', [pdf]).toString().match(/Pages:\s+(\d+)/)[1];
  assert.equal(pages, '1', 'only the selected one-line claim was printed');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(ARTIFACTS, 'claim-page-1')]);
  const claim = fileClaims(['--all']).find((c) => c.control_number === controlNumber);
  assert.equal(claim.status, 'submitted');
});
