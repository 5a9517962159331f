// Listening and stopping. A port that cannot be used is a configuration problem the operator
// fixes (another --port, or stop the other program), so it is a ConfigError: exit code 5.
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { ConfigError } from "../errors.ts";

export type ListenOptions = { host: string; port: number };

function listenError(error: NodeJS.ErrnoException, { host, port }: ListenOptions): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new ConfigError(
        `port ${port} on ${host} is already in use (端口已被占用): another redshield serve or another program is listening there; stop it or choose another port with --port`,
        `端口 ${port}（${host}）已被占用：请停止占用该端口的程序，或用 --port 指定其他端口`,
      );
    case "EACCES":
      return new ConfigError(
        `no permission to listen on port ${port} (ports below 1024 need privileges); choose another port with --port`,
        `无权限监听端口 ${port}，请用 --port 指定 1024 以上的端口`,
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return new ConfigError(
        `cannot listen on host ${host}: not an address of this machine; check --host`,
        `无法在地址 ${host} 上监听：该地址不属于本机，请检查 --host`,
      );
    default:
      return error;
  }
}

/** Starts listening; resolves with the URL the server answers on (the real port when port is 0). */
export async function listen(app: FastifyInstance, options: ListenOptions): Promise<string> {
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    throw listenError(error as NodeJS.ErrnoException, options);
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Resolves with the first SIGINT or SIGTERM; the caller then closes the server and database.
 * The listeners stay registered: removing them inside the handler leaves other libraries'
 * signal hooks (signal-exit, loaded with the crawlers) believing nobody handles the signal, and
 * they re-raise it and kill the process in the middle of the graceful close. A second signal
 * ends the process at once.
 */
export function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) process.exit(signal === "SIGINT" ? 130 : 143);
      received = true;
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
