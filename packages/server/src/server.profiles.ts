import {
  type CustomerProfile,
  customerProfileSchema,
  type FeedbackItem,
  type TeamPort,
} from '@palaute/engine';
import * as z from 'zod/mini';

/**
 * The host's resolver of who a customer is (display name, company), from its own user records:
 * the server's `customerProfile` option. `undefined` when it does not know the customer.
 */
export type CustomerProfileResolver = (
  customerId: string,
) => CustomerProfile | undefined | Promise<CustomerProfile | undefined>;

/**
 * The team port with every item it answers carrying its customer's profile, resolved by the host
 * as the team reads: once per customer per call (a page of 50 items from 3 customers asks 3
 * times, together), never stored. Only team routes use it, so a profile never reaches a customer.
 * A resolver that fails or answers something malformed costs only that profile: the item shows
 * the customer's id.
 */
export function withCustomerProfiles(team: TeamPort, resolve: CustomerProfileResolver): TeamPort {
  /** One request's profiles: each customer asked once, the answers shared by its items. */
  const session = () => {
    const cache = new Map<string, Promise<CustomerProfile | undefined>>();
    const profileOf = (customerId: string) => {
      let known = cache.get(customerId);
      if (!known) {
        known = Promise.resolve()
          .then(() => resolve(customerId))
          .then((profile) => {
            const parsed = z.safeParse(customerProfileSchema, profile);
            return parsed.success && (parsed.data.name || parsed.data.company)
              ? parsed.data
              : undefined;
          })
          .catch(() => undefined);
        cache.set(customerId, known);
      }
      return known;
    };
    return async (item: FeedbackItem): Promise<FeedbackItem> => {
      const { profile: _stale, ...rest } = item;
      const profile = await profileOf(item.customerId);
      return profile ? { ...rest, profile } : rest;
    };
  };
  const one = async (item: Promise<FeedbackItem>) => session()(await item);
  return {
    ...team,
    async listFeedback(query) {
      const page = await team.listFeedback(query);
      const decorate = session();
      return { ...page, items: await Promise.all(page.items.map(decorate)) };
    },
    getFeedback: (id) => one(team.getFeedback(id)),
    act: (id, action, by) => one(team.act(id, action, by)),
    ...(team.actMany
      ? {
          actMany: async (bulk, by) => {
            const verdicts = await (team.actMany as NonNullable<TeamPort['actMany']>)(bulk, by);
            const decorate = session();
            return Promise.all(
              verdicts.map(async (verdict) =>
                verdict.outcome === 'done'
                  ? { ...verdict, item: await decorate(verdict.item) }
                  : verdict,
              ),
            );
          },
        }
      : {}),
  };
}
