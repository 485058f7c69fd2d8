// A transparent HTTP proxy in front of the server: the scenarios' real clients talk through it, and
// it keeps each exchange's method, path, status and JSON body for checking against the spec.
// Bodies stream through (a 110 MB upload is never held); only JSON answers are kept.
import http from "node:http";

const KEEP_JSON_UP_TO = 4 * 1024 * 1024;

/** Starts the proxy on a free loopback port; resolves to { baseUrl, exchanges, close }. */
export async function startRecorder(targetBaseUrl) {
  const target = new URL(targetBaseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const exchanges = [];
  let ownHost;
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        // the server picks the homeserver by Host: a client that names one (a scenario with a second
        // organisation's name) keeps it, the proxy's own address becomes the server's
        headers: { ...req.headers, host: req.headers.host === ownHost ? target.host : req.headers.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        const json = (answer.headers["content-type"] ?? "").startsWith("application/json");
        const chunks = [];
        let size = 0;
        answer.on("data", (chunk) => {
          if (json && size <= KEEP_JSON_UP_TO) chunks.push(chunk);
          size += chunk.length;
          res.write(chunk);
        });
        answer.on("end", () => {
          res.end();
          exchanges.push({
            method: req.method,
            url: req.url,
            status: answer.statusCode,
            contentType: answer.headers["content-type"] ?? "",
            body: json && size <= KEEP_JSON_UP_TO ? Buffer.concat(chunks).toString("utf8") : null,
          });
        });
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", (e) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`conformance recorder: upstream failed: ${e.message}`);
    });
    req.pipe(upstream);
    // a client that gives up (a sync loop stopped) must not leave the upstream request open
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  ownHost = `127.0.0.1:${server.address().port}`;
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
