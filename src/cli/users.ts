// `redshield users add|list`: staff accounts. The password is read from standard input: one line
// when piped, or typed at a hidden prompt on a terminal. It is never echoed, logged or audited.
import type { Command } from "commander";
import { cliActor } from "../audit/index.ts";
import { InputError } from "../errors.ts";
import { addUser, listUsers, roleNamesZh, roles } from "../users/index.ts";
import { action, readStdin, withDb } from "./run.ts";

/** Reads a line from a terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0003") {
          finish();
          if (ch === "\u0003") reject(new InputError("cancelled", "已取消"));
          else resolve(typed);
          return;
        }
        typed = ch === "\u007f" || ch === "\b" ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on("data", onData);
  });
}

/** The first line of standard input (without its line ending), or the typed line on a terminal. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden("密码 (password, not shown): ");
  const text = await readStdin();
  return text.split(/\r?\n/, 1)[0] ?? "";
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description("staff accounts (工作人员账号)");

  users
    .command("add <name>")
    .description("add a staff account; the password is read from standard input (one line)")
    .requiredOption("--role <role>", `one of ${roles.join(", ")}`)
    .action(
      action(async (name: string, opts: { role: string }) => {
        const password = await readPassword();
        return withDb(async (db) => {
          const user = await addUser(db, { name, role: opts.role, password, actor: cliActor() });
          process.stdout.write(
            `已添加用户 ${user.name}，角色 ${roleNamesZh[user.role]} (user added, role ${user.role})\n`,
          );
        });
      }),
    );

  users
    .command("list")
    .description("list staff accounts")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { json?: boolean }) =>
        withDb(async (db) => {
          const rows = await listUsers(db);
          if (opts.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          for (const u of rows) {
            const state = u.disabledAt ? "已停用 disabled" : "启用 active";
            process.stdout.write(
              `${[u.name, u.role, roleNamesZh[u.role], state, u.createdAt.toISOString()].join("\t")}\n`,
            );
          }
        }),
      ),
    );
}
