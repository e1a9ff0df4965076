import type { ImpactNotice as ImpactNoticeData } from '@palaute/engine';
import { type ElementType, useMemo } from 'react';
import { usePartsLocaleTools } from '../i18n/parts';
import { utcDateFormat } from './format';

/** Props of {@link ImpactNotice}. */
export interface ImpactNoticeProps {
  /** The shipped change to tell the customer about. */
  notice: ImpactNoticeData;
  /** The default locale of the notice's texts. @default 'en' */
  defaultLocale?: string | undefined;
  /** The heading element of "What we did". @default 'h4' */
  headingLevel?: 'h3' | 'h4' | 'h5' | undefined;
  /** Replaces the default `palaute-ImpactNotice` class. */
  className?: string | undefined;
}

/**
 * "You said, we did": one change that shipped because of this customer's feedback. Links are http(s)
 * only (the schema refuses others), so a notice from a server can never run script.
 *
 * @selector [data-part="you-said"] [data-part="we-did"] [data-part="details"] [data-part="link"]
 */
export function ImpactNotice({
  notice,
  defaultLocale,
  headingLevel = 'h4',
  className,
}: ImpactNoticeProps) {
  const { t, text, locale } = usePartsLocaleTools();
  const Heading = headingLevel as ElementType;
  const shipped = useMemo(
    () => utcDateFormat(locale)(notice.shippedAt),
    [notice.shippedAt, locale],
  );
  return (
    <article className={className ?? 'palaute-ImpactNotice'} data-part="impact-notice">
      {notice.youSaid ? (
        <p data-part="you-said">
          <span data-part="label">{t('youSaid')}: </span>
          <q>{text(notice.youSaid, defaultLocale)}</q>
        </p>
      ) : null}
      <Heading data-part="we-did">
        <span data-part="label">{t('weDid')}: </span>
        {text(notice.weDid, defaultLocale)}
      </Heading>
      {notice.details ? <p data-part="details">{text(notice.details, defaultLocale)}</p> : null}
      <p data-part="date">
        <time dateTime={notice.shippedAt}>{t('shippedOn', { date: shipped })}</time>
      </p>
      {notice.link && isSafeHref(notice.link.href) ? (
        <a data-part="link" href={notice.link.href} rel="noopener noreferrer">
          {text(notice.link.label, defaultLocale)}
        </a>
      ) : null}
    </article>
  );
}

/** Defence in depth: notices built by hand (not parsed) may still carry a bad URL. */
function isSafeHref(href: string): boolean {
  return /^https?:\/\//i.test(href);
}
