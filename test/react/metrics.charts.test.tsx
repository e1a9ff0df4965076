import type { TrendPoint } from '@palaute/react';
import {
  fi,
  MetricCard,
  PalauteProvider,
  ScoreBreakdown,
  TouchpointScorecards,
  TrendChart,
} from '@palaute/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import {
  lowSample,
  notSignificant,
  q1,
  significantFall,
  significantRise,
  touchpoints,
} from '../fixtures/metrics';
import { axeViolations } from './axe';
import { tabTo } from './keyboard';

function inLocale(locale: string, children: ReactNode) {
  return (
    <PalauteProvider locales={{ fi }} backend={undefined} outbox={false} locale={locale}>
      {children}
    </PalauteProvider>
  );
}

describe('TrendChart', () => {
  // The first test of the file also pays for loading axe: a longer limit than the default 5 s.
  it('given two quarters up 10 but not significantly › the summary says so, with n', {
    timeout: 20_000,
  }, async () => {
    const { container } = render(
      inLocale('en', <TrendChart kind="nps" granularity="quarter" points={notSignificant} />),
    );
    const figure = screen.getByRole('figure', { name: /NPS over time/ });
    expect(figure).toHaveTextContent(
      'NPS +40 in Q2 2026, up 10 points from Q1 2026; not a significant change, n = 120.',
    );
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'NPS +40 in Q2 2026, up 10 points from Q1 2026; not a significant change, n = 120.',
    );
    expect(container.querySelector('[style]')).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('given the plot focused › the arrow keys move a data cursor, read out politely; Home and End jump', async () => {
    const user = userEvent.setup();
    render(inLocale('en', <TrendChart kind="nps" granularity="quarter" points={notSignificant} />));
    const plot = await tabTo(user, (element) => element.getAttribute('data-part') === 'plot');
    expect(plot).toHaveAccessibleName('NPS over time');
    expect(plot).toHaveAccessibleDescription(/left and right arrow keys/);
    const readout = document.querySelector('[data-part="readout"]');
    expect(readout).toHaveAttribute('aria-live', 'polite');
    expect(readout).toHaveTextContent('');
    await user.keyboard('{ArrowRight}');
    expect(readout).toHaveTextContent('Q1 2026: +30, 95 % interval +14 to +44, n = 100.');
    expect(plot).toHaveAttribute('data-cursor', '0');
    await user.keyboard('{ArrowRight}');
    expect(readout).toHaveTextContent('Q2 2026: +40, 95 % interval +26 to +53, n = 120.');
    await user.keyboard('{ArrowRight}');
    expect(plot).toHaveAttribute('data-cursor', '1');
    await user.keyboard('{Home}');
    expect(readout).toHaveTextContent(/^Q1 2026/);
    await user.keyboard('{End}');
    expect(readout).toHaveTextContent(/^Q2 2026/);
    await user.keyboard('{ArrowLeft}');
    expect(readout).toHaveTextContent(/^Q1 2026/);
  });

  it('given "Show as table" › the same data is a table, reached by Tab and toggled by Enter', async () => {
    const user = userEvent.setup();
    render(inLocale('en', <TrendChart kind="nps" granularity="month" points={significantRise} />));
    const table = screen.getByRole('table', { hidden: true });
    expect(table.closest('[data-part="table"]')).toHaveAttribute('hidden');
    const toggle = await tabTo(user, (element) => element.textContent === 'Show as table');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveTextContent('Hide table');
    const visible = screen.getByRole('table', { name: 'NPS over time' });
    const rows = within(visible).getAllByRole('row');
    expect(rows).toHaveLength(13);
    expect(
      within(rows[0] as HTMLElement)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Period', 'Value', '95 % interval', 'Responses', 'Target']);
    expect(within(rows[12] as HTMLElement).getByRole('rowheader')).toHaveTextContent(
      'December 2026',
    );
    expect(rows[12]).toHaveTextContent('+41');
    expect(rows[12]).toHaveTextContent('+30');
  });

  it('given a rise the report tested significant › says "a significant change"; a fall › "down … significant"', () => {
    const { unmount } = render(
      inLocale('en', <TrendChart kind="nps" granularity="month" points={significantRise} />),
    );
    expect(screen.getByRole('figure')).toHaveTextContent(
      'NPS +41 in December 2026, up 5 points from November 2026; a significant change, n = 510.',
    );
    expect(document.querySelector('[data-part="target"] path')?.getAttribute('d')).toMatch(
      /^M.* V.* H/,
    );
    unmount();
    render(
      inLocale('en', <TrendChart kind="nps" granularity="quarter" points={significantFall} />),
    );
    expect(screen.getByRole('figure')).toHaveTextContent(
      'NPS +29 in Q3 2026, down 12 points from Q2 2026; a significant change, n = 980.',
    );
  });

  it('given a month just begun after readable ones › speaks of the latest readable month, then says the new one is too thin', () => {
    const begun: TrendPoint = {
      start: '2027-01-01',
      value: -33,
      interval: [-90, 40],
      n: 3,
      lowSample: true,
    };
    render(
      inLocale(
        'en',
        <TrendChart kind="nps" granularity="month" points={[...significantRise, begun]} />,
      ),
    );
    expect(screen.getByRole('figure')).toHaveTextContent(
      'NPS +41 in December 2026, up 5 points from November 2026; a significant change, n = 510. January 2027: too few responses yet, n = 3.',
    );
  });

  it('given periods with too few answers › hollow greyed markers outside the band, and no verdict', () => {
    render(inLocale('en', <TrendChart kind="nps" granularity="week" points={lowSample} />));
    expect(screen.getByRole('figure')).toHaveTextContent(
      /NPS \+50 in Week of Jan 19, 2026; too few responses to tell, n = 12\./,
    );
    const points = document.querySelectorAll('[data-part="point"]');
    expect(points).toHaveLength(2);
    for (const point of points) {
      expect(point).toHaveAttribute('data-low-sample', '');
      expect(point.querySelector('rect')).not.toBeNull();
    }
    expect(document.querySelector('[data-part="band"]')).toBeNull();
    expect(screen.getByRole('table', { hidden: true })).toHaveTextContent('No responses yet');
  });

  it('given Finnish › every word and number is Finnish', async () => {
    const user = userEvent.setup();
    render(inLocale('fi', <TrendChart kind="nps" granularity="quarter" points={notSignificant} />));
    expect(screen.getByRole('figure', { name: /NPS ajan mittaan/ })).toHaveTextContent(
      'NPS +40 jaksolla Q2 2026, nousua 10 pistettä jaksosta Q1 2026; ei merkitsevä muutos, n = 120.',
    );
    expect(screen.getByRole('button', { name: 'Näytä taulukkona' })).toBeInTheDocument();
    await tabTo(user, (element) => element.getAttribute('data-part') === 'plot');
    await user.keyboard('{ArrowRight}');
    expect(document.querySelector('[data-part="readout"]')).toHaveTextContent(
      'Q1 2026: +30, 95 %:n luottamusväli +14 … +44, n = 100.',
    );
  });
});

describe('ScoreBreakdown', () => {
  it('given the brief’s Q1 › a diverging bar with a pattern per group, labels, summary and table', async () => {
    const user = userEvent.setup();
    const { container } = render(inLocale('en', <ScoreBreakdown nps={q1} />));
    expect(screen.getByRole('figure')).toHaveTextContent(
      '50% promoters, 30% passives and 20% detractors: NPS +30, n = 100.',
    );
    const segments = container.querySelectorAll('[data-part="segment"]');
    expect([...segments].map((segment) => segment.getAttribute('data-group'))).toEqual([
      'detractors',
      'passives',
      'promoters',
    ]);
    expect(segments[0]?.querySelector('rect')?.getAttribute('fill')).toMatch(/^url\(#palaute-/);
    expect(segments[0]).toHaveTextContent('Detractors 20%');
    await tabTo(user, (element) => element.getAttribute('data-part') === 'plot');
    await user.keyboard('{End}');
    expect(container.querySelector('[data-part="readout"]')).toHaveTextContent(
      'Promoters: 50 responses, 50%.',
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('MetricCard', () => {
  it('given a significant rise › an arrow and the change in words', () => {
    render(
      inLocale(
        'en',
        <MetricCard
          kind="nps"
          figure={{ value: 41, interval: [35, 47], n: 510 }}
          change={{ difference: 12, significant: true, direction: 'up' }}
          comparedWith="Q2 2026"
          target={{ state: 'onTrack', next: { value: 45, by: '2027-12-31' } }}
        />,
      ),
    );
    const card = screen.getByRole('region', { name: 'NPS' });
    expect(card).toHaveAttribute('data-change', 'up');
    expect(card).toHaveTextContent('+41');
    expect(card).toHaveTextContent('95 % interval: +35 to +47');
    expect(card).toHaveTextContent('n = 510');
    expect(card).toHaveTextContent('▲ Up 12 points from Q2 2026');
    expect(card).toHaveTextContent('On track · Next: +45 by Dec 31, 2027');
  });

  it('given a significant change in CSAT, NPS and CES › shares and NPS say "points", a mean stays bare', () => {
    const { unmount } = render(
      inLocale(
        'en',
        <MetricCard
          kind="csat"
          figure={{ value: 82.5, interval: [78, 86], n: 400 }}
          change={{ difference: 17.8, significant: true, direction: 'up' }}
          comparedWith="November 2026"
        />,
      ),
    );
    expect(screen.getByRole('region', { name: 'CSAT' })).toHaveTextContent(
      '▲ Up 17.8 points from November 2026',
    );
    unmount();
    render(
      inLocale(
        'fi',
        <MetricCard
          kind="csat"
          figure={{ value: 82.5, interval: [78, 86], n: 400 }}
          change={{ difference: -1, significant: true, direction: 'down' }}
          comparedWith="marraskuu 2026"
        />,
      ),
    );
    expect(screen.getByRole('region', { name: 'CSAT' })).toHaveTextContent(
      'Laskua 1 prosenttiyksikkö jaksosta marraskuu 2026',
    );
    render(
      inLocale(
        'en',
        <MetricCard
          kind="ces"
          figure={{ value: 5.6, interval: [5.4, 5.8], n: 400 }}
          change={{ difference: 0.4, significant: true, direction: 'up' }}
          comparedWith="Q2 2026"
        />,
      ),
    );
    expect(screen.getByRole('region', { name: 'CES' })).toHaveTextContent('▲ Up 0.4 from Q2 2026');
  });

  it('given a change that is not significant › no arrow, "No significant change"', () => {
    render(
      inLocale(
        'en',
        <MetricCard
          kind="nps"
          figure={{ value: 40, interval: [26, 53], n: 120 }}
          change={{ difference: 10, significant: false, direction: 'none' }}
          comparedWith="Q1 2026"
        />,
      ),
    );
    const card = screen.getByRole('region', { name: 'NPS' });
    expect(card).toHaveAttribute('data-change', 'none');
    expect(card.querySelector('[data-part="arrow"]')).toBeNull();
    expect(card).toHaveTextContent('No significant change from Q1 2026');
  });

  it('given a low sample, even tested "significant" › greyed, "Not enough responses", never an arrow', () => {
    render(
      inLocale(
        'en',
        <MetricCard
          kind="csat"
          figure={{ value: 90, interval: [60, 98], n: 10, lowSample: true }}
          change={{ difference: 30, significant: true, direction: 'up' }}
          comparedWith="Q1 2026"
        />,
      ),
    );
    const card = screen.getByRole('region', { name: 'CSAT' });
    expect(card).toHaveAttribute('data-low-sample', '');
    expect(card).toHaveAttribute('data-change', 'none');
    expect(card).toHaveTextContent('90%');
    expect(card).toHaveTextContent('Not enough responses');
    expect(card.querySelector('[data-part="arrow"]')).toBeNull();
  });
});

describe('TouchpointScorecards', () => {
  it('given touchpoints out of order › lists them by journey stage: before, during, after, other', async () => {
    const { container } = render(
      inLocale('en', <TouchpointScorecards kind="csat" touchpoints={touchpoints(10)} />),
    );
    const stages = [...container.querySelectorAll('[data-part="stage"]')].map((stage) =>
      stage.getAttribute('data-stage'),
    );
    expect(stages).toEqual(['before', 'during', 'after', 'other']);
    expect(screen.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'Before purchase',
      'During purchase',
      'After purchase',
      'Other',
    ]);
    expect(screen.getAllByRole('region', { name: /^Screen/ })).toHaveLength(10);
    expect(await axeViolations(container)).toEqual([]);
  });
});
