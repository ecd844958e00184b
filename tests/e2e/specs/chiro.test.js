// What chiropractic offices track beyond the claim, through the real app on the chiropractic
// demo: charge entry for the patient two visits from the plan's yearly maximum warns before
// the visit is saved (screenshot), the Visit limits worklist lists that patient, and the ABN
// of a Medicare maintenance-care patient prints as a CMS-R-131 PDF.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, byTestId, cliOn, pick, textMatching, textsOf, typeInto, useApp } from '../harness.js';

const db = path.join(mkdtempSync(path.join(os.tmpdir(), 'claimdesk-chiro-')), 'chiro-demo.claimdesk');
before(() => {
  // The chiropractic demo, made by the CLI as a user would (before the app starts on it).
  execFileSync(process.env.CLAIMDESK_CLI, ['--db', db, 'demo', '--specialty', 'chiro', '--patients', '40', '--visits', '60']);
});

let browser;
useApp((started) => {
  browser = started.browser;
}, { db });

const texts = (selector) => textsOf(browser, selector);

/** Searches for `query` and opens the patient whose row matches `row` (a RegExp). */
async function openPatient(query, row = new RegExp(query, 'i')) {
  await (await browser.$(byTestId('nav-patients'))).click();
  const search = await browser.$(byTestId('patient-search'));
  await search.waitForDisplayed({ timeout: 10000 });
  await search.clearValue();
  await search.addValue(query);
  // The list re-renders as results arrive: find the row and click it in one step, until the
  // patient screen opens.
  await browser.waitUntil(
    async () => {
      const clicked = await browser.execute((source, flags) => {
        const pattern = new RegExp(source, flags);
        const hit = [...document.querySelectorAll('[data-testid="patient-row"]')].find((r) => pattern.test(r.textContent ?? ''));
        // WebKitWebDriver clicks cells, not table rows: the row's first cell, as a user would.
        hit?.querySelector('td')?.click();
        return Boolean(hit);
      }, row.source, row.flags);
      return clicked && (await (await browser.$(byTestId('patient-screen'))).isExisting());
    },
    { timeout: 15000, timeoutMsg: `no patient row matching ${row} for ${query}` },
  );
}

test('charge entry for a patient near the plan limit warns before the visit is saved', async () => {
  await openPatient('Harlow');
  await (await browser.$(byTestId('new-visit'))).click();
  await (await browser.$(byTestId('charge-entry'))).waitForDisplayed({ timeout: 10000 });
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await pick(browser, 'service_date', iso);
  await textMatching(browser, 'visit-allowance-warning', /1 of 12 visits left this plan year/);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'charge-entry-near-limit.png'));
});

test('the Visit limits worklist lists the patient near the limit', async () => {
  await (await browser.$(byTestId('nav-limits'))).click();
  await (await browser.$(byTestId('near-limit-screen'))).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await texts(byTestId('near-limit-row'))).some((t) => /HARLOW/.test(t) && /2 of 12 visits left/.test(t)), {
    timeout: 10000,
    timeoutMsg: 'the worklist does not list Harlow with 2 of 12 visits left',
  });
});

test('the ABN of a Medicare maintenance-care patient prints as a CMS-R-131 PDF', async () => {
  // The demo's Medicare patient with a signed ABN, found through the CLI as a biller would.
  const medicare = JSON.parse(cliOn(db, '--json', 'patients', 'search', '')).results.filter((p) => /Medicare/.test(p.primary_payer ?? ''));
  const withAbn = medicare
    .map((p) => ({ p, abns: JSON.parse(cliOn(db, '--json', 'abn', 'list', '--account', p.account_number)) }))
    .find((x) => x.abns.length > 0);
  assert.ok(withAbn, 'the chiropractic demo has a Medicare patient with an ABN');
  const abn = withAbn.abns[0].abn;
  // The row starts with its account number (the first column).
  await openPatient(withAbn.p.last_name, new RegExp(`^\\s*${withAbn.p.account_number}(?!\\d)`));
  await (await browser.$(byTestId('patient-tab-care'))).click();
  await (await browser.$(byTestId('medicare-care'))).waitForDisplayed({ timeout: 10000 });
  await browser.waitUntil(async () => (await texts(byTestId('abn-status'))).some((t) => /valid until \d\d\/\d\d\/\d{4}/.test(t)), {
    timeout: 10000,
    timeoutMsg: 'the ABN is not shown as valid',
  });
  await browser.saveScreenshot(path.join(ARTIFACTS, 'patient-care-tab.png'));
  await (await browser.$(byTestId('abn-open-print'))).click();
  const pdf = path.join(ARTIFACTS, 'e2e-abn.pdf');
  await typeInto(browser, 'abn_path', pdf);
  await (await browser.$(byTestId('abn-print'))).click();
  await (await browser.$(byTestId('abn-done'))).waitForDisplayed({ timeout: 30000 });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /Advance Beneficiary Notice of Non-?coverage/i);
  assert.match(text, /CMS-R-131/);
  assert.ok(text.includes(withAbn.p.account_number), 'the patient identification number is the account number');
  for (const service of abn.services) {
    assert.ok(text.includes(service.code), `the ABN lists ${service.code}`);
    assert.ok(text.includes(service.estimated_cost), `with its estimated cost ${service.estimated_cost}`);
  }
});
