import { useCallback, useState } from 'react';
import type { CustomerPersona } from './personas';

/** One invoice in Laskutin. */
export interface Invoice {
  number: number;
  client: string;
  /** In cents. */
  amount: number;
  issuedOn: string;
  dueOn: string;
  status: 'sent' | 'paid' | 'overdue';
}

/** An established customer's history, so the dashboard has something to show. */
const seeded: Invoice[] = [
  {
    number: 1041,
    client: 'Meriranta Oy',
    amount: 248000,
    issuedOn: '2026-10-02',
    dueOn: '2026-10-16',
    status: 'paid',
  },
  {
    number: 1042,
    client: 'Kallio Architects',
    amount: 96000,
    issuedOn: '2026-10-20',
    dueOn: '2026-11-03',
    status: 'overdue',
  },
  {
    number: 1043,
    client: 'Meriranta Oy',
    amount: 312050,
    issuedOn: '2026-11-05',
    dueOn: '2026-11-19',
    status: 'paid',
  },
  {
    number: 1044,
    client: 'Puisto Café',
    amount: 54000,
    issuedOn: '2026-11-18',
    dueOn: '2026-12-02',
    status: 'sent',
  },
];

const storageKey = (customerId: string) => `laskutin:invoices:${customerId}`;

function load(customer: CustomerPersona): Invoice[] {
  const stored = window.localStorage.getItem(storageKey(customer.customerId));
  if (stored) {
    try {
      return JSON.parse(stored) as Invoice[];
    } catch {
      // A damaged entry: start again from the seed.
    }
  }
  // New customers start with an empty ledger; their first invoice is the CES touchpoint.
  return customer.daysSinceSignUp > 30 ? seeded : [];
}

/** The customer's invoices (kept in this browser), and a way to send a new one. */
export function useInvoices(customer: CustomerPersona) {
  const [invoices, setInvoices] = useState(() => load(customer));
  const send = useCallback(
    (draft: Pick<Invoice, 'client' | 'amount' | 'dueOn'>): Invoice => {
      const number = Math.max(1000, ...invoices.map((invoice) => invoice.number)) + 1;
      const invoice: Invoice = {
        ...draft,
        number,
        issuedOn: new Date().toISOString().slice(0, 10),
        status: 'sent',
      };
      const next = [...invoices, invoice];
      window.localStorage.setItem(storageKey(customer.customerId), JSON.stringify(next));
      setInvoices(next);
      return invoice;
    },
    [customer, invoices],
  );
  return { invoices, send };
}

const euros = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' });

/** `12,400.00 €`-style amounts. */
export const formatAmount = (cents: number) => euros.format(cents / 100);

const dates = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** `18 Nov 2026`. */
export const formatDate = (isoDate: string) => dates.format(new Date(`${isoDate}T12:00:00Z`));

export const statusLabel: Record<Invoice['status'], string> = {
  sent: 'Sent',
  paid: 'Paid',
  overdue: 'Overdue',
};
