import { Announcer, useAnnouncer } from '@palaute/react';
import { act, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { renderToString } from 'react-dom/server';
import { axeViolations } from './axe';

function Saver({ politeness }: { politeness?: 'polite' | 'assertive' }) {
  const announcer = useAnnouncer();
  return (
    <main>
      <button type="button" onClick={() => announcer.announce('Saved.')}>
        Save
      </button>
      <button type="button" onClick={announcer.clear}>
        Clear
      </button>
      <Announcer message={announcer.message} {...(politeness ? { politeness } : {})} />
    </main>
  );
}

describe('Announcer and useAnnouncer, the one live region', () => {
  it('given nothing said › a polite, atomic status region is on the page, empty, hidden by its class and axe clean', async () => {
    const { container } = render(<Saver />);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveAttribute('aria-atomic', 'true');
    expect(region).toHaveAttribute('data-part', 'announcer');
    expect(region).toHaveClass('palaute-Announcer');
    expect(region).toBeEmptyDOMElement();
    expect(await axeViolations(container)).toEqual([]);
  });

  it('given the same words said twice › the region’s text changes each time, so both are heard', () => {
    render(<Saver />);
    const region = screen.getByRole('status');
    const save = screen.getByRole('button', { name: 'Save' });
    act(() => save.click());
    const first = region.textContent;
    expect(first?.trim()).toBe('Saved.');
    act(() => save.click());
    expect(region.textContent?.trim()).toBe('Saved.');
    expect(region.textContent).not.toBe(first);
    act(() => save.click());
    expect(region.textContent).toBe(first);
    act(() => screen.getByRole('button', { name: 'Clear' }).click());
    expect(region).toBeEmptyDOMElement();
  });

  it('given politeness="assertive" › an alert that interrupts', () => {
    render(<Saver politeness="assertive" />);
    const region = screen.getByRole('alert');
    expect(region).toHaveAttribute('aria-live', 'assertive');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('given no stylesheet › it is kept out of sight through the CSSOM once mounted', () => {
    render(<Saver />);
    const region = screen.getByRole('status');
    expect(region.style.position).toBe('absolute');
    expect(region.style.width).toBe('1px');
    expect(region.style.overflow).toBe('hidden');
  });

  it('given the stylesheet’s rule › it leaves the element’s style alone', () => {
    const sheet = document.createElement('style');
    sheet.textContent = '.palaute-Announcer { position: absolute; }';
    document.head.append(sheet);
    try {
      render(<Saver />);
      expect(screen.getByRole('status').getAttribute('style')).toBeNull();
    } finally {
      sheet.remove();
    }
  });

  it('given a host ref and DOM props › the ref gets the region and the props are spread', () => {
    const ref = createRef<HTMLDivElement>();
    render(<Announcer ref={ref} message="Hello" id="news" lang="en" />);
    expect(ref.current).toBe(screen.getByRole('status'));
    expect(ref.current).toHaveAttribute('id', 'news');
    expect(ref.current).toHaveTextContent('Hello');
  });

  it('given server rendering › the region is in the markup, empty, with no style attribute', () => {
    const html = renderToString(<Saver />);
    expect(html).toMatch(/<div[^>]*role="status"[^>]*class="palaute-Announcer"[^>]*><\/div>/);
    expect(html).not.toContain('style=');
  });
});
