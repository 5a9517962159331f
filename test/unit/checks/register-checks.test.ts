import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkSite,
  type EntityView,
  type LabelView,
  type SiteFacts,
} from "../../../src/checks/register-checks.ts";

const entity: EntityView = {
  id: 1,
  uscc: "91350100M000100Y43",
  name: "江湾星河电子商务有限公司",
  status: "存续",
  region: "滨江分局",
  icp: "闽ICP备19015064号",
  domains: ["xinghe.cn"],
};
const publicUrl = "http://127.0.0.1:8080";

function facts(over: Partial<SiteFacts>): SiteFacts {
  return {
    domain: "xinghe.cn",
    isShop: true,
    identity: { companyNames: [], usccs: [], icps: [] },
    badges: [],
    entity,
    entitiesByShownUscc: new Map(),
    labelsForDomain: [],
    labelsBySerial: new Map(),
    publicUrl,
    ...over,
  };
}
const rules = (f: SiteFacts) =>
  checkSite(f)
    .map((x) => x.rule)
    .sort();

test("a registered shop showing its own identity and badge has no finding", () => {
  const label: LabelView = { serial: "RS1", entityId: 1, domains: ["xinghe.cn"], state: "valid" };
  const f = facts({
    identity: {
      companyNames: ["江湾星河电子商务有限公司"],
      usccs: [{ code: entity.uscc, valid: true }],
      icps: ["闽ICP备19015064号-2"],
    },
    badges: [{ href: `${publicUrl}/verify/RS1`, serial: "RS1", linked: true }],
    labelsForDomain: [label],
    labelsBySerial: new Map([["RS1", label]]),
  });
  assert.deepEqual(rules(f), []);
});

test("a shop whose operator is not in the register is an unregistered_entity lead", () => {
  const out = checkSite(
    facts({
      entity: null,
      domain: "unknown-shop.cn",
      identity: {
        companyNames: ["某某商贸有限公司"],
        usccs: [{ code: "91110000101623741K", valid: true }],
        icps: [],
      },
    }),
  );
  assert.equal(out.length, 1);
  assert.equal(out[0]?.category, "unregistered_entity");
  assert.match(out[0]!.excerpt, /某某商贸有限公司/);
  assert.deepEqual(rules(facts({ entity: null, isShop: false })), [], "a site that is not a shop is no lead");
});

test("a registered operator on an undeclared domain is an identity mismatch, not unregistered", () => {
  const out = checkSite(
    facts({
      entity: null,
      domain: "other.cn",
      entitiesByShownUscc: new Map([[entity.uscc, entity]]),
      identity: { companyNames: [], usccs: [{ code: entity.uscc, valid: true }], icps: [] },
    }),
  );
  assert.deepEqual(
    out.map((x) => x.rule),
    ["identity.domain_not_declared"],
  );
});

test("identity shown on the site is compared with the register", () => {
  const f = facts({
    identity: {
      companyNames: ["江湾月亮电子商务有限公司"],
      usccs: [
        { code: "91110000101623741K", valid: true },
        { code: "91350100M000100Y44", valid: false },
      ],
      icps: ["京ICP备2021033841号"],
    },
  });
  assert.deepEqual(rules(f), [
    "identity.icp_differs",
    "identity.name_differs",
    "identity.uscc_differs",
    "identity.uscc_invalid",
  ]);
});

test("badge problems: missing, unlinked, forged host, unknown, revoked, expired, other domain", () => {
  const valid: LabelView = { serial: "RS1", entityId: 1, domains: ["xinghe.cn"], state: "valid" };
  assert.deepEqual(rules(facts({ labelsForDomain: [valid] })), ["label.badge_missing"]);
  assert.deepEqual(rules(facts({ badges: [{ href: "", serial: null, linked: false }] })), [
    "label.badge_unlinked",
  ]);
  assert.deepEqual(
    rules(facts({ badges: [{ href: "http://127.0.0.1.evil.cn/verify/RS1", serial: "RS1", linked: true }] })),
    ["label.badge_forged_host"],
  );
  assert.deepEqual(
    rules(
      facts({
        badges: [{ href: `${publicUrl}/verify/RSX`, serial: "RSX", linked: true }],
        labelsBySerial: new Map([["RSX", null]]),
      }),
    ),
    ["label.badge_unknown_serial"],
  );
  for (const state of ["revoked", "expired"] as const) {
    const l: LabelView = { ...valid, state };
    assert.deepEqual(
      rules(
        facts({
          badges: [{ href: `${publicUrl}/verify/RS1`, serial: "RS1", linked: true }],
          labelsForDomain: [l],
          labelsBySerial: new Map([["RS1", l]]),
        }),
      ),
      [`label.badge_${state}`],
    );
  }
  const other: LabelView = { serial: "RS2", entityId: 2, domains: ["elsewhere.cn"], state: "valid" };
  assert.deepEqual(
    rules(
      facts({
        badges: [{ href: `${publicUrl}/verify/RS2`, serial: "RS2", linked: true }],
        labelsBySerial: new Map([["RS2", other]]),
      }),
    ),
    ["label.badge_other_domain"],
  );
});
