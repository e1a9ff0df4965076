import { createMemoryBackend, type FeedbackResponse } from '@palaute/engine';
import {
  createServer,
  openStorage,
  type ServerOptions,
  signCustomerId,
} from '../../packages/server/src/index';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

/** Test credentials: the host's secret, its publishable key and two named team members. */
export const secret = 'test-secret-0123456789';
export const publishableKey = 'pk_test_palaute';
export const anna = {
  token: 'anna-token-0123456789abcdef',
  id: 'anna',
  name: 'Anna from Laskutin',
};
export const ben = { token: 'ben-token-0123456789abcdef', id: 'ben', name: 'Ben' };

/** A customer's headers: the publishable key and their signed id. */
export const customer = (id: string): Record<string, string> => ({
  'x-palaute-key': publishableKey,
  'x-palaute-customer': signCustomerId(secret, id),
  'content-type': 'application/json',
});

/** A team member's headers. */
export const teamOf = (member: { token: string }): Record<string, string> => ({
  authorization: `Bearer ${member.token}`,
  'content-type': 'application/json',
});

/** A server on the memory backend with these credentials (rate limits off unless given). */
export function testServer(options: Partial<ServerOptions> = {}) {
  const server = createServer({
    secret,
    publishableKey,
    teamTokens: [anna, ben],
    rateLimits: { customer: false, ip: false },
    ...options,
  });
  /** POSTs a protocol body (`protocol: 1` added) and reads the JSON answer. */
  const post = async (path: string, headers: Record<string, string>, body: object = {}) => {
    const response = await server.fetch(
      new Request(`http://localhost${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ protocol: 1, ...body }),
      }),
    );
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: JSON.parse(text) as Record<string, unknown> & {
        error?: { code: string; message: string };
      },
    };
  };
  return { server, post };
}

export const at = '2026-11-23T10:00:00.000Z';

/** A response of `customerId` to the dashboard NPS with a text answer. */
export const responseOf = (
  id: string,
  customerId: string,
  extra: Partial<FeedbackResponse> = {},
): FeedbackResponse => ({
  id,
  surveyId: 'dashboard-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId,
  locale: 'en',
  answers: { nps: 4, why: 'Exports are slow', contact: true },
  startedAt: at,
  submittedAt: at,
  ...extra,
});

/** The display of a flow. */
export const displayOf = (
  responseId: string,
  customerId: string,
  surveyId = 'dashboard-nps',
  touchpointId = 'dashboard',
  when = at,
) => ({ responseId, surveyId, surveyVersion: 1, touchpointId, customerId, at: when });

/** A storage a server suite runs on: the server's options for it, and closing it. */
export interface ServerStorageKind {
  options: Partial<ServerOptions>;
  close(): Promise<void>;
}

/**
 * The storages a server suite runs on (`describe.each`, as storage.conformance.test.ts): the memory
 * backend, PGlite in memory, and PostgreSQL when DATABASE_URL is set (a database of its own, dropped
 * when it closes).
 */
export const serverStorages: {
  name: string;
  run: boolean;
  open(now: () => Date): Promise<ServerStorageKind>;
}[] = [
  {
    name: 'memory backend',
    run: true,
    async open(now) {
      const memory = createMemoryBackend({ now });
      return {
        options: { backend: memory, team: memory.team, customerData: memory },
        close: async () => {},
      };
    },
  },
  {
    name: 'PGlite (in memory)',
    run: true,
    async open(now) {
      const storage = await openStorage({ now });
      return {
        options: { backend: storage.backend, team: storage.team, customerData: storage },
        close: () => storage.close(),
      };
    },
  },
  {
    name: postgresTitle,
    run: Boolean(databaseUrl),
    async open(now) {
      const database = await freshDatabase(databaseUrl as string);
      const storage = await openStorage({ databaseUrl: database.url, now });
      return {
        options: { backend: storage.backend, team: storage.team, customerData: storage },
        async close() {
          await storage.close();
          await database.drop();
        },
      };
    },
  },
];
