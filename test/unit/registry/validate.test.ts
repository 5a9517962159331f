import assert from "node:assert/strict";
import { test } from "node:test";
import { parseRegisterBytes, type RowProblem, validateTable } from "../../../src/registry/index.ts";
import {
  csvText,
  lineOfRow,
  type Row,
  registerRows,
  usccFor,
  withBadCheck,
} from "../../helpers/register-files.ts";

async function validate(rows: Row[]) {
  return validateTable(await parseRegisterBytes(Buffer.from(csvText(rows)), "reg.csv", "csv"));
}

function only(problems: RowProblem[]): RowProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems));
  return problems[0]!;
}

test("valid rows become records with normalised values", async () => {
  const v = await validate(
    registerRows(5, {
      2: { domains: "HTTPS://WWW.Shop.CN/path ; 例子.中国；shop.cn", icp: "京ICP备 12345678 号-2" },
    }),
  );
  assert.equal(v.invalidRows, 0);
  assert.equal(v.records.length, 5);
  const r = v.records[2]!;
  assert.deepEqual(r.domains, ["shop.cn", "xn--fsqu00a.xn--fiqs8s"]);
  assert.equal(r.icp, "京ICP备12345678号-2");
  assert.equal(v.records[1]!.kind, "individual");
  assert.equal(v.records[0]!.registeredOn, "2000-01-02");
});

test("a bad check character names the line, the column and the expected character", async () => {
  const good = usccFor(7);
  const v = await validate(registerRows(10, { 6: { uscc: withBadCheck(good) } }));
  const p = only(v.problems);
  assert.equal(p.line, lineOfRow(6));
  assert.equal(p.column, "统一社会信用代码");
  assert.match(p.reason, new RegExp(`fails the GB 32100-2015 check character \\(expected ${good[17]}\\)`));
  assert.equal(v.records.length, 9);
  assert.equal(v.invalidRows, 1);
});

test("wrong length and wrong alphabet are told apart", async () => {
  const v = await validate(
    registerRows(3, { 0: { uscc: "9144030012345" }, 2: { uscc: "91440300MA5FI0007X" } }),
  );
  assert.match(v.problems[0]!.reason, /USCC must be 18 characters, got 13/);
  assert.equal(v.problems[0]!.line, 2);
  assert.match(v.problems[1]!.reason, /characters outside the GB 32100 alphabet/);
  assert.equal(v.problems[1]!.line, 4);
});

test("lower-case and full-width codes are accepted as the same code", async () => {
  const code = usccFor(1);
  const fullWidth = [...code.toLowerCase()]
    .map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .join("");
  const v = await validate(registerRows(1, { 0: { uscc: fullWidth } }));
  assert.equal(v.records[0]?.uscc, code);
});

test("the same USCC twice names both lines, each pointing at the other", async () => {
  const v = await validate(registerRows(8, { 5: { uscc: usccFor(2) } }));
  assert.deepEqual(
    v.problems.map((p) => [p.line, p.column, p.reason]),
    [
      [3, "统一社会信用代码", `USCC ${usccFor(2)} appears more than once: also on line 7`],
      [7, "统一社会信用代码", `USCC ${usccFor(2)} appears more than once: also on line 3`],
    ],
  );
  assert.equal(v.records.length, 6, "neither copy is taken");
});

test("an invalid domain is named", async () => {
  const v = await validate(registerRows(2, { 1: { domains: "good.cn;bad_domain!.cn" } }));
  const p = only(v.problems);
  assert.deepEqual([p.line, p.column], [3, "网站域名"]);
  assert.match(p.reason, /"bad_domain!\.cn" is not a valid domain name/);
});

test("a domain claimed by two entities in one file names both lines and codes", async () => {
  const v = await validate(
    registerRows(4, { 0: { domains: "same.cn" }, 3: { domains: "other.cn;WWW.SAME.CN" } }),
  );
  assert.deepEqual(
    v.problems.map((p) => [p.line, p.reason]),
    [
      [2, `domain same.cn is also claimed by line 5 (USCC ${usccFor(4)})`],
      [5, `domain same.cn is also claimed by line 2 (USCC ${usccFor(1)})`],
    ],
  );
});

test("an ICP number of the wrong form is named with the expected form", async () => {
  const v = await validate(registerRows(2, { 0: { icp: "ICP备12345号" } }));
  assert.match(
    only(v.problems).reason,
    /"ICP备12345号" is not an ICP number; expected the form 粤ICP备12345678号/,
  );
});

test("a wrong kind or status lists the allowed values", async () => {
  const v = await validate(registerRows(2, { 0: { kind: "公司" }, 1: { status: "正常" } }));
  assert.deepEqual(
    v.problems.map((p) => [p.line, p.column]),
    [
      [2, "类型"],
      [3, "登记状态"],
    ],
  );
  assert.match(
    v.problems[0]!.reason,
    /"公司" is not a known kind; allowed: enterprise \(企业\), individual \(个体工商户\), cooperative \(农民专业合作社\)/,
  );
  assert.match(
    v.problems[1]!.reason,
    /"正常" is not a known registration status; allowed: 存续 \(existing\), 在业 .*注销 \(cancelled\)/,
  );
});

test("kinds and statuses are taken in English, Chinese and the publicity system's variants", async () => {
  const v = await validate(
    registerRows(4, {
      0: { kind: "Cooperative", status: "revoked" },
      1: { kind: "个体工商户", status: "存续（在营、开业、在册）" },
      2: { kind: "enterprise", status: "吊销，未注销" },
    }),
  );
  assert.deepEqual(
    v.records.slice(0, 3).map((r) => [r.kind, r.status]),
    [
      ["cooperative", "吊销"],
      ["individual", "存续"],
      ["enterprise", "吊销"],
    ],
  );
});

test("empty required cells and bad dates are named; every problem of a row is reported", async () => {
  const v = await validate(registerRows(1, { 0: { name: " ", kind: "", registered_on: "2019-02-30" } }));
  assert.deepEqual(
    v.problems.map((p) => [p.column, p.reason.slice(0, 30)]),
    [
      ["名称", "name is empty"],
      ["类型", "kind is empty; allowed: enterp"],
      ["成立日期", '"2019-02-30" is not a date in '],
    ],
  );
  assert.equal(v.invalidRows, 1);
});
