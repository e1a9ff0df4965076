import type { ContactHistory } from '../journey/journey.schema';
import type {
  DeliveryItem,
  DeliveryResult,
  Dismissal,
  Display,
  FeedbackResponse,
  FollowUpAnswer,
  ImpactNotice,
  ImpactQuery,
  SubmitReceipt,
} from './backend.schema';

/**
 * What the engine needs from a backend. Implement it to use your own API, or use
 * {@link createMemoryBackend} for stories, tests and demos. Every method may reject; the flow keeps the
 * customer's answers and offers a retry.
 *
 * Submitting is idempotent by `response.id`: a second call with the same id must not store a second
 * response, and should resolve with the first receipt.
 */
export interface BackendPort {
  /** Stores a response. */
  submitResponse(response: FeedbackResponse): Promise<SubmitReceipt>;
  /** Adds a follow-up answer to the response it follows. Idempotent by `responseId` + `followUpId`. */
  submitFollowUp(answer: FollowUpAnswer): Promise<void>;
  /** Records that a survey was shown. */
  recordDisplay(display: Display): Promise<void>;
  /** Records that the customer dismissed a survey or asked to be asked later. */
  recordDismissal(dismissal: Dismissal): Promise<void>;
  /** Lists the shipped changes this customer's feedback led to and has not seen yet. */
  listImpact(query: ImpactQuery): Promise<ImpactNotice[]>;
  /**
   * Optional: delivers several writes in one call (the outbox batches when it is present). Resolves
   * with one result per item it handled, matched by {@link deliveryKey}; rejects (e.g. offline, 5xx)
   * when none was handled, and every item is tried again later.
   */
  deliver?(items: DeliveryItem[]): Promise<DeliveryResult[]>;
  /**
   * Optional: what the backend knows of one customer's contacts across devices (surveys shown and
   * their outcomes, team replies, impact notices, opt-out), for the contact policy of
   * `createPalaute`. Without it, the policy sees this device's contacts only.
   */
  getContactHistory?(query: ContactHistoryQuery): Promise<ContactHistory>;
}

/** Whose contact history to read. */
export interface ContactHistoryQuery {
  customerId: string;
}
