// Evidence files for signed-in staff, by digest, and the original page of a capture for the
// sandboxed frame. Crawled content is hostile: every response here carries a sandbox policy
// (scripts never run, the document gets an opaque origin, nothing is loaded from anywhere), is
// never content-sniffed, and HTML is only ever shown inline inside the frame of our own page.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { StaffDeps } from "./deps.ts";

export const sandboxPolicy = "sandbox; default-src 'none'; img-src data:";

type Params = { Params: { sha256?: string; id?: string } };

/** How each kind of evidence file is served: inline for images and text, a download otherwise. */
function presentation(kind: string, mediaType: string): { type: string; inline: boolean; ext: string } {
  if (kind === "screenshot") return { type: "image/png", inline: true, ext: ".png" };
  if (kind === "text") return { type: "text/plain; charset=utf-8", inline: true, ext: ".txt" };
  if (kind === "headers") return { type: "text/plain; charset=utf-8", inline: true, ext: ".json" };
  const ext = /html/i.test(mediaType) ? ".html" : /pdf/i.test(mediaType) ? ".pdf" : ".bin";
  return { type: "application/octet-stream", inline: false, ext };
}

function hostile(reply: FastifyReply, frameable: boolean): FastifyReply {
  return reply
    .header("content-security-policy", frameable ? `${sandboxPolicy}; frame-ancestors 'self'` : sandboxPolicy)
    .header("x-content-type-options", "nosniff")
    .header("x-frame-options", frameable ? "SAMEORIGIN" : "DENY")
    .header("cross-origin-resource-policy", "same-origin");
}

function charsetOf(charset: string): string {
  return /^[A-Za-z0-9_-]{1,40}$/.test(charset) ? charset : "utf-8";
}

export function registerEvidenceRoutes(app: FastifyInstance, deps: StaffDeps): void {
  app.get<Params>("/evidence/:sha256", async (request, reply) => {
    const sha256 = request.params.sha256 ?? "";
    if (!/^[0-9a-f]{64}$/.test(sha256)) return reply.callNotFound();
    const row = await deps.db.prisma.evidence.findUnique({ where: { sha256 } });
    if (!row) return reply.callNotFound();
    let bytes: Buffer;
    try {
      bytes = await deps.store.read(sha256);
    } catch {
      return reply.callNotFound();
    }
    const how = presentation(row.kind, row.mediaType);
    return hostile(reply, false)
      .type(how.type)
      .header(
        "content-disposition",
        `${how.inline ? "inline" : "attachment"}; filename="${sha256}${how.ext}"`,
      )
      .header("cache-control", "private, max-age=86400, immutable")
      .send(bytes);
  });

  app.get<Params>("/captures/:id/original", async (request, reply) => {
    const id = /^\d{1,9}$/.test(request.params.id ?? "") ? Number(request.params.id) : null;
    const capture = id === null ? null : await deps.db.prisma.pageCapture.findUnique({ where: { id } });
    if (!capture) return reply.callNotFound();
    let bytes: Buffer;
    try {
      bytes = await deps.store.read(capture.bodySha256);
    } catch {
      return reply.callNotFound();
    }
    const isHtml = /html|xml/i.test(capture.contentType) || capture.contentType === "";
    const type = `${isHtml ? "text/html" : "text/plain"}; charset=${charsetOf(capture.charset)}`;
    return hostile(reply, true)
      .type(type)
      .header("content-disposition", "inline")
      .header("cache-control", "private, no-store")
      .header("referrer-policy", "no-referrer")
      .send(bytes);
  });
}
