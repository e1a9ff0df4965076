import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from './demo';
import { cxReport, listFeedback, loopMetrics } from './team-api';

const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);

describe('the demo’s seeded year', () => {
  it('given a new data folder › a year of other customers’ displays, dismissals and score-only answers fills the CX report, rising, with targets and levels, every answer is an item beside the stories, and the team worked through them, leaving a recent backlog', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'palaute-e2e-history-'));
    try {
      const demo = await startDemo({ dataDir, keepData: true });
      try {
        // The year is written after the demo is up; wait for its marker.
        await vi.waitFor(
          () => {
            if (!existsSync(join(dataDir, 'demo-history-seeded'))) throw new Error('seeding');
          },
          { timeout: 540_000, interval: 2_000 },
        );
        const report = await cxReport(demo.url, {
          period: { from: day(364), to: day(0) },
          granularity: 'quarter',
        });
        const nps = report.metrics.find((metric) => metric.key === 'nps');
        expect(nps?.overall.current.n).toBeGreaterThan(700);
        expect(nps?.overall.current.lowSample).toBe(false);
        const quarters = (nps?.overall.trend ?? []).filter((point) => point.figure.n >= 100);
        expect(quarters.length).toBeGreaterThanOrEqual(4);
        // The team's work shows: the last full quarter is above the first.
        expect(quarters.at(-1)?.figure.value ?? 0).toBeGreaterThan(quarters[0]?.figure.value ?? 0);
        expect(report.metrics.map((metric) => metric.key).sort()).toEqual(['ces', 'csat', 'nps']);
        const rates = report.rates.overall;
        expect(rates.shown).toBeGreaterThan(2_000);
        expect(rates.responseRate).toBeGreaterThan(40);
        expect(rates.dismissalRate).toBeGreaterThan(20);
        expect(rates.optedOut).toBeGreaterThan(0);
        expect(report.targets.map((status) => status.target.id).sort()).toEqual([
          'csat-support',
          'nps-overall',
        ]);
        expect(report.levels.map((level) => level.level)).toEqual(
          expect.arrayContaining(['necessity', 'differentiation', 'vision']),
        );
        // Score-only answers count in the figures, and each is an item the team sees (a bare
        // score is never invisible); the weeks' eight stories are still there beside them.
        const items = await listFeedback(demo.url);
        const bare = items.filter((item) => item.id.startsWith('history-'));
        expect(bare.length).toBeGreaterThan(700);
        expect(bare.every((item) => item.text === undefined)).toBe(true);
        expect(items.length - bare.length).toBe(8);

        // The team worked through the year: most items handled within hours or days, a recent
        // backlog left, some customers written to (and a few writing back), changes shipped.
        const loop = await loopMetrics(demo.url);
        expect(loop.unprocessedShare).toBeGreaterThan(0.003);
        expect(loop.unprocessedShare).toBeLessThan(0.05);
        expect(loop.overdue).toBeGreaterThan(2);
        expect(loop.overdue).toBeLessThan(loop.total * 0.03);
        expect(loop.aging.under1Day).toBeGreaterThan(0);
        expect(loop.timeToFirstResponse.count).toBeGreaterThan(bare.length * 0.9);
        expect(loop.timeToFirstResponse.medianHours ?? 0).toBeGreaterThan(2);
        expect(loop.timeToFirstResponse.medianHours ?? 99).toBeLessThan(48);
        expect(loop.timeToClose.count).toBeGreaterThan(100);
        const replied = bare.filter((item) =>
          item.replies.some((reply) => reply.author.kind === 'team'),
        );
        expect(replied.length).toBeGreaterThan(80);
        // Only where the customer consented, and each reply after the answer it replies to.
        expect(replied.every((item) => item.consentToContact)).toBe(true);
        expect(
          replied.every((item) =>
            item.replies.every((reply) => Date.parse(reply.at) > Date.parse(item.createdAt)),
          ),
        ).toBe(true);
        expect(
          bare.filter((item) => item.replies.some((reply) => reply.author.kind === 'customer'))
            .length,
        ).toBeGreaterThan(5);
        const statuses = new Set(bare.map((item) => item.status));
        expect([...statuses].sort()).toEqual(
          ['answered', 'declined', 'new', 'planned', 'shipped', 'triaged'].sort(),
        );
        // No team step is dated after now, nor before the item arrived.
        const started = Date.now();
        for (const item of bare)
          for (const step of item.history.slice(1)) {
            expect(Date.parse(step.at)).toBeGreaterThanOrEqual(Date.parse(item.createdAt));
            expect(Date.parse(step.at)).toBeLessThan(started);
          }
        expect(report.promise.shippedOfPlanned).toBeGreaterThan(10);
        expect(report.promise.plannedNow).toBeGreaterThan(0);
      } finally {
        await demo.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
