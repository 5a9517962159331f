// Public surface of the users module.
export {
  checkNewPassword,
  hashPassword,
  maxPasswordLength,
  minPasswordLength,
  needsRehash,
  verifyPassword,
} from "./password.ts";
export { isRole, parseRole, type Role, roleAtLeast, roleNamesZh, roles } from "./roles.ts";
export { type AddUserInput, addUser, listUsers, type UserSummary, verifyCredentials } from "./users.ts";
