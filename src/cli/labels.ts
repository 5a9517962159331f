// `redshield labels issue|revoke|list|badge|verify`: Red Shield e-labels from the command line.
// `issue` prints the new serial alone on the last line of standard output (DESIGN.md), so scripts
// can take it with `tail -n 1`.
import type { Command } from "commander";
import { cliActor } from "../audit/index.ts";
import {
  badgeHtml,
  getLabel,
  issueLabel,
  type LabelSummary,
  type LabelVerification,
  listLabels,
  revokeLabel,
  verifyLabel,
  verifyPageUrl,
} from "../labels/index.ts";
import { NotFoundError, RefusedError } from "../errors.ts";
import { zhCN } from "../review/i18n/zh-CN.ts";
import { action, withDb } from "./run.ts";

const statusText = zhCN.labelStatus;

function print(lines: string[]): void {
  process.stdout.write(`${lines.join("\n")}\n`);
}

function describeLabel(label: LabelSummary, publicUrl: string): string[] {
  return [
    `  编号 serial:        ${label.serial}`,
    `  状态 status:        ${statusText[label.status]} (${label.status})`,
    `  持有者 holder:      ${label.holderName} (${label.uscc})`,
    `  域名 domains:       ${label.domains.join(", ")}`,
    `  签发 issued:        ${label.issuedOn} by ${label.issuedBy}`,
    `  有效期至 expires:   ${label.expiresOn}`,
    ...(label.revokedOn ? [`  撤销 revoked:       ${label.revokedOn} (${label.revokeReason})`] : []),
    `  核验页 verify page: ${verifyPageUrl(publicUrl, label.serial)}`,
  ];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerLabels(program: Command): void {
  const labels = program
    .command("labels")
    .description("Red Shield e-labels (红盾电子标识): issue, revoke, list");

  labels
    .command("issue")
    .description("issue a label to a registered entity for some of its websites")
    .requiredOption("--uscc <code>", "USCC (统一社会信用代码) of the holder")
    .requiredOption("--domain <domain>", "a website domain of the holder (repeatable)", collect, [])
    .option("--expires <YYYY-MM-DD>", "last day of validity (default: one year from today)")
    .action(
      action(async (opts: { uscc: string; domain: string[]; expires?: string }) =>
        withDb(async (db, env) => {
          const label = await issueLabel(db, {
            uscc: opts.uscc,
            domains: opts.domain,
            expiresOn: opts.expires,
            actor: cliActor(),
          });
          print(["已签发红盾电子标识 (label issued):", ...describeLabel(label, env.publicUrl), label.serial]);
        }),
      ),
    );

  labels
    .command("revoke <serial>")
    .description("revoke a label")
    .requiredOption("--reason <text>", "why the label is revoked (kept in the audit log)")
    .action(
      action(async (serial: string, opts: { reason: string }) =>
        withDb(async (db) => {
          const label = await revokeLabel(db, { serial, reason: opts.reason, actor: cliActor() });
          print([`已撤销电子标识 ${label.serial} (label revoked)`]);
        }),
      ),
    );

  labels
    .command("list")
    .description("list labels, newest first")
    .option("--uscc <code>", "only the labels of this entity")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { uscc?: string; json?: boolean }) =>
        withDb(async (db) => {
          const rows = await listLabels(db, { uscc: opts.uscc });
          if (opts.json) return print([JSON.stringify(rows, null, 2)]);
          print(rows.map(listLine));
          process.stderr.write(`共 ${rows.length} 个电子标识 (${rows.length} labels)\n`);
        }),
      ),
    );

  labels
    .command("badge <serial>")
    .description("print the badge HTML snippet for the holder's site")
    .action(
      action(async (serial: string) =>
        withDb(async (db, env) => {
          const label = await getLabel(db, serial);
          if (label.status !== "valid") {
            throw new RefusedError(
              `refused: label ${label.serial} is ${label.status}; its badge would show ${statusText[label.status]}`,
              `电子标识 ${label.serial} ${statusText[label.status]}，不提供标识代码`,
            );
          }
          print([badgeHtml(env.publicUrl, label.serial)]);
        }),
      ),
    );

  labels
    .command("verify <serial>")
    .description("show what the public verification page shows (exit 3 when never issued)")
    .option("--json", "print JSON")
    .action(
      action(async (serial: string, opts: { json?: boolean }) =>
        withDb(async (db) => {
          const result = await verifyLabel(db, serial);
          print(opts.json ? [JSON.stringify(result, null, 2)] : verifyLines(result));
          if (result.status === "not_issued") {
            throw new NotFoundError(
              `label ${result.serial} was never issued`,
              `未查询到电子标识 ${result.serial}`,
            );
          }
        }),
      ),
    );
}

function listLine(l: LabelSummary): string {
  return [
    l.serial,
    statusText[l.status],
    l.uscc,
    l.holderName,
    l.domains.join(","),
    l.issuedOn,
    l.expiresOn,
  ].join("\t");
}

function verifyLines(v: LabelVerification): string[] {
  if (v.status === "not_issued") return [`${v.serial}: ${zhCN.verify.notIssuedTitle} (not issued)`];
  return [
    `${v.serial}: ${statusText[v.status]} (${v.status})`,
    `  持有者 holder:    ${v.holderName} (${v.usccMasked})`,
    `  域名 domains:     ${v.domains.join(", ")}`,
    `  签发 issued:      ${v.issuedOn}`,
    `  有效期至 expires: ${v.expiresOn}`,
    ...(v.revokedOn ? [`  撤销 revoked:     ${v.revokedOn}`] : []),
  ];
}
