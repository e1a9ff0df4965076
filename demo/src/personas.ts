/**
 * Who can sign in to the demo. Shared by the demo server (which signs the customers' ids) and the
 * browser (which shows the switch); nothing secret lives here.
 */

/** A customer of Laskutin. */
export interface CustomerPersona {
  kind: 'customer';
  /** The `?as=` value. */
  key: string;
  /** The customer id Palaute stores. */
  customerId: string;
  name: string;
  company: string;
  plan: 'starter' | 'pro';
  /** Days since sign-up: the dashboard NPS waits until a customer has used Laskutin for 30 days. */
  daysSinceSignUp: number;
}

/** A member of Laskutin's customer team. */
export interface TeamPersona {
  kind: 'team';
  key: string;
  /** The member id the team token stands for. */
  memberId: string;
  name: string;
}

export type Persona = CustomerPersona | TeamPersona;

export const personas: readonly Persona[] = [
  {
    kind: 'customer',
    key: 'anna',
    customerId: 'anna-korhonen',
    name: 'Anna Korhonen',
    company: 'Korhonen Studio',
    plan: 'pro',
    daysSinceSignUp: 240,
  },
  {
    kind: 'customer',
    key: 'ben',
    customerId: 'ben-ito',
    name: 'Ben Ito',
    company: 'Ito Bakery',
    plan: 'starter',
    daysSinceSignUp: 3,
  },
  { kind: 'team', key: 'team', memberId: 'sofia', name: 'Sofia from Laskutin' },
];

/** The persona for an `?as=` value, or `undefined`. */
export function findPersona(key: string | null | undefined): Persona | undefined {
  return personas.find((persona) => persona.key === key);
}
