import type { DeliveryItem } from '../records/records.schema';

/** The writes the protocol handler parsed with the protocol's schemas and passed on unchanged. */
const checked = new WeakSet<DeliveryItem>();

/**
 * A write whose payload the protocol's schema has parsed, as the protocol handler passes it on
 * unchanged (no redaction, no owner set): a backend may take it without parsing it again. It is
 * only ever the handler's own object, frozen with its payload (a write rebuilt, copied or given by
 * a host is not one), so a backend that is called directly still validates what it is given.
 */
export type CheckedDelivery = DeliveryItem & { readonly __checkedByProtocol: true };

/**
 * Marks the handler's own parsed write as checked and freezes it and its payload, so the payload
 * checked is the one passed on. Engine-internal: only the protocol handler calls it, right after
 * its schema's parse.
 */
export function markChecked(item: DeliveryItem): CheckedDelivery {
  Object.freeze(item.payload);
  checked.add(Object.freeze(item));
  return item as CheckedDelivery;
}

/**
 * Whether a write is one the protocol handler parsed with the protocol's schemas and passed on
 * unchanged ({@link CheckedDelivery}): a backend may skip parsing its payload again.
 */
export function isCheckedDelivery(item: DeliveryItem): item is CheckedDelivery {
  return checked.has(item);
}
