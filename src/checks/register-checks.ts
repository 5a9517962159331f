// Site-level checks against the register and the e-label table: unregistered_entity,
// identity_mismatch and red_shield. Pure: the crawler looks the facts up, this decides.
// Legal bases: 电子商务法 第十条 (registration) and 第十五条 (continuous display of licence
// information); 网络交易监督管理办法 第十二条 (display of subject information or its link label).
import { parseIcp, icpSubject } from "../identity/index.ts";
import type { FindingInput } from "../findings/index.ts";
import { normalisePhrase } from "../page/normalise.ts";

export type EntityView = {
  id: number;
  uscc: string;
  name: string;
  status: string;
  region: string;
  icp: string;
  domains: string[];
};
export type LabelView = {
  serial: string;
  entityId: number;
  domains: string[];
  state: "valid" | "expired" | "revoked";
};
export type ShownIdentity = {
  companyNames: string[];
  usccs: { code: string; valid: boolean }[];
  icps: string[];
};
export type ShownBadge = { href: string; serial: string | null; linked: boolean };

export type SiteFacts = {
  domain: string;
  isShop: boolean;
  identity: ShownIdentity;
  badges: ShownBadge[];
  /** The register entry for the domain, if any. */
  entity: EntityView | null;
  /** Register entries for the USCCs the page shows (valid ones), by code. */
  entitiesByShownUscc: Map<string, EntityView>;
  /** Labels the entity holds that cover this domain (any state). */
  labelsForDomain: LabelView[];
  /** Labels looked up by the serials of the badges on the page (null: never issued). */
  labelsBySerial: Map<string, LabelView | null>;
  publicUrl: string;
};

const ecLaw = "《中华人民共和国电子商务法》";
const nto = "《网络交易监督管理办法》";

function finding(
  category: string,
  rule: string,
  severity: string,
  excerpt: string,
  law: string,
  article: string,
  details = {},
): FindingInput {
  return {
    category,
    rule,
    severity,
    score: severity === "high" ? 0.9 : 0.7,
    excerpt,
    basis: { law, article },
    details,
    scope: "site",
  };
}

export function checkUnregistered(f: SiteFacts): FindingInput[] {
  if (f.entity || !f.isShop) return [];
  const shown = [...f.entitiesByShownUscc.values()];
  if (shown.length > 0) {
    // The operator is registered but this website is not among its declared domains.
    const e = shown[0]!;
    return [
      finding(
        "identity_mismatch",
        "identity.domain_not_declared",
        "medium",
        `网站 ${f.domain} 标示的经营者【${e.name}（${e.uscc}）】已登记，但该域名不在其登记的网站域名中`,
        ecLaw,
        "第十五条",
        { uscc: e.uscc },
      ),
    ];
  }
  const names = f.identity.companyNames.slice(0, 2).join("、");
  const codes = f.identity.usccs.map((u) => u.code).join("、");
  return [
    finding(
      "unregistered_entity",
      "register.operator_not_found",
      "high",
      `网店 ${f.domain} 的经营者不在网络经营主体名录中【${names || "页面未标示经营者名称"}${codes ? `，统一社会信用代码 ${codes}` : ""}】`,
      ecLaw,
      "第十条、第十五条",
      { shownNames: f.identity.companyNames, shownUsccs: f.identity.usccs.map((u) => u.code) },
    ),
  ];
}

/** Names compare after NFKC, Traditional→Simplified and separator removal (江灣 = 江湾). */
function normaliseName(name: string): string {
  return normalisePhrase(name);
}

