// Security headers on every response, pages, images, JSON and error pages alike. Pages carry no
// script and no inline style, so the policy can stay at 'self'.
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
    reply.headers(headers);
    return payload;
  });
}
