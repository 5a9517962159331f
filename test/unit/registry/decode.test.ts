import assert from "node:assert/strict";
import { test } from "node:test";
import iconv from "iconv-lite";
import { decodeRegisterText, EncodingError } from "../../../src/registry/decode.ts";

const text = "统一社会信用代码,名称\r\n91350100M000100Y43,福州某某有限公司\r\n";

test("UTF-8 with and without BOM decodes as UTF-8, the BOM dropped", () => {
  for (const bytes of [Buffer.from(text), Buffer.from(`\ufeff${text}`)]) {
    const d = decodeRegisterText(bytes);
    assert.equal(d.encoding, "utf-8");
    assert.equal(d.text, text);
  }
});

test("GBK bytes are not UTF-8 and decode as GB18030", () => {
  const d = decodeRegisterText(iconv.encode(text, "gbk"));
  assert.equal(d.encoding, "gb18030");
  assert.equal(d.text, text);
});

test("UTF-16 with a BOM is refused by name", () => {
  for (const enc of ["utf16le", "utf16be"] as const) {
    const bytes = iconv.encode(text, enc, { addBOM: true });
    assert.throws(
      () => decodeRegisterText(bytes),
      (e: unknown) => e instanceof EncodingError && /UTF-16/.test(e.message),
    );
  }
});

test("UTF-16 without a BOM is refused: its NUL bytes are not text", () => {
  const bytes = iconv.encode("uscc,name\r\n", "utf16le");
  assert.throws(() => decodeRegisterText(bytes), /line 1: control character 0x00.*UTF-16/);
});

test("random binary is neither UTF-8 nor GBK, and the message says so with a line", () => {
  const bytes = Buffer.from([0x61, 0x62, 0x0a, 0x63, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x0a]);
  assert.throws(() => decodeRegisterText(bytes), /line 2: the file is neither UTF-8 nor GBK/);
});
