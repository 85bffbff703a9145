// The connect-src edit a deployment (and the test server) makes for an LRS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { allowConnect, originOf } from "../csp.mjs";

const page = (policy) => `<head><meta http-equiv="Content-Security-Policy" content="${policy}" /></head>`;

test("an LRS origin is added to connect-src, once, and nothing else changes", () => {
  const strict = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; object-src 'none'";
  const cases = [
    [strict, ["https://lrs.example.org"], "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' https://lrs.example.org; object-src 'none'"],
    [strict, ["https://lrs.example.org", "https://lrs.example.org"], "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' https://lrs.example.org; object-src 'none'"],
    ["connect-src 'self' https://a.example", ["https://b.example"], "connect-src 'self' https://a.example https://b.example"],
    ["default-src 'none'", ["http://127.0.0.1:8100"], "default-src 'none'; connect-src 'self' http://127.0.0.1:8100"],
  ];
  for (const [policy, origins, want] of cases) assert.equal(allowConnect(page(policy), origins), page(want));
});

test("the minified build's tag (attributes swapped, http-equiv unquoted) is found too", () => {
  const minified = `<meta content="default-src 'none'; connect-src 'self'" http-equiv=Content-Security-Policy><meta name=x content="y">`;
  assert.equal(
    allowConnect(minified, ["http://127.0.0.1:8100"]),
    `<meta content="default-src 'none'; connect-src 'self' http://127.0.0.1:8100" http-equiv=Content-Security-Policy><meta name=x content="y">`,
  );
});

test("only http(s) origins are accepted, without path", () => {
  assert.equal(originOf("https://lrs.example.org/xAPI/"), "https://lrs.example.org");
  assert.equal(originOf("http://127.0.0.1:8102/xAPI/"), "http://127.0.0.1:8102");
  assert.throws(() => originOf("javascript:alert(1)"));
  assert.throws(() => allowConnect("<head></head>", ["https://x.example"]));
});
