// HTML forms post application/x-www-form-urlencoded. Parsed into an object whose repeated fields
// (check boxes) become arrays; nothing else is interpreted.
import type { FastifyInstance } from "fastify";

export function addFormBodyParser(app: FastifyInstance): void {
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      const out: Record<string, string | string[]> = Object.create(null);
      for (const [key, value] of new URLSearchParams(body as string)) {
        const prior = out[key];
        out[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
      }
      done(null, out);
    },
  );
}
