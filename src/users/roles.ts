// Staff roles. Each role includes what the roles below it may do:
// viewer (read findings and reports) < reviewer (also confirm or dismiss findings)
// < admin (also manage the register, labels, sweeps and accounts).
import { InputError } from "../errors.ts";

export const roles = ["viewer", "reviewer", "admin"] as const;
export type Role = (typeof roles)[number];

export const roleNamesZh: Record<Role, string> = {
  viewer: "只读人员",
  reviewer: "审核人员",
  admin: "管理员",
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function parseRole(value: string): Role {
  if (isRole(value)) return value;
  throw new InputError(
    `--role: "${value}" is not a role; use one of ${roles.join(", ")}`,
    `--role：“${value}”不是有效角色（可选 ${roles.join("、")}）`,
  );
}

/** True when `role` may do what `required` may do. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(required);
}
