// 网络监测线索交办通知书 (S4 No. 3 / S9 appendix D; fields as in shared/forms.md, document 2): the
// bureau hands a lead to the 承办单位 with the facts, the provisions, the evidence list (each
// file's digest and the 笔录 PDF's digest, which the 笔录 cannot carry itself), the deadline and a
// tear-off receipt. The seal area is left empty: a person applies the seal.
import {
  caseCause,
  type DocumentInput,
  evidenceTable,
  recordTitle,
  subjectHtml,
} from "./extraction-record.ts";
import { categoryTitle, cnDate, cnDateTime, esc, pageHtml } from "./format.ts";

export const noticeTitle = "网络监测线索交办通知书";

function jurisdiction(input: DocumentInput): string {
  const { lead } = input;
  const r = lead.routing;
  const changed = r && r.unit !== lead.assignedUnit;
  if (r?.basis === "region" && !changed) return "经营者住所所在地（主体登记的所属分局）";
  if (r?.basis === "icp" && !changed) return `网站 ICP 备案地（${esc(r.icp ?? "")}）`;
  return "经审核人员指定";
}

function sources(input: DocumentInput): string {
  const sweeps = [...new Set(input.lead.findings.map((f) => f.sweep).filter(Boolean))];
  return `网络交易监测${sweeps.length ? `（巡查任务：${esc(sweeps.join("、"))}）` : ""}`;
}

function urls(input: DocumentInput): string {
  const items = input.lead.captures.map(
    (c) => `<li><span class="url">${esc(c.url)}</span>（取证时间 ${esc(cnDateTime(c.fetchedAt))}）</li>`,
  );
  const uncaptured = input.lead.findings.filter((f) => f.captureId === null);
  for (const f of uncaptured) items.push(`<li><span class="url">${esc(f.url)}</span>（无留存网页）</li>`);
  return `<ol class="steps">${items.join("")}</ol>`;
}

function facts(input: DocumentInput): string {
  return `<ol class="steps">${input.lead.findings
    .map(
      (f) =>
        `<li>${esc(categoryTitle(f.category))}：网页 <span class="url">${esc(f.url)}</span> 于 ${esc(cnDateTime(f.lastSeenAt))} 显示“${esc(f.excerpt)}”（发现 #${f.id}，规则 ${esc(f.rule)}）。</li>`,
    )
    .join("")}</ol>`;
}

function provisions(input: DocumentInput): string {
  const seen = [
    ...new Set(
      input.lead.findings.map((f) => `${f.basisLaw}${f.basisArticle}`.trim()).filter((b) => b.length > 0),
    ),
  ];
  return seen.length ? esc(seen.join("；")) : "待承办单位核查确定";
}

function line(label: string, content: string): string {
  return `<div class="field indent"><span class="label">${esc(label)}：</span>${content}</div>`;
}

export function handoverNoticeHtml(input: DocumentInput & { recordSha256: string }): string {
  const { lead, settings, numbers } = input;
  const fileCount = lead.captures.reduce((n, c) => n + c.files.length, 0);
  const unit = lead.assignedUnit || "（承办单位）";
  const body = `<p class="org">${esc(settings.bureauName)}</p>
<p class="title">${noticeTitle}</p>
<p class="docno">${esc(numbers.notice)}</p>
<p>${esc(unit)}：</p>
<p class="indent">我局在网络交易监测中发现下列涉嫌违法线索，经审核，依据《市场监督管理行政处罚程序规定》第十条、第十八条，现交由你局办理。</p>
${line("线索编号", `${esc(lead.number)}　　线索来源：${sources(input)}`)}
${line("案由", esc(caseCause(lead)))}
${line("涉及主体", subjectHtml(lead))}
${line("网址", urls(input))}
${line("涉嫌违法行为", facts(input))}
${line("涉嫌违反", provisions(input))}
${line("管辖依据", `《市场监督管理行政处罚程序规定》第十条；承办单位确定依据：${jurisdiction(input)}`)}
${line(
  "证据清单",
  `1.${recordTitle}（编号 ${esc(numbers.record)}，PDF 文件 ${esc(settings.hashAlgorithm)}：<span class="hash">${esc(input.recordSha256)}</span>）；2.电子数据文件 ${fileCount} 个，见下表及证据包清单文件 manifest.csv（各文件 ${esc(settings.hashAlgorithm)} 校验值与证据库登记一致）。`,
)}
${evidenceTable(lead, settings.hashAlgorithm)}
${line("办理要求", esc(settings.deadline))}
${line("反馈要求", esc(settings.feedback))}
${line(
  "联系人",
  `${settings.contact ? esc(settings.contact) : '<span class="blank short"></span>'}　　电话：${settings.phone ? esc(settings.phone) : '<span class="blank short"></span>'}`,
)}
${line("附件", `1.${recordTitle}　2.证据包文件清单（manifest.csv）`)}
<div class="seal"><p>${esc(settings.bureauName)}</p><p>${esc(cnDate(input.issuedAt))}</p></div>
<div class="receipt">
<p class="cut">回　执</p>
<p>文号：${esc(numbers.notice)}　　线索编号：${esc(lead.number)}</p>
<p>交办单位：${esc(settings.bureauName)}</p>
<p>签收单位：<span class="blank" style="min-width:14em"></span></p>
<p>签收人：<span class="blank"></span></p>
<p>签收时间：　　　　年　　月　　日　　时　　分</p>
<p>备注：<span class="blank" style="min-width:20em"></span></p>
</div>`;
  return pageHtml(`${noticeTitle} ${numbers.notice} ${lead.number}`, body);
}

/** Page numbers as the model forms print them: — N —. */
export const noticeFooter = `<div style="width:100%;text-align:center;font-size:12pt;font-family:'Noto Serif CJK SC',serif;">— <span class="pageNumber"></span> —</div>`;
