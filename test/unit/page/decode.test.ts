// Charset decoding: BOM, HTTP header, <meta> (both forms), detection; GB labels read with the
// GB18030 decoder (four-byte sequences survive), Big5; binary bodies recognised.
import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { canonicalCharset, decodeBody, looksBinary } from "../../../src/page/index.ts";

const html = (meta: string, body: string) =>
  `<html><head>${meta}<title>t</title></head><body><p>${body}</p></body></html>`;

test("a UTF-8 BOM wins over a contradicting header and meta", () => {
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(html('<meta charset="gbk">', "保本保息")),
  ]);
  const decoded = decodeBody(bytes, "text/html; charset=big5");
  assert.equal(decoded.charset, "utf-8");
  assert.match(decoded.text, /保本保息/);
  assert.ok(!decoded.text.startsWith("\uFEFF"));
});

test("the HTTP charset comes before <meta>", () => {
  const bytes = iconv.encode(html('<meta charset="utf-8">', "刚性兑付"), "gbk");
  const decoded = decodeBody(bytes, 'text/html; charset="GBK"');
  assert.deepEqual([decoded.charset, decoded.confident], ["gb18030", true]);
  assert.match(decoded.text, /刚性兑付/);
});

test("both <meta> forms are read from the first 1 KiB", () => {
  const equiv = iconv.encode(
    html('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "资金池"),
    "gbk",
  );
  assert.match(decodeBody(equiv, null).text, /资金池/);
  const big5 = iconv.encode(html("<meta charset=big5>", "剛性兌付 穩賺不賠"), "big5");
  const decoded = decodeBody(big5, "text/html");
  assert.equal(decoded.charset, "big5");
  assert.match(decoded.text, /剛性兌付 穩賺不賠/);
});

test("gb2312, gbk and x-gbk labels use GB18030, so four-byte characters are not lost", () => {
  for (const label of ["gb2312", "GBK", "x-gbk", "cp936"]) assert.equal(canonicalCharset(label), "gb18030");
  const bytes = iconv.encode(html(`<meta charset="gbk">`, "保本 å 😀 𠀀"), "gb18030");
  const decoded = decodeBody(bytes, null);
  assert.match(decoded.text, /保本 å 😀 𠀀/);
  assert.ok(!decoded.text.includes("\uFFFD"));
});

test("without any label, GBK and Big5 pages are detected", () => {
  const gbk = iconv.encode(
    html("", "新手专享标，预期年化收益百分之十二，本息保障，平台承诺刚性兑付，资金安全有保障。".repeat(20)),
    "gbk",
  );
  const detected = decodeBody(gbk, null);
  assert.equal(detected.charset, "gb18030");
  assert.equal(detected.confident, false);
  assert.match(detected.text, /本息保障/);
  const big5 = iconv.encode(
    html("", "本平台承諾剛性兌付，保證本息按時足額返還，穩賺不賠，收益遠高於銀行定存。".repeat(20)),
    "big5",
  );
  assert.match(decodeBody(big5, null).text, /穩賺不賠/);
});

test("a page labelled UTF-8 whose bytes are not UTF-8 falls back to detection", () => {
  const bytes = iconv.encode(
    html('<meta charset="utf-8">', "借款一千元，实际到账八百元，七天后还款一千元。".repeat(20)),
    "gbk",
  );
  const decoded = decodeBody(bytes, null);
  assert.equal(decoded.charset, "gb18030");
  assert.match(decoded.text, /实际到账八百元/);
});

test("plain UTF-8 without labels is read as UTF-8", () => {
  const decoded = decodeBody(Buffer.from(html("", "日息0.1%")), null);
  assert.deepEqual([decoded.charset, decoded.confident], ["utf-8", true]);
});

test("binary bodies are recognised; text (UTF-16 with BOM too) is not binary", () => {
  assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), true);
  assert.equal(
    looksBinary(Buffer.from("%PDF-1.4\n\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008", "latin1")),
    true,
  );
  assert.equal(looksBinary(Buffer.from(html("", "正常网页"))), false);
  assert.equal(
    looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("网页", "utf16le")])),
    false,
  );
  assert.match(
    decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("网页", "utf16le")]), null).text,
    /网页/,
  );
});
