import { useLocaleTools } from '../../provider/PalauteProvider';

/** Props of {@link Progress}. */
export interface ProgressProps {
  /** The current question's 1-based position. */
  current: number;
  /** The number of questions on the route ahead. */
  total: number;
  /** Replaces the default `palaute-Progress` class. */
  className?: string | undefined;
}

/**
 * Shows where the customer is: "Question 2 of 4" and a progress bar.
 *
 * @selector [data-part="bar"] the native progress element
 * @selector [data-part="label"] the visible "Question 2 of 4"
 */
export function Progress({ current, total, className }: ProgressProps) {
  const { t } = useLocaleTools();
  const label = t('progress', { current, total });
  return (
    <div className={className ?? 'palaute-Progress'} data-part="progress">
      <progress data-part="bar" value={Math.max(0, current - 1)} max={total} aria-label={label} />
      <span data-part="label" aria-hidden="true">
        {label}
      </span>
    </div>
  );
}
