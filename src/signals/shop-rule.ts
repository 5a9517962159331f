// license_display (E-commerce Law Art. 15, domain.md §3): a page that sells online and shows no
// business-licence information — no USCC or 注册号 with a licence label, no 营业执照 / 亮照 link
// or image, no Red Shield badge, no self-declaration of an exempt seller.
import {
  makeFinding,
  makeSuppressed,
  pageConditionsHold,
  pageUnlessHit,
  type RuleInput,
  type RuleOutcome,
  scoreFor,
  severityOf,
} from "./rule-common.ts";

export function evaluateShopRule(input: RuleInput): RuleOutcome {
  const { context, doc } = input;
  if (!context.isShop || context.showsLicence) return null;
  if (!pageConditionsHold(input)) return null;
  // The excerpt marks the page title: the finding is about the page as a whole.
  const span = doc.page.title ? { start: 0, end: doc.page.title.length } : null;
  if (pageUnlessHit(input)) return { suppressed: makeSuppressed(input, span, "hard_negative") };
  const summary = `→ 网店页面（价格 ${context.priceCount} 处，含下单/购物车用语）未见营业执照信息、统一社会信用代码、亮照链接或电子标识`;
  return {
    finding: makeFinding(
      input,
      span,
      scoreFor(severityOf(input), context.priceCount >= 5 ? 1 : 0),
      { priceCount: context.priceCount, identity: doc.page.identity },
      summary,
    ),
  };
}
