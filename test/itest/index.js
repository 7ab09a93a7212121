// extensionTestsPath of the extension-host integration tests (scripts/e2e/itest.sh): VS Code
// requires this module inside its (remote, Node) extension host and awaits run(). mocha is the
// project's devDependency, found through the checkout's node_modules.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const Mocha = require('mocha');

// The workbench forwards the extension host's console together with its own log lines; the
// test output is tagged so that test/e2e/itest-host.cjs can print it and file the rest. (The
// extension host's console methods cannot be replaced: it ignores assignments to them.)
const TAG = '[itest] ';
/** console.log for tests: the line shows in the itest output. */
exports.log = (...a) => console.log(TAG + util.format(...a));

exports.run = function run() {
  const Base = Mocha.reporters.Base;
  const consoleLog = Base.consoleLog;
  Base.consoleLog = exports.log;
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30000 });
  const grep = process.env.ITEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      Base.consoleLog = consoleLog;
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`)); else resolve();
    });
  });
};
