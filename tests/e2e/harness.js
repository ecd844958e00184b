// Starts the real ClaimDesk app through tauri-driver (which drives WebKitWebDriver) and
// gives the tests a WebdriverIO browser on it, plus the helpers they share.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import { remote } from 'webdriverio';

const APP = process.env.CLAIMDESK_APP;
export const ARTIFACTS = process.env.CLAIMDESK_ARTIFACTS ?? path.resolve('test-artifacts');
// CLAIMDESK_DRIVER_PORT: another port for tauri-driver (WebKitWebDriver takes the next one),
// when several runs share a machine.
const DRIVER_PORT = Number(process.env.CLAIMDESK_DRIVER_PORT ?? 4444);

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.end(); resolve(); });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** Resident memory of the app process in MiB (Linux /proc), or null when not found. */
function appResidentMiB() {
  try {
    const pids = execFileSync('pgrep', ['-f', APP]).toString().trim().split('\n');
    let kb = 0;
    for (const pid of pids) {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const m = status.match(/VmRSS:\s+(\d+) kB/);
      if (m) kb = Math.max(kb, Number(m[1]));
    }
    return Math.round(kb / 1024);
  } catch {
    return null;
  }
}

/** Resident memory in MiB of the app and every process under it (WebKit's web and network
 * processes), summed from /proc: what the practice costs the machine. Null when not found. */
export function appTreeResidentMiB() {
  const memory = appTreeMemoryMiB();
  return memory.processes ? memory.rssMiB : null;
}

/** Memory of the app and every process under it (WebKit's web and network processes), in MiB:
 * resident (RSS, shared libraries counted in each process) and proportional (PSS, each shared
 * page divided among the processes using it: what the practice costs the machine). */
export function appTreeMemoryMiB() {
  const pids = appTreePids();
  let rss = 0;
  let pss = 0;
  const byProcess = {};
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kb = (field) => Number(rollup.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
      rss += kb('Rss');
      pss += kb('Pss');
      const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      byProcess[name] = { rssMiB: Math.round(kb('Rss') / 1024), pssMiB: Math.round(kb('Pss') / 1024), anonMiB: Math.round(kb('Anonymous') / 1024) };
    } catch { /* ended meanwhile */ }
  }
  return { processes: pids.length, rssMiB: Math.round(rss / 1024), pssMiB: Math.round(pss / 1024), byProcess };
}

/** The app's process and every process under it (pids as strings). */
export function appTreePids() {
  let roots = [];
  try { roots = execFileSync('pgrep', ['-f', APP]).toString().trim().split('\n').filter(Boolean); } catch { return []; }
  const seen = new Set();
  const walk = (pid) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    let children = [];
    try { children = execFileSync('pgrep', ['-P', pid]).toString().trim().split('\n').filter(Boolean); } catch { /* none */ }
    children.forEach(walk);
  };
  roots.forEach(walk);
  return [...seen];
}

