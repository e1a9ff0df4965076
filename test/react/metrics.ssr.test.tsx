import { CxDashboard, fi, PalauteProvider, ScoreBreakdown, TrendChart } from '@palaute/react';
import { renderToString } from 'react-dom/server';
import { yearQuery } from '../fixtures/cxReport';
import { q1, significantRise } from '../fixtures/metrics';

describe('server rendering of the metrics components', () => {
  it('given TrendChart › renders the figure, caption, summary, the whole SVG and the table, with no inline style', () => {
    const html = renderToString(
      <PalauteProvider locales={{ fi }} backend={undefined} outbox={false} locale="fi">
        <TrendChart kind="nps" granularity="month" points={significantRise} />
      </PalauteProvider>,
    );
    expect(html).toMatch(/^<figure class="palaute-TrendChart"/);
    expect(html).toContain('<figcaption');
    expect(html).toContain('NPS +41 jaksolla joulukuu 2026');
    expect(html).toMatch(/<svg role="img"[^>]*viewBox="0 0 640 260"/);
    expect(html).toContain('data-part="line"');
    expect(html).toContain('data-part="band"');
    expect(html).toContain('data-part="target"');
    expect(html.match(/data-part="point"/g)).toHaveLength(12);
    expect(html).toMatch(/<div id="[^"]+" hidden="" data-part="table"><table>/);
    expect(html.match(/<tr/g)).toHaveLength(13);
    expect(html).toContain('Näytä taulukkona');
    expect(html).not.toContain('style=');
    expect(html).not.toContain('<style');
  });

  it('given ScoreBreakdown › renders its patterns, segments and table', () => {
    const html = renderToString(<ScoreBreakdown nps={q1} />);
    expect(html).toContain('<pattern id="palaute-');
    expect(html.match(/data-part="segment"/g)).toHaveLength(3);
    expect(html).toContain('<table>');
    expect(html).not.toContain('style=');
  });

  it('given CxDashboard › renders its heading and the loading state (the report loads in the browser)', () => {
    const html = renderToString(
      <PalauteProvider locales={{ fi }} backend={undefined} outbox={false}>
        <CxDashboard team={{ cxReport: () => new Promise(() => {}) }} query={yearQuery} />
      </PalauteProvider>,
    );
    expect(html).toContain('class="palaute-CxDashboard"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('Loading the figures…');
    expect(html).not.toContain('style=');
  });
});
