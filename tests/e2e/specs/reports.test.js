// Practice reports through the real app: AR aging by payer with its chart, exported to CSV and
// PDF and checked against the CLI's figures; a bank deposit made from undeposited payments and
// seen on deposit reconciliation. Keeps a screenshot of the aging report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, byTestId, cli, onScreen, pick, textsOf, typeInto, useApp } from '../harness.js';

let browser;
useApp((started) => {
  browser = started.browser;
});

const texts = (selector) => textsOf(browser, selector);

async function click(testid) {
  const el = await browser.$(byTestId(testid));
  await el.waitForDisplayed({ timeout: 15000 });
  await el.click();
}

test('AR aging by payer on screen, with its chart, matches the file and exports to CSV and PDF', async () => {
  const expected = cli('reports', 'aging', '--by', 'payer').report;
  assert.ok(expected.rows.length >= 3, 'the demo has balances with several payers');

  await click('nav-reports');
  await (await browser.$(byTestId('reports-screen'))).waitForDisplayed({ timeout: 10000 });
  // The list of reports comes from the Rust side (reports_catalog).
  await (await browser.$('select[name="kind"] option[value="aging"]')).waitForExist({ timeout: 10000 });
  await pick(browser, 'kind', 'aging');
  await pick(browser, 'by', 'payer');
  await click('report-run');
  await (await browser.$(byTestId('report-aging'))).waitForDisplayed({ timeout: 15000 });
  const table = (await texts(byTestId('report-aging')))[0];
  for (const row of expected.rows) {
    assert.ok(table.includes(row.name), `${row.name} is listed`);
    assert.ok(table.includes(onScreen(row.total)), `${row.name}: ${onScreen(row.total)}`);
  }
  assert.ok(table.includes(onScreen(expected.total)), `grand total ${onScreen(expected.total)}`);
  assert.ok((await texts(byTestId('chart-bar'))).length >= 4, 'a bar per aging bucket');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'report-aging.png'));

  const csv = path.join(ARTIFACTS, 'e2e-aging.csv');
  await typeInto(browser, 'out_path', csv);
  await click('export-csv');
  await (await browser.$(byTestId('report-exported'))).waitForDisplayed({ timeout: 15000 });
  assert.ok(existsSync(csv));
  const lines = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const total = lines.find((l) => l.startsWith('Total'));
  assert.ok(total && total.endsWith(expected.total), `the CSV's total row: ${total}`);
  for (const row of expected.rows) {
    assert.ok(lines.some((l) => l.includes(row.name) && l.endsWith(row.total)), `${row.name} in the CSV`);
  }

  const pdf = path.join(ARTIFACTS, 'e2e-aging.pdf');
  await typeInto(browser, 'out_path', pdf);
  await click('export-pdf');
  await browser.waitUntil(() => existsSync(pdf), { timeout: 15000, timeoutMsg: 'the PDF is written' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /AR aging/);
  assert.ok(text.includes(`$${expected.total}`), 'the total is printed');
});

test('deposit undeposited payments and see the deposit reconciled', async () => {
  const before = cli('reports', 'deposits').report;
  const waiting = before.undeposited;
  assert.ok(waiting.length >= 1, 'the demo leaves the last few days undeposited');

  await pick(browser, 'kind', 'deposits');
  await (await browser.$(byTestId('deposits-panel'))).waitForDisplayed({ timeout: 15000 });
  // Two payments the screen labels apart (payer or patient, and amount).
  const label = (p) => `Deposit ${p.from} $${p.amount}`;
  const chosen = waiting.filter((p, i) => waiting.findIndex((q) => label(q) === label(p)) === i).slice(0, 2);
  for (const p of chosen) {
    const box = await browser.$(`[aria-label="${label(p)}"]`);
    await box.waitForExist({ timeout: 10000 });
    await box.click();
  }
  await typeInto(browser, 'bank_reference', 'E2E-DEP-1');
  await click('deposit-create');
  await (await browser.$(byTestId('deposit-created'))).waitForDisplayed({ timeout: 15000 });

  const after = cli('reports', 'deposits').report;
  assert.equal(after.undeposited.length, waiting.length - chosen.length);
  const made = after.deposits.find((d) => d.bank_reference === 'E2E-DEP-1');
  assert.ok(made, 'the deposit is recorded');
  assert.equal(made.payments.length, chosen.length);
  assert.equal(made.difference, '0.00', 'the slip defaults to the payments it carries');
});
