// Patient accounts through the real app: take a copay at the desk and print its receipt, put
// the account on a payment plan from the schedule preview and print the agreement, see the
// plan on the plans screen, run statements and open the PDF. Keeps screenshots of the plan
// screen and of the first statement page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, byTestId, cli, pick, textMatching, textsOf, typeInto, useApp } from '../harness.js';

let browser;
useApp((started) => {
  browser = started.browser;
});


/** Money as whole cents from the decimal string the Rust side sends (never a float). */
const cents = (text) => {
  const [whole, frac = '0'] = text.trim().replace('-', '').split('.');
  const n = Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
  return text.trim().startsWith('-') ? -n : n;
};

const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-']).toString();

const iso = (d) => d.toISOString().slice(0, 10);
const usDate = (isoDate) => {
  const [y, m, d] = isoDate.split('-');
  return `${m}/${d}/${y}`;
};

async function click(testid) {
  const el = await browser.$(byTestId(testid));
  await el.waitForDisplayed({ timeout: 15000 });
  await el.click();
}

async function shown(testid, timeout = 15000) {
  const el = await browser.$(byTestId(testid));
  await el.waitForDisplayed({ timeout });
  return el;
}

const texts = (selector) => textsOf(browser, selector);

/** Money as the UI shows it: $845,439.10, -$1,250.00. */
const MONEY = /^-?\$\d{1,3}(,\d{3})*\.\d\d$/;

// The account the test works on: its own guarantor, owing enough for a copay and a plan, not
// on a plan already, not held and not in collections (the demo has accounts of every kind).
let account;

test('the demo has an account to work on', () => {
  const owing = cli('statements', 'run', '--dry-run', '--min-balance', '60.00').statements;
  const onPlans = new Set(cli('plans', 'list').map((p) => p.patient_id));
  account = owing.find((c) => c.account.kind === 'patient' && !onPlans.has(c.account.patient_id));
  assert.ok(account, 'an account owing at least $60 with no plan');
});

test('take a copay at check-in and print the receipt', async () => {
  await click('nav-patients');
  const search = await shown('patient-search');
  await search.clearValue();
  await search.addValue(account.account_number);
  await browser.waitUntil(async () => (await texts(byTestId('patient-row'))).length === 1, { timeout: 10000 });
  await (await (await browser.$$(byTestId('patient-row')))[0].$('td')).click();
  await shown('patient-balance');
  const before = cli('patients', 'show', account.account_number);

  await click('take-payment');
  await shown('take-payment-panel');
  await typeInto(browser, 'amount', '20.00');
  await pick(browser, 'method', 'card');
  await typeInto(browser, 'reference', 'Approval 448812');
  await click('apply-copay');
  await click('payment-submit');
  const receipt = await shown('payment-receipt');
  const number = await textMatching(browser, 'receipt-number', /R\d+/);
  assert.match(number, /R\d+/);
  assert.match(await textMatching(browser, 'payment-receipt', /20\.00/), /20\.00/);

  const receiptPdf = path.join(ARTIFACTS, 'e2e-receipt.pdf');
  await typeInto(browser, 'receipt_path', receiptPdf);
  await click('receipt-print');
  await shown('receipt-done');
  assert.ok(existsSync(receiptPdf));
  await browser.saveScreenshot(path.join(ARTIFACTS, 'take-payment-receipt.png'));
  const text = pdfText(receiptPdf);
  assert.ok(text.includes(number.trim()), 'the receipt carries its number');
  assert.match(text, /\$20\.00/);
  await click('take-payment-close');

  // The patient opens on the account: the copay heads the ledger (newest first), and the
  // running balance after it is what the header says the patient owes (money with separators).
  await browser.waitUntil(async () => ((await texts(byTestId('ledger-kind')))[0] ?? '').includes('Patient payment'), {
    timeout: 10000,
    timeoutMsg: 'the copay heads the ledger',
  });
  const headerOwes = (await textMatching(browser, 'balance-patient', MONEY)).trim();
  const [ledgerOwes] = await texts(byTestId('ledger-patient-due'));
  assert.match(ledgerOwes.trim(), MONEY);
  assert.equal(ledgerOwes.trim(), headerOwes, 'the running balance ends where the header is');
  await browser.saveScreenshot(path.join(ARTIFACTS, 'patient-account-ledger.png'));

  // The file has the payment: the account owes $20 less.
  const after = cli('statements', 'run', '--dry-run', '--min-balance', '0.01').statements.find(
    (c) => c.account_number === account.account_number,
  );
  assert.equal(cents(after.patient_due), cents(account.patient_due) - 2000);
  account = after;
  assert.ok(before, 'the patient exists');
});

let plan;

