import { createMemoryBackend } from '@palaute/engine';
import { PalauteProvider, useFeedbackFlow } from '@palaute/react';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { npsSurvey } from '../fixtures/surveys';

describe('useFeedbackFlow', () => {
  it('given a host rendering its own UI › the hook exposes the step, the question and intent methods', async () => {
    const backend = createMemoryBackend();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PalauteProvider backend={backend} customer={{ id: 'c-9' }} locale="en">
        {children}
      </PalauteProvider>
    );
    const { result } = renderHook(() => useFeedbackFlow({ survey: npsSurvey }), { wrapper });
    expect(result.current.step).toBe('asking');
    const first = result.current.question;
    expect(first?.type).toBe('nps');

    act(() => result.current.next());
    expect(result.current.errors[first?.id ?? '']).toEqual({ code: 'required' });

    act(() => result.current.answer(first?.id ?? '', 10));
    act(() => result.current.next());
    // The fixture's promoter branch goes straight to the end, so this submits.
    await waitFor(() => expect(result.current.step).toBe('acknowledging'));
    expect(result.current.segment).toBe('promoter');
    await waitFor(() => expect(backend.responses()).toHaveLength(1));
    expect(backend.responses()[0]).toMatchObject({
      customerId: 'c-9',
      locale: 'en',
      surveyId: npsSurvey.id,
    });
  });

  it('given no provider and no backend › fails with a message saying what to do', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    // React 18 also rethrows the render error inside a DOM event, which jsdom reports as uncaught
    // unless the page handles it; this page expects exactly that error.
    const expected = (event: ErrorEvent) => {
      if (/PalauteProvider/.test(String(event.error?.message))) event.preventDefault();
    };
    window.addEventListener('error', expected);
    try {
      expect(() => renderHook(() => useFeedbackFlow({ survey: npsSurvey }))).toThrow(
        /PalauteProvider/,
      );
    } finally {
      window.removeEventListener('error', expected);
      spy.mockRestore();
    }
  });
});
