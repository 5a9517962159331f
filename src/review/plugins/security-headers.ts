// Security headers on every response, pages, images, JSON and error pages alike. Pages carry no
// inline script and no inline style, so the policy can stay at 'self'. A route may set its own
// stricter policy (the sandboxed evidence pages do); the defaults fill in what it did not set.
import type { FastifyInstance } from "fastify";

const headers: Record<string, string> = {
  "content-security-policy":
    "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(headers))
      if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });
}
