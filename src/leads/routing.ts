// Which branch office (所属分局) a lead goes to: the entity's registered region when the operator
// is known; otherwise the province of the site's ICP filing (市场监督管理行政处罚程序规定 第十条:
// the bureau of the operator's domicile), which a reviewer may then change.
import { icpFilingPattern, icpLicencePattern, isPlaceholderIcp } from "../identity/index.ts";

export type Routing =
  | { basis: "region"; unit: string }
  | { basis: "icp"; unit: string; icp: string; province: string }
  | { basis: "none"; unit: "" };

const provinceNames: Record<string, string> = {
  京: "北京市",
  津: "天津市",
  沪: "上海市",
  渝: "重庆市",
  冀: "河北省",
  晋: "山西省",
  蒙: "内蒙古自治区",
  辽: "辽宁省",
  吉: "吉林省",
  黑: "黑龙江省",
  苏: "江苏省",
  浙: "浙江省",
  皖: "安徽省",
  闽: "福建省",
  赣: "江西省",
  鲁: "山东省",
  豫: "河南省",
  鄂: "湖北省",
  湘: "湖南省",
  粤: "广东省",
  桂: "广西壮族自治区",
  琼: "海南省",
  川: "四川省",
  蜀: "四川省",
  黔: "贵州省",
  贵: "贵州省",
  滇: "云南省",
  云: "云南省",
  藏: "西藏自治区",
  陕: "陕西省",
  甘: "甘肃省",
  陇: "甘肃省",
  青: "青海省",
  宁: "宁夏回族自治区",
  新: "新疆维吾尔自治区",
};

/** The first ICP filing or licence number in the texts, with its province; null when none. */
export function firstIcp(texts: readonly string[]): { icp: string; province: string } | null {
  for (const text of texts) {
    const t = text.normalize("NFKC");
    for (const pattern of [icpFilingPattern, icpLicencePattern]) {
      for (const match of t.matchAll(new RegExp(pattern.source, pattern.flags))) {
        const province = provinceNames[match[1]!];
        if (province && !isPlaceholderIcp(match[2]!)) return { icp: match[0].trim(), province };
      }
    }
  }
  return null;
}

/** The unit a lead is routed to; `texts` are what the site showed (page text, finding details). */
export function routeLead(entityRegion: string | null, texts: readonly string[]): Routing {
  const region = entityRegion?.trim();
  if (region) return { basis: "region", unit: region };
  const icp = firstIcp(texts);
  if (icp) return { basis: "icp", unit: `${icp.province}市场监督管理局`, ...icp };
  return { basis: "none", unit: "" };
}
