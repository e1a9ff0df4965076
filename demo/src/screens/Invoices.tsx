import { usePalauteClient } from '@palaute/react';
import { type FormEvent, useId, useState } from 'react';
import { formatAmount, useInvoices } from '../invoices';
import type { CustomerPersona } from '../personas';
import { useScreenHeading } from '../useScreen';
import { InvoiceTable } from './InvoiceTable';

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

/** The invoice list and the "new invoice" form; the first invoice sent is the CES touchpoint. */
export function Invoices({ customer }: { customer: CustomerPersona }) {
  const heading = useScreenHeading();
  const palaute = usePalauteClient();
  const { invoices, send } = useInvoices(customer);
  const [client, setClient] = useState('');
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState(inTwoWeeks);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState('');
  const ids = { client: useId(), amount: useId(), due: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = Math.round(Number(amount.replace(',', '.')) * 100);
    if (!client.trim()) return setError('Please name the client you are invoicing.');
    if (!Number.isFinite(cents) || cents <= 0)
      return setError('Please give the amount in euros, for example 120.50.');
    setError(null);
    const first = invoices.length === 0;
    const invoice = send({ client: client.trim(), amount: cents, dueOn });
    setSent(`Invoice #${invoice.number} for ${formatAmount(cents)} sent to ${invoice.client}.`);
    setClient('');
    setAmount('');
    // The host tells Palaute what happened; the journey decides whether that is worth a question.
    palaute?.track('invoice.sent', { first });
  };

  return (
    <>
      <h1 {...heading}>Invoices</h1>
      <section aria-labelledby="new-invoice-title" className="demo-panel">
        <h2 id="new-invoice-title">New invoice</h2>
        <form className="demo-form" onSubmit={submit} noValidate>
          <div className="demo-field">
            <label htmlFor={ids.client}>Client</label>
            <input
              id={ids.client}
              value={client}
              autoComplete="organization"
              onChange={(event) => setClient(event.target.value)}
              aria-describedby={error ? ids.error : undefined}
            />
          </div>
          <div className="demo-field">
            <label htmlFor={ids.amount}>Amount (€)</label>
            <input
              id={ids.amount}
              value={amount}
              inputMode="decimal"
              onChange={(event) => setAmount(event.target.value)}
              aria-describedby={error ? ids.error : undefined}
            />
          </div>
          <div className="demo-field">
            <label htmlFor={ids.due}>Due date</label>
            <input
              id={ids.due}
              type="date"
              value={dueOn}
              onChange={(event) => setDueOn(event.target.value)}
            />
          </div>
          <button type="submit" className="demo-button" data-variant="primary">
            Send invoice
          </button>
          {error ? (
            <p id={ids.error} role="alert" className="demo-error">
              {error}
            </p>
          ) : null}
        </form>
        <p role="status" className="demo-note">
          {sent}
        </p>
      </section>
      <section aria-labelledby="all-invoices-title">
        <h2 id="all-invoices-title">All invoices</h2>
        {invoices.length > 0 ? (
          <InvoiceTable invoices={invoices} caption="Every invoice you have sent" />
        ) : (
          <p className="demo-empty">You have not sent any invoices yet.</p>
        )}
      </section>
    </>
  );
}
