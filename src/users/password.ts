// Password hashing with scrypt (memory-hard, in node:crypto: nothing to install or download).
//
// Stored form: scrypt$N$r$p$salt$hash (salt and hash base64url), so the cost can be raised later
// without breaking old hashes: each hash says how it was made. N = 2^15, r = 8, p = 1 needs
// 128·N·r = 32 MiB per hash and takes roughly 0.1 s here: slow for an attacker with a stolen
// table, fast enough for a login. maxmem is set explicitly because Node's default (32 MiB) is
// exactly the requirement and leaves no headroom.
import crypto from "node:crypto";
import { promisify } from "node:util";
import { InputError } from "../errors.ts";

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

export const minPasswordLength = 10;
/** Long enough for any passphrase, short enough that nobody feeds a megabyte into scrypt. */
export const maxPasswordLength = 1024;

type Cost = { N: number; r: number; p: number };
const defaultCost: Cost = { N: 2 ** 15, r: 8, p: 1 };
/** Upper bounds accepted when reading a stored hash, so a tampered row cannot exhaust memory. */
const maxCost: Cost = { N: 2 ** 20, r: 16, p: 4 };
const saltBytes = 16;
const keyBytes = 32;

function options(cost: Cost): crypto.ScryptOptions {
  return { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r * cost.p + 1024 * 1024 };
}

/** Throws InputError when a new password is too short or too long. Never echoes the password. */
export function checkNewPassword(password: string): void {
  if (password.length === 0) throw new InputError("password: empty", "密码不能为空");
  if (password.length < minPasswordLength) {
    throw new InputError(
      `password: must be at least ${minPasswordLength} characters, got ${password.length}`,
      `密码至少需要 ${minPasswordLength} 个字符`,
    );
  }
  if (password.length > maxPasswordLength) {
    throw new InputError(
      `password: must be at most ${maxPasswordLength} characters`,
      `密码不能超过 ${maxPasswordLength} 个字符`,
    );
  }
}

export async function hashPassword(password: string): Promise<string> {
  checkNewPassword(password);
  const salt = crypto.randomBytes(saltBytes);
  const hash = await scrypt(password.normalize("NFC"), salt, keyBytes, options(defaultCost));
  const { N, r, p } = defaultCost;
  return ["scrypt", N, r, p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

type Parsed = { cost: Cost; salt: Buffer; hash: Buffer };

function parseStored(stored: string): Parsed | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map((n) => (/^\d+$/.test(n) ? Number(n) : Number.NaN)) as [
    number,
    number,
    number,
  ];
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > maxCost.N || !(r >= 1 && r <= maxCost.r) || !(p >= 1 && p <= maxCost.p))
    return null;
  const salt = Buffer.from(parts[4]!, "base64url");
  const hash = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || hash.length < 16) return null;
  return { cost: { N, r, p }, salt, hash };
}

/** True when password matches the stored hash; false for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || password.length > maxPasswordLength) return false;
  const candidate = await scrypt(
    password.normalize("NFC"),
    parsed.salt,
    parsed.hash.length,
    options(parsed.cost),
  );
  return crypto.timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash was made with a lower cost than today's default. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return true;
  return parsed.cost.N < defaultCost.N || parsed.cost.r < defaultCost.r || parsed.cost.p < defaultCost.p;
}