/** CPU time (user + system, in clock ticks) used so far by the app and its processes. */
export function appTreeCpuTicks() {
  let ticks = 0;
  for (const pid of appTreePids()) {
    try {
      // Fields after the command name (which may hold spaces, inside parentheses).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch { /* ended meanwhile */ }
  }
  return ticks;
}

/** The demo practice's invented logins (the demo generator makes them in every demo file). */
export const DEMO_USERS = {
  admin: { login: 'admin', password: 'demo-office-2026' },
  biller: { login: 'biller', password: 'demo-billing-2026' },
  frontdesk: { login: 'frontdesk', password: 'demo-front-2026' },
  auditor: { login: 'auditor', password: 'demo-reading-2026' },
};

/**
 * Logs in on the login screen the app opens on, and waits for the first screen (patient search).
 */
export async function logIn(browser, login, password) {
  const form = await browser.$(byTestId('login-screen'));
  await form.waitForDisplayed({ timeout: 30000 });
  await typeInto(browser, 'login', login);
  await typeInto(browser, 'password', password);
  await (await browser.$(byTestId('login-submit'))).click();
  await (await browser.$(byTestId('session-user'))).waitForDisplayed({ timeout: 30000 });
}

/**
 * Starts the app; `db` starts it on that practice file instead of $CLAIMDESK_DB (the app
 * opens CLAIMDESK_DB, which reaches it through tauri-driver and WebKitWebDriver). The app
 * opens on the login screen; `user` ({ login, password }, the demo administrator by default)
 * logs in, `user: null` stays on the login screen.
 */
export async function startApp({ db, user = DEMO_USERS.admin, firstScreen = 'login-screen' } = {}) {
  if (!APP) throw new Error('CLAIMDESK_APP must name the built app binary');
  mkdirSync(ARTIFACTS, { recursive: true });
  const env = db ? { ...process.env, CLAIMDESK_DB: db } : process.env;
  const driver = spawn('tauri-driver', ['--port', String(DRIVER_PORT), '--native-port', String(DRIVER_PORT + 1)], { stdio: ['ignore', 'inherit', 'inherit'], env });
  await waitForPort(DRIVER_PORT, 20000);
  // tauri-driver answers before WebKitWebDriver (its native port) does; a session asked for in
  // between fails to connect. Wait for both, as the state the session needs.
  await waitForPort(DRIVER_PORT + 1, 20000);
  const started = Date.now();
  const browser = await remote({
    hostname: '127.0.0.1',
    port: DRIVER_PORT,
    logLevel: 'warn',
    // Classic WebDriver only: WebKitWebDriver has no BiDi, and webdriverio 9 asks for it by default.
    capabilities: { 'tauri:options': { application: APP }, 'wdio:enforceWebDriverClassic': true },
  });
  // "Interactive": the login screen of the demo practice (or the welcome screen) is on screen.
  await (await browser.$(byTestId(firstScreen))).waitForDisplayed({ timeout: 30000 });
  const startMs = Date.now() - started;
  if (user) {
    await logIn(browser, user.login, user.password);
    await (await browser.$(byTestId('patient-search'))).waitForDisplayed({ timeout: 30000 });
  }
  const rssMiB = appResidentMiB();
  console.log(`figures: start to first interactive screen ${startMs} ms; resident memory ${rssMiB} MiB`);
  return {
    browser,
    startMs,
    rssMiB,
    async stop() {
      try {
        await browser.deleteSession();
      } finally {
        driver.kill();
        // WebKitWebDriver can leave the app running after the session ends; a live app keeps
        // the test runner's output pipe open, so end it here rather than hang the run.
        try { execFileSync('pkill', ['-f', APP]); } catch { /* already gone */ }
      }
    },
  };
}

/** A decimal amount ("5518.78", "-1250.00") as the screens show money: "$5,518.78", "-$1,250.00". */
export function onScreen(decimal) {
  const negative = decimal.startsWith('-');
  const [whole, cents] = decimal.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${cents}`;
}

export const byName = (name) => `[name="${name}"]`;
export const byTestId = (id) => `[data-testid="${id}"]`;

/** Types into a text input with real key presses, replacing what was there. */
export async function typeInto(browser, name, text) {
  const el = await browser.$(byName(name));
  await el.waitForDisplayed({ timeout: 10000 });
  await el.clearValue();
  await el.addValue(text);
}

/**
 * Sets a date input or a select the way a user's pick does (WebKit's date picker cannot be
 * driven by keys): the native value setter, then the input/change events React listens to.
 */
export async function pick(browser, name, value) {
  await (await browser.$(byName(name))).waitForExist({ timeout: 10000 });
  await browser.execute((n, v) => {
    const el = document.querySelector(`[name="${n}"]`);
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, name, value);
}

/**
 * Starts the app before the spec file's tests and stops it after them; `onStart` receives the
 * running app ({ browser, startMs, rssMiB, stop }); `options` as `startApp` takes them.
 */
export function useApp(onStart, options = {}) {
  let app;
  before(async () => {
    app = await startApp(options);
    onStart(app);
  });
  after(async () => {
    await app?.stop();
  });
}

/** The CLI logs in like the app: as the demo administrator (password from the environment). */
export const CLI_ENV = { ...process.env, CLAIMDESK_PASSWORD: DEMO_USERS.admin.password };

/** The claimdesk CLI on `db`, logged in as the demo administrator; its stdout. */
export const cliOn = (db, ...args) =>
  // --wait: a change waits for an app that is still letting go of the file (the last spec's).
  execFileSync(process.env.CLAIMDESK_CLI, ['--db', db, '--user', DEMO_USERS.admin.login, '--wait', '120', ...args], { env: CLI_ENV }).toString();

/** The claimdesk CLI on the test's practice file, through its own connection; parsed JSON. */
export const cli = (...args) => JSON.parse(cliOn(process.env.CLAIMDESK_DB, '--json', ...args));

/** The text of every element matching `selector`. */
export const textsOf = (browser, selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);

/**
 * Waits until the element with `testId` shows text matching `pattern` (a screen may show
 * "Balance…" while it loads) and returns that text. Asserting on the first text an element
 * shows is what made a spec fail on a busy machine.
 */
export async function textMatching(browser, testId, pattern, timeout = 20000) {
  const element = await browser.$(byTestId(testId));
  let last = '';
  await browser.waitUntil(
    async () => {
      last = (await element.isExisting()) ? await element.getText() : '';
      return pattern.test(last);
    },
    { timeout, timeoutMsg: `${testId} never showed ${pattern} (last: ${JSON.stringify(last)})` },
  );
  return last;
}
