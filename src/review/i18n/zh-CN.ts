// Every staff- and public-facing string of the web pages. Pages import from here only, so a
// wording change is one edit and a test can check that no page carries English text.
import type { LabelStatus } from "../../labels/index.ts";

export const zhCN = {
  siteName: "红盾电子标识核验",
  footer: (bureau: string) => `${bureau} · 网络交易监督管理`,
  labelStatus: {
    valid: "有效",
    expired: "已过期",
    revoked: "已撤销",
    not_issued: "未查询到",
  } satisfies Record<LabelStatus, string>,
  verify: {
    pageTitle: (serial: string) => `电子标识核验：${serial}`,
    statusHeading: (statusText: string) => `标识状态：${statusText}`,
    explain: {
      valid: (bureau: string) => `该红盾电子标识由${bureau}签发，当前有效。`,
      expired: "该电子标识已超过有效期，不再证明持有者的登记信息。",
      revoked: "该电子标识已被登记机关撤销，不再有效。",
    },
    fields: {
      serial: "标识编号",
      holder: "持有者名称",
      uscc: "统一社会信用代码",
      domains: "网站域名",
      issuedOn: "签发日期",
      expiresOn: "有效期至",
      revokedOn: "撤销日期",
    },
    usccMaskedNote: "（部分隐去）",
    domainCheck: "请核对您正在访问的网站域名是否在上述列表中；不在列表中的网站使用此标识属于冒用。",
    disclaimer: "电子标识仅证明网站经营者为依法登记的市场主体，不代表对其商品或服务质量的担保。",
    report: (bureau: string) => `如发现冒用或伪造电子标识，请向${bureau}举报。`,
    checkedAt: (when: string) => `核验时间：${when}（北京时间）`,
    notIssuedTitle: "未查询到该电子标识",
    notIssuedBody: (serial: string) =>
      `编号“${serial}”不是本局签发的红盾电子标识，或编号有误。展示该编号的网站，其电子标识可能系伪造。`,
  },
  badge: {
    title: "红盾电子标识",
    status: {
      valid: "已核验 · 有效",
      expired: "已过期",
      revoked: "已撤销",
      not_issued: "未查询到",
    } satisfies Record<LabelStatus, string>,
  },
  errors: {
    notFoundTitle: "页面不存在",
    notFoundBody: "您访问的页面不存在，请检查网址。",
    badRequestTitle: "请求无效",
    badRequestBody: "无法处理该请求，请检查网址后重试。",
    serverErrorTitle: "服务暂时不可用",
    serverErrorBody: "服务器内部错误，请稍后再试。如问题持续，请联系系统管理员。",
  },
} as const;
