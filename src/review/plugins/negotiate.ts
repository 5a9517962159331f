// Content negotiation kept deliberately simple: a client that asks for JSON and not for HTML gets
// JSON. Browsers always list text/html, so they get pages.
import type { FastifyRequest } from "fastify";

export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
