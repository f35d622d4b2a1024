import type { Redis } from "ioredis";

import type { Delivery, DeliveryQueue } from "./delivery-queue.js";

/**
 * Keys, under the job store's prefix:
 * - `webhooks`: sorted set of delivery ids by when each is next due (or its lease ends);
 * - `webhook:{id}`: the delivery as JSON, expiring some time after its last possible attempt.
 */
const PREFIX = "pixelrpc:";
const DUE = `${PREFIX}webhooks`;
const deliveryKey = (id: string): string => `${PREFIX}webhook:${id}`;

/** Takes the due ids and moves each to the end of its lease in one step, so that two gateways never claim the same delivery. */
const CLAIM = `local ids = redis.call("zrangebyscore", KEYS[1], "-inf", ARGV[1], "LIMIT", 0, tonumber(ARGV[3]))
local claimed = {}
for _, id in ipairs(ids) do
  local delivery = redis.call("get", ARGV[4] .. id)
  if delivery then
    redis.call("zadd", KEYS[1], ARGV[2], id)
    table.insert(claimed, delivery)
  else
    redis.call("zrem", KEYS[1], id)
  end
end
return claimed`;

export class RedisDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly redis: Redis,
    /** How long a delivery's record outlives its queuing: longer than every attempt can take. */
    private readonly keepMs: number,
  ) {}

  async enqueue(delivery: Delivery): Promise<void> {
    await this.redis.multi().set(deliveryKey(delivery.id), JSON.stringify(delivery), "PX", this.keepMs).zadd(DUE, delivery.nextAt, delivery.id).exec();
  }

  async claim(now: number, leaseMs: number, max: number): Promise<Delivery[]> {
    const claimed = (await this.redis.eval(CLAIM, 1, DUE, now, now + leaseMs, max, `${PREFIX}webhook:`)) as string[];
    return claimed.map((json) => JSON.parse(json) as Delivery);
  }

  async finish(id: string): Promise<void> {
    await this.redis.multi().zrem(DUE, id).del(deliveryKey(id)).exec();
  }

  async reschedule(delivery: Delivery): Promise<void> {
    await this.redis.multi().set(deliveryKey(delivery.id), JSON.stringify(delivery), "KEEPTTL").zadd(DUE, delivery.nextAt, delivery.id).exec();
  }

  async pending(): Promise<number> {
    return this.redis.zcard(DUE);
  }
}
