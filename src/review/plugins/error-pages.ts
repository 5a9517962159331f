// What a visitor sees when something goes wrong: a Chinese page (or JSON for machines) with a
// generic message. A 5xx is logged with its details for staff; the response never carries an
// error message or a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { logger } from "../../log.ts";
import { zhCN } from "../i18n/zh-CN.ts";
import { messagePage } from "../views/layout.ts";
import { wantsJson } from "./negotiate.ts";

const log = logger("web");

function sendMessage(
  request: FastifyRequest,
  reply: FastifyReply,
  bureauName: string,
  status: number,
  text: { title: string; message: string },
): FastifyReply {
  reply.code(status);
  if (wantsJson(request)) return reply.send({ error: text.title, message: text.message, statusCode: status });
  return reply.type("text/html; charset=utf-8").send(messagePage({ ...text, bureauName }));
}

export function addErrorPages(app: FastifyInstance, bureauName: string): void {
  const e = zhCN.errors;
  app.setNotFoundHandler((request, reply) =>
    sendMessage(request, reply, bureauName, 404, { title: e.notFoundTitle, message: e.notFoundBody }),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      log.error("request failed", {
        method: request.method,
        url: request.url,
        error: error.message,
        stack: error.stack,
      });
      return sendMessage(request, reply, bureauName, status, {
        title: e.serverErrorTitle,
        message: e.serverErrorBody,
      });
    }
    log.debug("bad request", { method: request.method, url: request.url, error: error.message });
    return sendMessage(request, reply, bureauName, status, {
      title: e.badRequestTitle,
      message: e.badRequestBody,
    });
  });
}
