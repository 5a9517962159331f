import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../../../src/errors.ts";
import { chinaDate, endOfChinaDay, oneYearAfter, parseCalendarDate } from "../../../src/labels/dates.ts";
import { holderRefusal } from "../../../src/labels/holder-status.ts";
import { labelStatus } from "../../../src/labels/status.ts";

test("label dates are Beijing-time calendar dates", () => {
  assert.equal(chinaDate(new Date("2026-12-31T15:59:59Z")), "2026-12-31");
  assert.equal(chinaDate(new Date("2026-12-31T16:00:00Z")), "2027-01-01");
  assert.equal(endOfChinaDay("2027-01-01").toISOString(), "2027-01-01T15:59:59.999Z");
});

test("one year later keeps the calendar date; 29 February becomes 28 February", () => {
  assert.equal(oneYearAfter("2026-03-15"), "2027-03-15");
  assert.equal(oneYearAfter("2028-02-29"), "2029-02-28");
  assert.equal(oneYearAfter("2026-12-31"), "2027-12-31");
});

test("typed dates must be real YYYY-MM-DD dates; the error names the option", () => {
  assert.equal(parseCalendarDate(" 2027-02-28 ", "--expires"), "2027-02-28");
  for (const bad of ["2027-02-30", "2027-2-3", "tomorrow", "2027-13-01", ""]) {
    assert.throws(
      () => parseCalendarDate(bad, "--expires"),
      (e: unknown) => e instanceof InputError && /--expires/.test(e.message),
    );
  }
});

test("a label is valid to the end of its expiry day, then expired; revocation wins", () => {
  const expiresAt = endOfChinaDay("2027-01-01");
  assert.equal(labelStatus({ revokedAt: null, expiresAt }, new Date("2027-01-01T15:59:59Z")), "valid");
  assert.equal(labelStatus({ revokedAt: null, expiresAt }, new Date("2027-01-01T16:00:00Z")), "expired");
  assert.equal(
    labelStatus({ revokedAt: new Date("2026-06-01T00:00:00Z"), expiresAt }, new Date("2028-01-01")),
    "revoked",
  );
});

test("registration statuses that may not hold a label are recognised by keyword", () => {
  for (const ok of ["存续", "在业", "开业", "存续（在营、开业、在册）"])
    assert.equal(holderRefusal(ok), null, ok);
  assert.match(holderRefusal("吊销")!.zhReason, /吊销/);
  assert.match(holderRefusal("吊销，未注销")!.zhReason, /吊销/, "revoked-not-cancelled is a revocation");
  assert.match(holderRefusal("注销")!.zhReason, /注销/);
  assert.match(holderRefusal("撤销")!.zhReason, /撤销/);
  assert.match(holderRefusal("迁出")!.zhReason, /迁出/);
  assert.match(holderRefusal("停业")!.zhReason, /停业/);
  assert.match(holderRefusal("歇业")!.zhReason, /歇业/);
});
