import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from './demo';
import { listFeedback, listImpact, loopMetrics, searchFeedback } from './team-api';

const hours = (from: string, to = Date.now()) => (to - Date.parse(from)) / 3_600_000;

describe('the demo’s first start', () => {
  it('given a new data folder › the inbox holds what other customers said over the last weeks, once, and Anna and Ben start clean', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'palaute-e2e-seed-'));
    try {
      const first = await startDemo({ dataDir, keepData: true, history: false });
      const items = await listFeedback(first.url).finally(() => first.stop());
      const byCustomer = new Map(items.map((item) => [item.customerId, item]));
      expect(byCustomer.size).toBe(items.length);
      expect(byCustomer.has('anna-korhonen') || byCustomer.has('ben-ito')).toBe(false);
      expect(items.map((item) => item.status).sort()).toEqual([
        'answered',
        'declined',
        'new',
        'new',
        'new',
        'planned',
        'shipped',
        'triaged',
      ]);
      // The story's times, not the moment of seeding: the oldest arrived 20 days ago, and each
      // team step carries its own time.
      const maria = byCustomer.get('maria-lindqvist');
      expect(hours(maria?.createdAt ?? '')).toBeCloseTo(20 * 24, 0);
      const oskari = byCustomer.get('oskari-virtanen');
      expect(oskari?.history.map((step) => step.to)).toEqual([
        'new',
        'triaged',
        'planned',
        'inProgress',
        'shipped',
      ]);
      const [arrived, triaged] = oskari?.history ?? [];
      expect(Date.parse(triaged?.at ?? '') - Date.parse(arrived?.at ?? '')).toBe(2 * 3_600_000);
      expect(oskari?.replies.map((reply) => reply.author.kind)).toEqual(['team', 'customer']);
      const declined = items.find((item) => item.status === 'declined');
      expect(declined?.history.at(-1)?.reason).toMatch(
        /^We are not building a separate mobile app/,
      );

      // Restarted on the same folder: seeded once, not twice; the loop metrics read the story.
      const again = await startDemo({ dataDir, keepData: true, history: false });
      try {
        expect(await listFeedback(again.url)).toHaveLength(items.length);
        const metrics = await loopMetrics(again.url);
        expect(metrics).toMatchObject({ total: 8, unprocessed: 3, overdue: 2 });
        // First team actions after 3, 2, 4, 4 and 10 hours.
        expect(metrics.timeToFirstResponse).toMatchObject({ count: 5, medianHours: 4 });
        // The team's search finds the story about exports by the customer's own words (the
        // search covers what customers wrote, not the team's change), in their forms too.
        expect(await searchFeedback(again.url, 'export')).toEqual(['seed-oskari-virtanen']);
        expect(await searchFeedback(again.url, 'exports')).toEqual(['seed-oskari-virtanen']);
        expect(await listImpact(again.url, 'anna')).toEqual([]);
        expect(await listImpact(again.url, 'ben')).toEqual([]);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('given --empty › the inbox starts empty', async () => {
    const demo = await startDemo({ empty: true });
    try {
      expect(await listFeedback(demo.url)).toEqual([]);
    } finally {
      await demo.stop();
    }
  });
});
