// Runs the extension-host integration tests (test/itest/, mocha) inside code-server's remote
// extension host, the way VS Code's own browser integration tests do. The server must run with
// `--vscode-option enable-smoke-test-driver` (without it the payload below is ignored). The
// workbench URL carries ?payload=[["extensionDevelopmentPath", vscode-remote://…],
// ["extensionTestsPath", vscode-remote://…]]; when the tests end the workbench calls
// window.codeAutomationExit(code); log lines arrive through window.codeAutomationLog.
//
// Usage: node test/e2e/itest-host.cjs <baseUrl> <workspaceFolder> <extensionDir> <testsDir> <resultsDir>
// Env:   ITEST_TIMEOUT_MS (default 180000), ITEST_VERBOSE=1 (also print the workbench's log lines)
'use strict';
const path = require('node:path');
const util = require('node:util');
const fs = require('node:fs');
const wb = require('./workbench.cjs');

(async () => {
  const [baseUrl, ws, extDir, testsDir, results] = process.argv.slice(2);
  if (!results) { console.error('usage: itest-host.cjs <baseUrl> <workspace> <extensionDir> <testsDir> <resultsDir>'); process.exit(2); }
  const log = wb.logger('itest');
  const { browser, page } = await wb.launch({ width: 1200, height: 800 });
  let exit;
  const exited = new Promise((resolve) => { exit = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));
  // Log lines of the workbench and the extension host's console both arrive here; test/itest/
  // tags the test output with "[itest] ". The rest goes to workbench.log (and stdout with ITEST_VERBOSE).
  const wlog = fs.createWriteStream(path.join(results, 'workbench.log'));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(args || []));
    if (text.startsWith('[itest] ')) console.log(text.slice(8).replace(/^/gm, '  '));
    else {
      wlog.write(`${type}: ${text}\n`);
      if (process.env.ITEST_VERBOSE) console.log(`[workbench ${type}]`, text);
    }
  });
  page.on('console', (m) => wlog.write(`console.${m.type()}: ${m.text()}\n`));
  const host = new URL(baseUrl).host;
  const remote = (p) => `vscode-remote://${host}${path.resolve(p)}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(testsDir)],
    ['skipWelcome', 'true'],
  ]);
  log(`workbench with extensionDevelopmentPath=${extDir} extensionTestsPath=${testsDir}`);
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(path.resolve(ws))}&payload=${encodeURIComponent(payload)}`);
  const timeoutMs = +(process.env.ITEST_TIMEOUT_MS || 180000);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutMs))]);
  log(`codeAutomationExit(${code})`);
  await wb.shot(page, results, 'itest-end', log).catch(() => {});
  await browser.close();
  wlog.end();
  if (code === 'timeout') log(`FAIL: the tests did not finish within ${timeoutMs / 1000} s`);
  log(`RESULT: ${code === 0 ? 'PASS' : 'FAIL'}`);
  process.exit(code === 0 ? 0 : 1);
})();
