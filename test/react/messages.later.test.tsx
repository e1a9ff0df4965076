import { defineSurvey } from '@palaute/engine';
import {
  en,
  FeedbackDialog,
  fi,
  type MessageOverrides,
  useLocaleTools,
  usePalaute,
} from '@palaute/react';
import { render, renderHook, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OptOutConfirm } from '../../packages/react/src/flow/parts/OptOut';
import { enFirst } from '../../packages/react/src/i18n/en.first';
import { enLater } from '../../packages/react/src/i18n/en.later';
import { resolveFirstMessages } from '../../packages/react/src/i18n/messages';
import { Host } from './localeHost';

// The provider builds in only the English a page needs before the dialog can show (`enFirst`); the
// strings of the parts loaded later (`flow-parts.js`) and of the components beside the dialog
// travel with them (`enLater`). A registered catalogue and the host's overrides still win.

const survey = defineSurvey({
  id: 'nps-then-topics',
  touchpointId: 'dashboard',
  title: 'A quick question',
  questions: [
    { id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' },
    {
      id: 'topics',
      type: 'multiple',
      title: 'What should we improve?',
      options: [
        { id: 'speed', label: 'Speed' },
        { id: 'price', label: 'Price' },
        { id: 'docs', label: 'Documentation' },
      ],
      maxSelected: 2,
      other: true,
      required: false,
    },
  ],
});

/** Opens the dialog, answers the NPS question and goes on to the choice question (a lazy part). */
async function openChoice(props: { locale?: string; messages?: MessageOverrides } = {}) {
  const user = userEvent.setup();
  render(
    <Host {...props}>
      <FeedbackDialog survey={survey} trigger={<button type="button">Feedback</button>} />
    </Host>,
  );
  await user.click(screen.getByRole('button', { name: 'Feedback' }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByRole('radio', { name: /^9/ }));
  const next = props.locale === 'fi' ? fi.next : en.next;
  await user.click(within(dialog).getByRole('button', { name: next }));
  await within(dialog).findByRole('group', { name: /What should we improve/ });
  return { user, dialog };
}

describe('the English the provider does not build in', () => {
  it('is every key the provider leaves out, once: en is enFirst and enLater, and fi has every key', () => {
    const first = Object.keys(enFirst);
    const later = Object.keys(enLater);
    expect(first.filter((key) => later.includes(key))).toEqual([]);
    expect([...first, ...later].sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(fi).sort()).toEqual(Object.keys(en).sort());
    for (const key of later)
      expect(en[key as keyof typeof en]).toBe(enLater[key as keyof typeof enLater]);
  });

  it('given English › the provider holds none of it; given Finnish registered › every key', () => {
    const provided = resolveFirstMessages('en');
    for (const key of Object.keys(enLater)) expect(provided).not.toHaveProperty(key);
    expect(resolveFirstMessages('fi', undefined, { fi })).toEqual(fi);
    expect(resolveFirstMessages('en', { optOutUndo: 'Take back' }).optOutUndo).toBe('Take back');
  });
});

// Opening the dialog and loading its parts takes seconds on a loaded machine.
describe('the dialog’s parts loaded later › their strings', { timeout: 30_000 }, () => {
  it('given English › the choice question shows its hint, "Other" and its field’s label in English', async () => {
    const { user, dialog } = await openChoice();
    expect(within(dialog).getByText('Choose up to 2.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: en.other }));
    expect(within(dialog).getByRole('textbox', { name: en.otherLabel })).toBeInTheDocument();
  });

  it('given Finnish registered (locales={{ fi }}) › they are Finnish', async () => {
    const { user, dialog } = await openChoice({ locale: 'fi' });
    expect(within(dialog).getByText('Valitse enintään 2.')).toBeInTheDocument();
    expect(within(dialog).queryByText('Choose up to 2.')).toBeNull();
    await user.click(within(dialog).getByRole('checkbox', { name: fi.other }));
    expect(within(dialog).getByRole('textbox', { name: fi.otherLabel })).toBeInTheDocument();
  });

  it('given the host’s overrides of them › the overrides win', async () => {
    const { user, dialog } = await openChoice({
      messages: { other: 'Something else', choiceHint: 'Pick {max} at most.' },
    });
    expect(within(dialog).getByText('Pick 2 at most.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Something else' }));
    expect(within(dialog).getByRole('textbox', { name: en.otherLabel })).toBeInTheDocument();
  });

  it('given a Finnish override keyed by locale › it wins over the registered Finnish', async () => {
    const { dialog } = await openChoice({
      locale: 'fi',
      messages: { fi: { choiceHint: 'Enintään {max}.' } },
    });
    expect(within(dialog).getByText('Enintään 2.')).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox', { name: fi.other })).toBeInTheDocument();
  });

  it('given "Don\'t ask me again" (a part loaded later) › its confirmation is in English, in Finnish, and overridden', () => {
    for (const [locale, messages, group, confirm] of [
      ['en', undefined, en.optOutQuestion, en.optOutConfirm],
      ['fi', undefined, fi.optOutQuestion, fi.optOutConfirm],
      ['en', { optOutConfirm: 'Yes, stop' }, en.optOutQuestion, 'Yes, stop'],
      ['fi', { fi: { optOutQuestion: 'Älä kysy' } }, 'Älä kysy', fi.optOutConfirm],
    ] as const) {
      const view = render(
        <Host locale={locale} messages={messages}>
          <OptOutConfirm onConfirm={() => {}} onCancel={() => {}} />
        </Host>,
      );
      const scope = screen.getByRole('group', { name: group });
      expect(within(scope).getByRole('button', { name: confirm })).toBeInTheDocument();
      view.unmount();
    }
  });
});

describe('useLocaleTools and usePalaute › every string, as before', () => {
  it('given English, Finnish and an override › a later key reads as each', () => {
    const read = (props: { locale?: string; messages?: MessageOverrides }) =>
      renderHook(
        () => {
          const tools = useLocaleTools();
          return [tools.t('optOutUndo'), tools.messages.shippedOn, usePalaute().messages.weDid];
        },
        { wrapper: ({ children }) => <Host {...props}>{children}</Host> },
      ).result.current;
    expect(read({})).toEqual([en.optOutUndo, en.shippedOn, en.weDid]);
    expect(read({ locale: 'fi' })).toEqual([fi.optOutUndo, fi.shippedOn, fi.weDid]);
    expect(read({ messages: { optOutUndo: 'Take back', weDid: 'Done by us' } })).toEqual([
      'Take back',
      en.shippedOn,
      'Done by us',
    ]);
    expect(read({ locale: 'fi', messages: { fi: { shippedOn: 'Valmis {date}' } } })).toEqual([
      fi.optOutUndo,
      'Valmis {date}',
      fi.weDid,
    ]);
    // Outside a provider: English, every key.
    const outside = renderHook(() => [useLocaleTools().messages, usePalaute().messages]).result
      .current;
    expect(outside).toEqual([en, en]);
  });
});
