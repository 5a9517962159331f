// 电子数据证据提取笔录 (SAMR 文书格式范本 No. 12; fields as in shared/forms.md, document 1): what
// the sweep system captured, where, when and how, with every file's digest. The system capture is
// printed as such; officers, witness and signatures are left blank for people to fill in by hand,
// and anything the capture did not record is printed as 未记录, never guessed.
import type { CaptureFacts, LeadFacts } from "../bundle/lead-facts.ts";
import {
  categoryTitle,
  cnDate,
  cnDateTime,
  type DocumentSettings,
  esc,
  evidenceKindTitles,
  formatName,
  modeTitles,
  pageHtml,
  shortDateTime,
} from "./format.ts";

export type DocumentInput = {
  lead: LeadFacts;
  settings: DocumentSettings;
  numbers: { record: string; notice: string };
  /** The day the documents are made (printed as 成文日期 and in the process steps). */
  issuedAt: Date;
};

export const recordTitle = "电子数据证据提取笔录";

function str(value: unknown, fallback = "未记录"): string {
  return typeof value === "string" && value.trim()
    ? value
    : typeof value === "number"
      ? String(value)
      : fallback;
}

function field(label: string, content: string): string {
  return `<div class="field"><span class="label">${esc(label)}：</span>${content}</div>`;
}

export function caseCause(lead: LeadFacts): string {
  const titles = [...new Set(lead.findings.map((f) => categoryTitle(f.category)))];
  return `涉嫌${titles.join("、")}`;
}

export function subjectHtml(lead: LeadFacts): string {
  const e = lead.entity;
  if (!e) {
    return `经营者不明（未匹配到登记主体）；网站域名 <span class="url">${esc(lead.domain)}</span>`;
  }
  const domains = e.domains.length ? e.domains : [lead.domain];
  return `${esc(e.name)}（统一社会信用代码 ${esc(e.uscc)}）${e.address ? `，住所：${esc(e.address)}` : ""}；网站域名 <span class="url">${esc(domains.join("、"))}</span>；ICP备案号：${esc(e.icp || "未登记")}`;
}

function captureSpan(captures: CaptureFacts[]): string {
  if (captures.length === 0) return "无（本线索的发现未留存网页证据）";
  const first = captures[0]!.fetchedAt;
  const last = captures[captures.length - 1]!.fetchedAt;
  return first.getTime() === last.getTime()
    ? `${cnDateTime(first)}（北京时间）`
    : `${cnDateTime(first)} 至 ${cnDateTime(last)}（北京时间；共 ${captures.length} 次网页提取）`;
}

function clockLine(captures: CaptureFacts[]): string {
  const sources = [...new Set(captures.map((c) => str(c.provenance.clockSource)))];
  const offsets = [...new Set(captures.map((c) => str(c.provenance.clockOffsetMillis, "")))].filter(Boolean);
  return `时间来源：${esc(sources.join("；") || "未记录")}；校时偏差：${esc(offsets.length ? `${offsets.join("、")} 毫秒` : "未测量")}`;
}

/** The server address as recorded; a value with no address in it (e.g. ":") is not one. */
function addressOf(c: CaptureFacts): string {
  const a = str(c.provenance.remoteAddress);
  return /[0-9a-f]/i.test(a.replace(/^未记录$/, "")) ? a : "未记录";
}

function redirectsOf(c: CaptureFacts): string[] {
  const r = c.provenance.redirects;
  return Array.isArray(r) ? r.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : [];
}

function sourceItem(c: CaptureFacts): string {
  const requested = str(c.provenance.requestedUrl, c.url);
  const redirects = redirectsOf(c);
  const same = c.finalUrl === requested;
  return `<li>请求网址 <span class="url">${esc(requested)}</span>；${
    same
      ? "未跳转"
      : `经 ${redirects.length || "若干"} 次跳转，最终网址 <span class="url">${esc(c.finalUrl)}</span>`
  }；HTTP 状态 ${c.httpStatus}；目标服务器地址 ${esc(addressOf(c))}；访问方式：公开访问，未登录任何账号；获取方式：${esc(modeTitles[c.mode] ?? c.mode)}；提取时间 ${esc(cnDateTime(c.fetchedAt))}。</li>`;
}

