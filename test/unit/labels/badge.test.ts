import assert from "node:assert/strict";
import { test } from "node:test";
import { badgeHtml, badgeSvg, newSerial } from "../../../src/labels/index.ts";

test("the badge snippet links to the verification page with the image inside (DESIGN.md)", () => {
  const serial = newSerial(2026);
  assert.equal(
    badgeHtml("https://hongdun.example.gov.cn", serial),
    `<a href="https://hongdun.example.gov.cn/verify/${serial}" target="_blank" rel="noopener">` +
      `<img src="https://hongdun.example.gov.cn/badge/${serial}.svg" alt="红盾电子标识" title="红盾电子标识" width="200" height="64" style="border:0"></a>`,
  );
});

test("the snippet escapes what it interpolates", () => {
  const snippet = badgeHtml(`https://x.example/"><script>`, "HD");
  assert.ok(!snippet.includes("<script>"));
  assert.ok(snippet.includes(`href="https://x.example/&#34;&#62;&#60;script&#62;/verify/HD"`), snippet);
});

test("the badge image carries its Chinese texts, escaped, and is red only when valid", () => {
  const active = badgeSvg({
    title: "红盾电子标识",
    statusText: "已核验 · 有效",
    bureauName: "江湾<市>&局",
    tone: "active",
  });
  const inactive = badgeSvg({
    title: "红盾电子标识",
    statusText: "已撤销",
    bureauName: "江湾市局",
    tone: "inactive",
  });
  assert.match(active, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="200" height="64"/);
  assert.match(active, />红盾电子标识<\/text>/);
  assert.match(active, />已核验 · 有效<\/text>/);
  assert.match(active, />江湾&#60;市&#62;&#38;局<\/text>/);
  assert.ok(active.includes("#c8161d") && !inactive.includes("#c8161d"));
  assert.match(inactive, />已撤销<\/text>/);
  assert.ok(active.trimEnd().endsWith("</svg>"));
});
