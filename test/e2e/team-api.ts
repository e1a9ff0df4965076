/**
 * The server's storage as the team sees it, read straight from the running demo's team routes with
 * the token its session endpoint gives the team persona: what the tests assert against.
 */
import type {
  CxReport,
  CxReportQuery,
  FeedbackItem,
  ImpactNotice,
  InboxPage,
  LoopMetrics,
} from '@palaute/engine';

async function teamToken(base: string): Promise<string> {
  const response = await fetch(`${base}/demo/session?as=team`);
  const session = (await response.json()) as { teamToken: string };
  return session.teamToken;
}

/** Every feedback item the server holds, page after page. */
export async function listFeedback(base: string): Promise<FeedbackItem[]> {
  const token = await teamToken(base);
  const items: FeedbackItem[] = [];
  let cursor: string | undefined;
  do {
    const response = await fetch(`${base}/api/palaute/v1/team/feedback/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, query: { limit: 500, ...(cursor ? { cursor } : {}) } }),
    });
    if (!response.ok) throw new Error(`team query: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as InboxPage;
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items;
}

/** The ids of the items a team search finds (`query.text`, as the inbox's search box sends it). */
export async function searchFeedback(base: string, text: string): Promise<string[]> {
  const response = await fetch(`${base}/api/palaute/v1/team/feedback/query`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await teamToken(base)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ protocol: 1, query: { text, limit: 500 } }),
  });
  if (!response.ok) throw new Error(`team search: ${response.status} ${await response.text()}`);
  return ((await response.json()) as InboxPage).items.map((item) => item.id);
}

/** The team's loop metrics (48-hour response target), as the inbox shows them. */
export async function loopMetrics(base: string): Promise<LoopMetrics> {
  const response = await fetch(`${base}/api/palaute/v1/team/metrics`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await teamToken(base)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ protocol: 1 }),
  });
  if (!response.ok) throw new Error(`team metrics: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { metrics: LoopMetrics }).metrics;
}

/** The impact notices the server has for a persona, asked with that customer's own credential. */
export async function listImpact(base: string, persona: string): Promise<ImpactNotice[]> {
  const session = (await (await fetch(`${base}/demo/session?as=${persona}`)).json()) as {
    credential: string;
    publishableKey: string;
    persona: { customerId: string };
  };
  const response = await fetch(`${base}/api/palaute/v1/impact/query`, {
    method: 'POST',
    headers: {
      'x-palaute-key': session.publishableKey,
      'x-palaute-customer': session.credential,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ protocol: 1, query: { customerId: session.persona.customerId } }),
  });
  if (!response.ok) throw new Error(`impact query: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { notices: ImpactNotice[] }).notices;
}

/** The team's CX report for a query, as the dashboard asks for it. */
export async function cxReport(base: string, query: CxReportQuery): Promise<CxReport> {
  const response = await fetch(`${base}/api/palaute/v1/team/cx-report`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await teamToken(base)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ protocol: 1, query }),
  });
  if (!response.ok) throw new Error(`team cx-report: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { report: CxReport }).report;
}