function environmentLine(captures: CaptureFacts[]): string {
  const distinct = (key: string) => [...new Set(captures.map((c) => str(c.provenance[key])))].join("、");
  const agents = [
    ...new Set(
      captures.map((c) => {
        const h = c.provenance.requestHeaders;
        return h && typeof h === "object" ? str((h as Record<string, unknown>)["user-agent"]) : "未记录";
      }),
    ),
  ];
  const runs = [...new Set(captures.map((c) => `${str(c.provenance.sweep)} #${c.runId}`))].join("、");
  return [
    `巡查系统 ${esc(distinct("tool"))}`,
    `运行主机 ${esc(distinct("host"))}`,
    `Node.js ${esc(distinct("node"))}`,
    `User-Agent：<span class="url">${esc(agents.join("；"))}</span>`,
    `巡查任务 ${esc(runs)}`,
    `任务配置摘要 <span class="hash">${esc(distinct("sweepConfigHash"))}</span>`,
    `规则包摘要 <span class="hash">${esc(distinct("rulePacksHash"))}</span>`,
    "出口IP：未记录",
    "清洁性检查：系统未记录",
  ].join("；");
}

function steps(input: DocumentInput): string {
  const { lead, settings } = input;
  const captures = lead.captures;
  const browser = captures.some((c) => c.mode === "browser");
  const screenshots = captures.some((c) => c.files.some((f) => f.kind === "screenshot"));
  const reviewers = new Map<string, { ids: number[]; last: Date | null }>();
  for (const f of lead.findings) {
    if (!f.reviewedBy) continue;
    const r = reviewers.get(f.reviewedBy) ?? { ids: [], last: null };
    r.ids.push(f.id);
    if (f.reviewedAt && (!r.last || f.reviewedAt > r.last)) r.last = f.reviewedAt;
    reviewers.set(f.reviewedBy, r);
  }
  const reviewed = [...reviewers].map(
    ([name, r]) =>
      `${name}（${r.last ? cnDateTime(r.last) : "时间未记录"}，发现 ${r.ids.map((id) => `#${id}`).join("、")}）`,
  );
  const items = [
    "巡查系统按巡查任务计划自动访问上述网址，取证前未进行人工干预；",
    `以${browser ? "HTTP 直接获取或 Chromium 无头浏览器渲染" : "HTTP 直接获取"}方式打开网页并完整加载，记录请求网址、跳转、响应状态、响应头及目标服务器地址；`,
    ...(screenshots ? ["以 Chromium 无头浏览器对页面进行全页截图；"] : []),
    "提取页面文本，按规则包识别涉嫌违法内容；",
    `对网页源码、HTTP响应头、页面文本${screenshots ? "及截图" : ""}逐一计算 ${esc(settings.hashAlgorithm)} 校验值，以校验值为名存入证据库（内容寻址，写入后只读）；`,
    reviewed.length
      ? `审核人员 ${esc(reviewed.join("、"))} 审核确认上述发现；`
      : "审核人员审核确认上述发现；",
    `${esc(cnDateTime(input.issuedAt))} 导出证据包时，重新计算全部文件的校验值，与入库时记录的校验值一致。`,
  ];
  return `<ol class="steps">${items.map((i) => `<li>${i}</li>`).join("")}</ol>`;
}

