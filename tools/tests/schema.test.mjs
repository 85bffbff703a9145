// The JSON Schema for packs accepts every pack we ship and the documented example, and rejects the
// structural mistakes it is meant to catch. (Cross-references are the app validator's job.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path) => JSON.parse(readFileSync(root + path, "utf8"));
const schema = read("public/schema/pack.schema.json");
const validate = new Ajv2020({ allErrors: true, strict: true, strictTypes: false }).compile(schema);

const shipped = readdirSync(root + "public/packs").filter((f) => f.endsWith(".json") && f !== "index.json" && f !== "history.json");

test("there is at least one shipped pack", () => {
  assert.ok(shipped.length >= 1);
});

for (const file of [...shipped.map((f) => `public/packs/${f}`), "docs/examples/tiny-pack.json"]) {
  test(`${file} matches the schema`, () => {
    const ok = validate(read(file));
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });
}

const broken = [
  ["an unknown field", (p) => { p.tracks[0].modules[0].colour = "red"; }],
  ["a missing title", (p) => { delete p.title; }],
  ["a bad version", (p) => { p.version = "1.0"; }],
  ["an unknown question kind", (p) => { p.tracks[0].modules[0].check.questions[0].kind = "essay"; }],
  ["an option without feedback", (p) => { delete p.tracks[0].modules[0].check.questions[0].options[0].feedback; }],
  ["a non-slug module id", (p) => { p.tracks[0].modules[0].id = "Checking Output"; }],
  ["one objective", (p) => { p.tracks[0].modules[0].objectives = ["Only one"]; }],
  ["a javascript source url", (p) => { p.tracks[0].modules[0].units[0].sources[0].url = "javascript:alert(1)"; }],
  ["a newer format", (p) => { p.format = 3; }],
  ["three true/false options", (p) => {
    const q = p.tracks[0].modules[0].check.questions[2];
    q.options.push({ id: "maybe", text: "Maybe", feedback: "No." });
  }],
];
for (const [name, breakIt] of broken) {
  test(`the schema rejects ${name}`, () => {
    const pack = read("docs/examples/tiny-pack.json");
    breakIt(pack);
    assert.equal(validate(pack), false);
  });
}
