import { formatAmount, formatDate, type Invoice, statusLabel } from '../invoices';

/** A table of invoices, newest first. */
export function InvoiceTable({ invoices, caption }: { invoices: Invoice[]; caption: string }) {
  const rows = [...invoices].sort((a, b) => b.number - a.number);
  return (
    <table className="demo-table">
      <caption>{caption}</caption>
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
  );
}