/** 电子数据清单: one row per file, its digest on a row of its own so it is never cut. */
export function evidenceTable(lead: LeadFacts, algorithm: string): string {
  const files = lead.captures.flatMap((c) => c.files);
  if (files.length === 0) return "<p>无。</p>";
  const rows = files
    .map(
      (
        f,
        i,
      ) => `<tr><td class="num">${i + 1}</td><td class="url">${esc(f.fileName)}</td><td>${esc(evidenceKindTitles[f.kind])}</td>
<td>${esc(formatName(f.fileName))}</td><td class="num">${f.size >= 0 ? f.size.toLocaleString("en-US") : "未记录"}</td><td>${esc(shortDateTime(f.capturedAt))}</td></tr>
<tr><td></td><td colspan="5" class="hash">${esc(algorithm)}：${esc(f.sha256)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>序号</th><th>文件名</th><th>类别</th><th>格式</th><th>大小(字节)</th><th>生成时间(北京时间)</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function contentList(lead: LeadFacts): string {
  const seqOf = new Map(lead.captures.map((c) => [c.id, c.seq]));
  return `<ol class="steps">${lead.findings
    .map((f) => {
      const seq = f.captureId !== null ? seqOf.get(f.captureId) : undefined;
      return `<li>${esc(categoryTitle(f.category))}（发现 #${f.id}）：“${esc(f.excerpt)}”，见于 <span class="url">${esc(f.url)}</span>${seq ? `，第 ${seq} 次提取` : "，无留存网页"}。</li>`;
    })
    .join("")}</ol>`;
}

function notes(lead: LeadFacts): string {
  const out: string[] = [];
  for (const c of lead.captures) {
    if (c.httpStatus !== 200) out.push(`第 ${c.seq} 次提取的 HTTP 状态为 ${c.httpStatus}。`);
    if (c.finalUrl !== c.url) out.push(`第 ${c.seq} 次提取的网址发生跳转，最终网址见“电子数据来源”。`);
  }
  if (lead.findings.some((f) => f.captureId === null)) out.push("部分发现未留存网页证据。");
  return out.map(esc).join("") || "";
}

export function extractionRecordHtml(input: DocumentInput): string {
  const { lead, settings, numbers } = input;
  const host = [...new Set(lead.captures.map((c) => str(c.provenance.host)))].join("、") || "未记录";
  const screenshots = lead.captures.flatMap((c) => c.files).filter((f) => f.kind === "screenshot");
  const body = `<p class="org">${esc(settings.bureauName)}</p>
<p class="title">${recordTitle}</p>
<p class="docno">编号：${esc(numbers.record)}</p>
${field("案由/线索", `${esc(caseCause(lead))}（线索编号 ${esc(lead.number)}）`)}
${field("对象", subjectHtml(lead))}
${field("提取时间", `${esc(captureSpan(lead.captures))}<br>${clockLine(lead.captures)}`)}
${field("提取地点", `${esc(settings.place.replaceAll("{host}", host))}；方式：网络在线提取`)}
${field("执法人员", `<span class="blank"></span>（执法证号<span class="blank"></span>） <span class="blank"></span>（执法证号<span class="blank"></span>）`)}
${field("见证人/当事人到场情况", `□ 见证人：<span class="blank"></span>（身份证件号码<span class="blank"></span>）<br>□ 无见证人，原因：系对公开网页在线提取，当事人及持有人不在场<span class="blank"></span>`)}
${field("电子数据来源", `<ol class="steps">${lead.captures.map(sourceItem).join("") || "<li>无。</li>"}</ol>`)}
${field("提取内容", contentList(lead))}
${field("未扣押原始存储介质的原因", "电子数据存储于当事人或第三方的远程服务器，系公开发布的网页信息，无法扣押原始存储介质，采用网络在线提取方式固定。")}
${field("取证环境", environmentLine(lead.captures))}
${field("提取方法及过程", steps(input))}
${field("电子数据清单", `共 ${lead.captures.reduce((n, c) => n + c.files.length, 0)} 个文件，校验算法 ${esc(settings.hashAlgorithm)}。${evidenceTable(lead, settings.hashAlgorithm)}`)}
${field("过程录像/截屏", screenshots.length ? `未录制过程录像；页面截图 ${screenshots.length} 张，见电子数据清单（${esc(screenshots.map((s) => s.fileName).join("、"))}）。` : "未录制过程录像，未留存截图。")}
${field("存储情况", `上述文件以 ${esc(settings.hashAlgorithm)} 校验值为名存于巡查系统证据库（内容寻址、只读），并复制于证据包 ${esc(lead.number)} 目录，随本笔录移交；未复制到封存介质。`)}
${field("备注", `${notes(lead)}<span class="blank" style="min-width:20em"></span>`)}
<table class="sign"><tbody>
<tr><td>执法人员（签名）：<span class="blank short"></span>　<span class="blank short"></span></td><td>年　　月　　日</td></tr>
<tr><td>当事人/持有人（签名或注明情况）：<span class="blank short"></span></td><td>年　　月　　日</td></tr>
<tr><td>见证人（签名）：<span class="blank short"></span></td><td>年　　月　　日</td></tr>
</tbody></table>
<p class="small muted">本笔录由${esc(settings.bureauName)}网络巡查系统根据取证记录生成于 ${esc(cnDate(input.issuedAt))}，执法人员核对无误后签名。</p>`;
  return pageHtml(`${recordTitle} ${numbers.record} ${lead.number}`, body);
}

/** Footer of every page: page X of Y and the officers' signature (逐页签名). */
export const recordFooter = `<div style="width:100%;font-size:10pt;font-family:'Noto Serif CJK SC',serif;padding:0 26mm 0 28mm;display:flex;justify-content:space-between;">
<span>执法人员签名：　　　　　　　　</span><span>第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</span></div>`;
