// Checks published HTML pages as the tests (tests/published) and an officer need:
//   html-validate with its "recommended" and "a11y" presets, and
//   axe-core (WCAG 2.0/2.1/2.2 A and AA rules, and best practice) inside jsdom.
// Usage: node tools/html-check/check.js FILE.html ...
// Prints one JSON object: {"files": [{"file", "htmlValidate": [...], "axe": {...}}]}.
// jsdom has no layout, so axe reports colour contrast as "incomplete", never as passed.
"use strict";

const fs = require("node:fs");
const { HtmlValidate } = require("html-validate");
const { JSDOM, VirtualConsole } = require("jsdom");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function checkFile(validator, file) {
  const html = fs.readFileSync(file, "utf8");
  const report = await validator.validateString(html, file);
  const htmlValidate = report.results.flatMap((result) =>
    result.messages.map((m) => ({ rule: m.ruleId, message: m.message, line: m.line })),
  );
  const dom = new JSDOM(html, {
    runScripts: "outside-only",
    pretendToBeVisual: true,
    virtualConsole: new VirtualConsole(),
  });
  dom.window.eval(AXE);
  const results = await dom.window.axe.run(dom.window.document, {
    runOnly: { type: "tag", values: TAGS },
  });
  const summary = (items) =>
    items.map((r) => ({ id: r.id, impact: r.impact, help: r.help, nodes: r.nodes.length }));
  dom.window.close();
  return {
    file,
    htmlValidate,
    axe: {
      violations: summary(results.violations),
      passes: results.passes.map((r) => r.id),
      incomplete: summary(results.incomplete),
    },
  };
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node check.js FILE.html ...");
    process.exit(2);
  }
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended", "html-validate:a11y"],
  });
  const checked = [];
  for (const file of files) {
    checked.push(await checkFile(validator, file));
  }
  const versions = {
    "html-validate": require("html-validate/package.json").version,
    "axe-core": require("axe-core/package.json").version,
    jsdom: require("jsdom/package.json").version,
  };
  process.stdout.write(JSON.stringify({ versions, files: checked }, null, 1) + "\n");
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
