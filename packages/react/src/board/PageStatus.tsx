import type { BoardPageApi, Category } from '@palaute/engine';
import type { RefObject } from 'react';
import { useBoardMessages } from './board.messages';

/**
 * A board page's read in words: `failed` (what could not be loaded) with "Try again" when it
 * failed, `loading` until the first read lands (what is shown stays while it is read again).
 */
export function PageStatus({
  page,
  failed,
  loading,
}: {
  page: BoardPageApi<unknown>;
  failed: string;
  loading: string;
}) {
  if (page.state === 'failed')
    return (
      <p role="alert">
        {failed} <RetryButton onRetry={page.retry} />
      </p>
    );
  return page.value === undefined ? <p role="status">{loading}</p> : null;
}

/**
 * "Try again" for a read that failed, which goes away with the failure: before it reads again it
 * puts focus on `anchor`, or else on the heading of the section it is in (made focusable with
 * `tabIndex={-1}` when it is not), so a keyboard user keeps their place instead of landing on the
 * document.
 */
export function RetryButton({
  onRetry,
  anchor,
}: {
  onRetry: () => void;
  anchor?: RefObject<HTMLElement | null> | undefined;
}) {
  const { t } = useBoardMessages();
  return (
    <button
      type="button"
      onClick={(event) => {
        const target = anchor?.current ?? headingOf(event.currentTarget);
        if (target) {
          if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
          target.focus();
        }
        onRetry();
      }}
    >
      {t('boardRetry')}
    </button>
  );
}

/** The heading that names the section `element` is in (its `aria-labelledby`). */
function headingOf(element: HTMLElement): HTMLElement | null {
  const section = element.closest<HTMLElement>('section[aria-labelledby]');
  const id = section?.getAttribute('aria-labelledby');
  return id ? (section?.querySelector<HTMLElement>(`[id="${id}"]`) ?? null) : null;
}

/**
 * One labelled select of the board (`[value, text]` options): its label and control in one
 * `data-part="field"`, kept together when the toolbar wraps.
 */
export function Choice({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [value: string, text: string])[];
  onChange(value: string): void;
}) {
  return (
    <div data-part="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The board's categories as a labelled select ({@link Choice}): `none` names the empty choice (all
 * categories in a filter, none for an idea), which `onChange` gives as `undefined`.
 */
export function CategoryChoice({
  id,
  label,
  none,
  categories,
  value,
  onChange,
}: {
  id: string;
  label: string;
  none: string;
  categories: readonly Category[];
  value: string | undefined;
  onChange(categoryId: string | undefined): void;
}) {
  return (
    <Choice
      id={id}
      label={label}
      value={value ?? ''}
      options={[['', none], ...categories.map(({ id, name }) => [id, name] as const)]}
      onChange={(chosen) => onChange(chosen || undefined)}
    />
  );
}