export function checkIdentity(f: SiteFacts): FindingInput[] {
  const e = f.entity;
  if (!e) return [];
  const out: FindingInput[] = [];
  for (const u of f.identity.usccs) {
    if (!u.valid) {
      out.push(
        finding(
          "identity_mismatch",
          "identity.uscc_invalid",
          "medium",
          `页面标示的统一社会信用代码【${u.code}】未通过 GB 32100-2015 校验（登记为 ${e.uscc}）`,
          ecLaw,
          "第十五条",
          { shown: u.code, registered: e.uscc },
        ),
      );
    } else if (u.code !== e.uscc) {
      out.push(
        finding(
          "identity_mismatch",
          "identity.uscc_differs",
          "high",
          `页面标示的统一社会信用代码【${u.code}】与名录登记的 ${e.uscc}（${e.name}）不一致`,
          ecLaw,
          "第十五条",
          { shown: u.code, registered: e.uscc },
        ),
      );
    }
  }
  const names = f.identity.companyNames.map(normaliseName);
  if (names.length > 0 && !names.includes(normaliseName(e.name))) {
    out.push(
      finding(
        "identity_mismatch",
        "identity.name_differs",
        "medium",
        `页面标示的经营者名称【${f.identity.companyNames[0]}】与名录登记的“${e.name}”不一致`,
        ecLaw,
        "第十五条",
        { shown: f.identity.companyNames, registered: e.name },
      ),
    );
  }
  const registeredIcp = parseIcp(e.icp);
  if (registeredIcp) {
    const shown = f.identity.icps.map(parseIcp).filter((x) => x !== null);
    if (shown.length > 0 && !shown.some((s) => icpSubject(s) === icpSubject(registeredIcp))) {
      out.push(
        finding(
          "identity_mismatch",
          "identity.icp_differs",
          "medium",
          `页面标示的ICP备案号【${f.identity.icps[0]}】与名录登记的 ${e.icp} 不一致`,
          "《互联网信息服务管理办法》",
          "第十二条",
          { shown: f.identity.icps, registered: e.icp },
        ),
      );
    }
  }
  return out;
}

const badgeStateText = { expired: "已过期", revoked: "已撤销" } as const;

export function checkRedShield(f: SiteFacts): FindingInput[] {
  const out: FindingInput[] = [];
  const publicHost = new URL(f.publicUrl).host;
  for (const b of f.badges) {
    if (!b.linked) {
      out.push(
        finding(
          "red_shield",
          "label.badge_unlinked",
          "medium",
          `页面展示红盾电子标识图片但【未链接到核验页面】`,
          nto,
          "第十二条",
        ),
      );
      continue;
    }
    let host = "";
    try {
      host = new URL(b.href).host;
    } catch {}
    if (host !== publicHost || !b.serial) {
      out.push(
        finding(
          "red_shield",
          "label.badge_forged_host",
          "high",
          `红盾电子标识链接指向【${b.href}】，不是本局核验地址 ${f.publicUrl}`,
          "《中华人民共和国反不正当竞争法》",
          "第八条",
          { href: b.href },
        ),
      );
      continue;
    }
    const label = f.labelsBySerial.get(b.serial);
    if (!label) {
      out.push(
        finding(
          "red_shield",
          "label.badge_unknown_serial",
          "high",
          `红盾电子标识编号【${b.serial}】未经发放`,
          "《中华人民共和国反不正当竞争法》",
          "第八条",
          { serial: b.serial },
        ),
      );
    } else if (label.state !== "valid") {
      out.push(
        finding(
          "red_shield",
          `label.badge_${label.state}`,
          "medium",
          `红盾电子标识【${b.serial}】${badgeStateText[label.state]}，网站仍在展示`,
          nto,
          "第十二条",
          { serial: b.serial },
        ),
      );
    } else if (!label.domains.includes(f.domain)) {
      out.push(
        finding(
          "red_shield",
          "label.badge_other_domain",
          "high",
          `红盾电子标识【${b.serial}】发放给 ${label.domains.join("、")}，不包括本网站 ${f.domain}`,
          nto,
          "第十二条",
          { serial: b.serial, labelDomains: label.domains },
        ),
      );
    }
  }
  const hasValidLabel = f.labelsForDomain.some((l) => l.state === "valid");
  const showsOwnBadge = f.badges.some(
    (b) => b.serial && f.labelsForDomain.some((l) => l.serial === b.serial),
  );
  if (hasValidLabel && !showsOwnBadge) {
    const serial = f.labelsForDomain.find((l) => l.state === "valid")!.serial;
    out.push(
      finding(
        "red_shield",
        "label.badge_missing",
        "low",
        `持有有效红盾电子标识【${serial}】的网站首页未展示该标识`,
        nto,
        "第十二条",
        { serial },
      ),
    );
  }
  return out;
}

/** All register-based checks for a site's entry page. */
export function checkSite(f: SiteFacts): FindingInput[] {
  return [...checkUnregistered(f), ...checkIdentity(f), ...checkRedShield(f)];
}
