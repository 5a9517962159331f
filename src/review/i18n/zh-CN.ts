// Every staff- and public-facing string of the web pages. Pages import from here only, so a
// wording change is one edit and a test can check that no page carries English text.
import type { Category, FindingStatus, Severity } from "../../findings/index.ts";
import type { LabelStatus } from "../../labels/index.ts";
import type { LeadStatus } from "../../leads/index.ts";
import type { RunStatus } from "../../sweeps/states.ts";
import type { Role } from "../../users/index.ts";
import { staffText } from "./zh-CN-staff.ts";

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
  staffSiteName: "红盾网络巡查",
  roles: { viewer: "只读人员", reviewer: "审核人员", admin: "管理员" } satisfies Record<Role, string>,
  categories: {
    p2p_lending: "P2P网络借贷",
    cash_loan: "违规现金贷",
    bank_card_trading: "买卖银行卡",
    micro_trading: "微盘交易",
    pyramid_selling: "传销",
    false_advertising: "虚假违法广告",
    counterfeit: "假冒侵权",
    elderly_scam: "涉老诈骗",
    license_display: "未公示营业执照",
    red_shield: "电子标识问题",
    unregistered_entity: "未登记经营主体",
    identity_mismatch: "主体信息不符",
  } satisfies Record<Category, string>,
  findingStatus: {
    new: "待审核",
    confirmed: "已确认",
    dismissed: "已排除",
    handed_over: "已交办",
    closed: "已办结",
  } satisfies Record<FindingStatus, string>,
  severity: { low: "低", medium: "中", high: "高" } satisfies Record<Severity, string>,
  leadStatus: {
    confirmed: "已确认",
    handed_over: "已交办",
    feedback: "已反馈",
    closed: "已办结",
  } satisfies Record<LeadStatus, string>,
  runStatus: {
    queued: "排队中",
    running: "运行中",
    completed: "已完成",
    failed: "失败",
    interrupted: "已中断",
  } satisfies Record<RunStatus, string>,
  ...staffText,
  errors: {
    forbiddenTitle: "权限不足",
    forbiddenBody: "您的账号没有执行此操作的权限。",
    csrfTitle: "请求已失效",
    csrfBody: "表单校验失败（可能已过期或来自其他网站），请返回并刷新页面后重试。",
    signInTitle: "请先登录",
    signInBody: "会话已过期或尚未登录，请重新登录。",
    refusedTitle: "无法执行",
    inputTitle: "填写有误",
    back: "返回",
    notFoundTitle: "页面不存在",
    notFoundBody: "您访问的页面不存在，请检查网址。",
    badRequestTitle: "请求无效",
    badRequestBody: "无法处理该请求，请检查网址后重试。",
    serverErrorTitle: "服务暂时不可用",
    serverErrorBody: "服务器内部错误，请稍后再试。如问题持续，请联系系统管理员。",
  },
} as const;
