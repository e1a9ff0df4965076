import { useTouchpoint } from '@palaute/react';
import { formatAmount, useInvoices } from '../invoices';
import type { CustomerPersona } from '../personas';
import { useScreenHeading } from '../useScreen';
import { InvoiceTable } from './InvoiceTable';

/** The customer's overview; being here is the relational NPS touchpoint. */
export function Dashboard({ customer }: { customer: CustomerPersona }) {
  useTouchpoint('dashboard');
  const heading = useScreenHeading();
  const { invoices } = useInvoices(customer);
  const total = (status: string) =>
    invoices
      .filter((invoice) => invoice.status === status)
      .reduce((sum, invoice) => sum + invoice.amount, 0);
  return (
    <>
      <h1 {...heading}>Welcome back, {customer.name.split(' ')[0]}</h1>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title" className="demo-visually-hidden">
          Summary
        </h2>
        <dl className="demo-cards">
          <div className="demo-card">
            <dt>Waiting for payment</dt>
            <dd>{formatAmount(total('sent'))}</dd>
          </div>
          <div className="demo-card" data-tone={total('overdue') > 0 ? 'warning' : undefined}>
            <dt>Overdue</dt>
            <dd>{formatAmount(total('overdue'))}</dd>
          </div>
          <div className="demo-card">
            <dt>Paid</dt>
            <dd>{formatAmount(total('paid'))}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">Recent invoices</h2>
        {invoices.length > 0 ? (
          <InvoiceTable invoices={invoices.slice(-5)} caption="Your five latest invoices" />
        ) : (
          <p className="demo-empty">
            No invoices yet. Send your first one from <a href="#invoices">Invoices</a>.
          </p>
        )}
      </section>
    </>
  );
}