test('put the balance on a payment plan from the schedule preview and print the agreement', async () => {
  await click('new-plan');
  await shown('plan-form');
  // The amount financed comes from the Rust side: the whole balance after the copay.
  await browser.waitUntil(
    async () => cents(await (await browser.$('[name="financed"]')).getValue() || '0') === cents(account.patient_due),
    { timeout: 10000, timeoutMsg: 'the financed amount is the balance' },
  );
  const firstDue = new Date(Date.now() + 14 * 86400000);
  await pick(browser, 'frequency', 'monthly');
  await pick(browser, 'first_due', iso(firstDue));
  await typeInto(browser, 'installments', '3');
  await shown('plan-preview');
  await browser.waitUntil(async () => (await texts(byTestId('preview-row'))).length === 3, { timeout: 10000 });
  await browser.saveScreenshot(path.join(ARTIFACTS, 'plan-schedule-preview.png'));
  const [total] = await texts(byTestId('preview-total'));
  assert.equal(cents(total.replace(/[$,\s]/g, '')), cents(account.patient_due), `the schedule sums to the balance: ${total}`);

  await click('plan-save');
  await shown('plan-created');
  const [planNumber] = (await texts(byTestId('plan-number'))).map((t) => t.trim());
  plan = cli('plans', 'list').find((p) => p.plan_number === planNumber);
  assert.ok(plan, `plan ${planNumber} is in the file`);
  assert.equal(plan.patient_id, account.account.patient_id);
  assert.equal(plan.schedule.length, 3);
  assert.equal(plan.schedule.reduce((sum, i) => sum + cents(i.amount), 0), cents(account.patient_due));

  const agreement = path.join(ARTIFACTS, 'e2e-plan-agreement.pdf');
  await typeInto(browser, 'agreement_path', agreement);
  await click('agreement-print');
  await shown('agreement-done');
  const text = pdfText(agreement);
  assert.ok(text.includes(planNumber), 'the agreement names the plan');
  assert.ok(text.includes(usDate(plan.schedule[0].due)), 'with its schedule');
  assert.match(text, /[Ss]ignature/);
});

test('the plans screen lists the new plan with its upcoming installment', async () => {
  await click('nav-plans');
  await shown('plans-screen');
  await click('plans-tab-upcoming');
  await browser.waitUntil(async () => (await texts(byTestId('plan-row'))).some((t) => t.includes(plan.plan_number)), {
    timeout: 10000,
    timeoutMsg: 'the plan is listed as upcoming',
  });
  await browser.saveScreenshot(path.join(ARTIFACTS, 'payment-plans.png'));
  // The plan's own page: its schedule with what is paid and what remains.
  const opened = await browser.execute((number) => {
    const row = [...document.querySelectorAll('[data-testid="plan-row"]')].find((r) => r.textContent.includes(number));
    row?.querySelector('[data-testid="plan-open"]')?.click();
    return Boolean(row);
  }, plan.plan_number);
  assert.ok(opened, 'the plan has a row to open');
  await (await browser.$(byTestId('plan-detail'))).waitForDisplayed({ timeout: 10000 });
  assert.equal((await texts(byTestId('installment-row'))).length, 3);
  await browser.saveScreenshot(path.join(ARTIFACTS, 'payment-plan-detail.png'));
  await click('plan-back');
  await click('plans-tab-delinquent');
  await browser.waitUntil(async () => (await texts(byTestId('plan-row'))).length > 0, {
    timeout: 10000,
    timeoutMsg: 'the demo has a delinquent plan',
  });
  assert.ok(!(await texts(byTestId('plan-row'))).some((t) => t.includes(plan.plan_number)), 'not delinquent');
});

test('run statements, open the PDF, and see the plan installment asked for', async () => {
  await click('nav-statements');
  await pick(browser, 'statement_date', iso(new Date()));
  await typeInto(browser, 'days_since_last', '0');
  await click('statements-preview');
  await browser.waitUntil(
    async () => (await texts(byTestId('statement-candidate'))).some((t) => t.includes(account.account_number)),
    { timeout: 15000, timeoutMsg: 'the account gets a statement' },
  );
  const out = path.join(ARTIFACTS, 'e2e-statements.pdf');
  await typeInto(browser, 'statements_out', out);
  await click('statements-run');
  await shown('statements-done', 60000);
  await click('statements-open-pdf');
  assert.ok(existsSync(out));

  // The account's statement asks for the first installment, not the whole balance.
  const text = pdfText(out);
  const due = usDate(plan.schedule[0].due);
  const page = text.split('\f').find((p) => p.includes(account.account_number));
  assert.ok(page, 'the account has a statement in the run');
  assert.ok(page.includes(`Payment plan installment due ${due}`), page);
  assert.ok(page.includes(`$${plan.schedule[0].amount}`), 'the installment amount');
  // The first statement page, as the patient will see it.
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', out, path.join(ARTIFACTS, 'statement-first-page')]);
  assert.ok(existsSync(path.join(ARTIFACTS, 'statement-first-page.png')));
  await browser.saveScreenshot(path.join(ARTIFACTS, 'statements-run.png'));
});
