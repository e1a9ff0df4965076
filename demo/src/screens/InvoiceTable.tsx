import { useId } from 'react';
import { formatAmount, formatDate, type Invoice, statusLabel } from '../invoices';

/**
 * A table of invoices, newest first, in a container that scrolls it sideways on a narrow screen (a
 * named, focusable region, so it can be scrolled with the keyboard too) instead of widening the page.
 */
export function InvoiceTable({ invoices, caption }: { invoices: Invoice[]; caption: string }) {
  const rows = [...invoices].sort((a, b) => b.number - a.number);
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section className="demo-table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="demo-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Client</th>
            <th scope="col">Issued</th>
            <th scope="col">Due</th>
            <th scope="col" className="demo-table__amount">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((invoice) => (
            <tr key={invoice.number}>
              <th scope="row">#{invoice.number}</th>
              <td>{invoice.client}</td>
              <td>{formatDate(invoice.issuedOn)}</td>
              <td>{formatDate(invoice.dueOn)}</td>
              <td className="demo-table__amount">{formatAmount(invoice.amount)}</td>
              <td>
                <span className="demo-status" data-status={invoice.status}>
                  {statusLabel[invoice.status]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
