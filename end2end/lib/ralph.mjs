// The real LRS the tests and the benchmark talk to: Ralph, started by scripts/ralph.sh (which
// scripts/test.sh calls before the end-to-end layer). These helpers stop and restart it, read back
// what it holds through its xAPI API, and post statements as an administrator.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const RALPH_PORT = Number(process.env.RALPH_PORT ?? 8100);
export const RALPH_ORIGIN = `http://127.0.0.1:${RALPH_PORT}`;
export const RALPH_ENDPOINT = `${RALPH_ORIGIN}/xAPI/`;
export const STATEMENTS = `${RALPH_ENDPOINT}statements`;
/** Test users, as scripts/ralph.sh writes them. */
export const USERS = {
  learner: { username: "fluency-learner", password: "learner-secret" },
  manager: { username: "fluency-manager", password: "manager-secret" },
  admin: { username: "fluency-admin", password: "admin-secret" },
};

const script = fileURLToPath(new URL("../../scripts/ralph.sh", import.meta.url));

function ralph(command, extraEnv = {}) {
  execFileSync(script, [command], {
    env: { ...process.env, RALPH_PORT: String(RALPH_PORT), ...extraEnv },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Stops Ralph (what it stored stays on disk). */
export function stopRalph() {
  ralph("stop");
}

/** Starts Ralph again with what it had stored. */
export function startRalph() {
  ralph("start", { RALPH_KEEP_DATA: "1" });
}

const auth = ({ username, password }) => "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
const headers = (user = USERS.admin) => ({ Authorization: auth(user), "X-Experience-API-Version": "1.0.3" });

/** Every statement a query returns, following `more` links. */
export async function queryStatements(params, user = USERS.admin) {
  let url = `${STATEMENTS}?${new URLSearchParams({ limit: "500", ...params })}`;
  const out = [];
  for (;;) {
    const response = await fetch(url, { headers: headers(user) });
    if (!response.ok) throw new Error(`Ralph answered ${response.status}: ${await response.text()}`);
    const page = await response.json();
    out.push(...page.statements);
    if (!page.more) return out;
    url = new URL(page.more, RALPH_ORIGIN).toString();
  }
}

/** The statements Ralph holds about one learner, identified by account. */
export function statementsOf(homePage, name) {
  return queryStatements({ agent: JSON.stringify({ account: { homePage, name } }) });
}

/** Posts statements as the administrator; returns the status. */
export async function postStatements(statements, user = USERS.admin) {
  const response = await fetch(STATEMENTS, {
    method: "POST",
    headers: { ...headers(user), "Content-Type": "application/json" },
    body: JSON.stringify(statements),
  });
  const body = await response.text();
  if (response.status >= 300) throw new Error(`Ralph answered ${response.status}: ${body}`);
  return response.status;
}
