/** One webhook to send: the event is fixed when the job ends, and the same bytes go out on every attempt. */
export interface Delivery {
  /** The Standard Webhooks message id (`webhook-id`), the same on every attempt, for receivers to deduplicate. */
  readonly id: string;
  readonly jobId: string;
  readonly url: string;
  /** The event's JSON. */
  readonly payload: string;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When the next attempt is due, in epoch milliseconds. */
  readonly nextAt: number;
  readonly createdAt: number;
}

/**
 * Where webhooks wait to be sent, in the job store: this gateway's memory,
 * or the Redis that every gateway shares, so that a delivery outlives the
 * gateway that queued it and any gateway may send it. A claimed delivery is
 * leased: it comes due again when the lease ends, so a gateway that dies
 * mid-attempt loses nothing (and a receiver may see an attempt twice).
 */
export interface DeliveryQueue {
  enqueue(delivery: Delivery): Promise<void>;
  /** Up to `max` deliveries due at `now`, each leased until `now + leaseMs`. */
  claim(now: number, leaseMs: number, max: number): Promise<Delivery[]>;
  /** Done with a delivery: delivered, refused for good, or out of attempts. */
  finish(id: string): Promise<void>;
  /** Puts a delivery back with its new attempt count and time. */
  reschedule(delivery: Delivery): Promise<void>;
  /** Deliveries waiting, for the metrics. */
  pending(): Promise<number>;
}

export class MemoryDeliveryQueue implements DeliveryQueue {
  readonly #deliveries = new Map<string, { delivery: Delivery; dueAt: number }>();

  async enqueue(delivery: Delivery): Promise<void> {
    this.#deliveries.set(delivery.id, { delivery, dueAt: delivery.nextAt });
  }

  async claim(now: number, leaseMs: number, max: number): Promise<Delivery[]> {
    const claimed: Delivery[] = [];
    for (const entry of this.#deliveries.values()) {
      if (claimed.length >= max) break;
      if (entry.dueAt > now) continue;
      entry.dueAt = now + leaseMs;
      claimed.push(entry.delivery);
    }
    return claimed;
  }

  async finish(id: string): Promise<void> {
    this.#deliveries.delete(id);
  }

  async reschedule(delivery: Delivery): Promise<void> {
    this.#deliveries.set(delivery.id, { delivery, dueAt: delivery.nextAt });
  }

  async pending(): Promise<number> {
    return this.#deliveries.size;
  }
}
