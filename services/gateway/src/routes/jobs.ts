import type { OutgoingHttpHeaders } from "node:http";

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { readJobRequest } from "../image-request.js";
import { SINGLE_RESULT, type JobRunner } from "../jobs/runner.js";
import { finalStatuses, type Job, type JobCallback, type JobEvent, type JobStore } from "../jobs/store.js";
import { jobLinks, jobView, resultView } from "../job-view.js";
import { HttpProblem } from "../problems.js";
import { jobLinkQuerySpec, type JobLinks } from "../job-links.js";
import type { QuerySpec } from "../query.js";
import { transformQuerySpec, type TransformQuery } from "../transform-query.js";
import type { Webhooks } from "../webhooks/webhooks.js";
import { mediaTypeOf } from "./image-reply.js";

async function found(store: JobStore, id: string): Promise<Job> {
  const job = await store.get(id);
  if (!job) throw new HttpProblem(404, "Unknown job", `there is no job ${id} (jobs expire some time after they finish)`);
  return job;
}

async function sendResult(store: JobStore, reply: FastifyReply, job: Job, name: string): Promise<FastifyReply> {
  const result = job.results.find((candidate) => candidate.name === name);
  if (!result) {
    if (!job.expected.includes(name)) throw new HttpProblem(404, "Unknown result", `job ${job.id} makes no result named ${JSON.stringify(name)}`);
    if (finalStatuses.has(job.status)) throw new HttpProblem(409, "No result", `job ${job.id} is ${job.status} without result ${JSON.stringify(name)}`);
    throw new HttpProblem(409, "Result not ready", `result ${JSON.stringify(name)} of job ${job.id} is not ready yet`, { "retry-after": "1" });
  }
  if (result.error) throw new HttpProblem(result.error.status, result.error.title, result.error.detail);
  const bytes = await store.resultBytes(job.id, name);
  if (!bytes) throw new HttpProblem(404, "Unknown job", `the results of job ${job.id} have expired`);
  return reply.header("content-type", mediaTypeOf(result.info!.format)).send(bytes);
}

/**
 * Server-Sent Events of a job: its state first, then progress and results as
 * they happen, then its end. It listens before it reads the state, so nothing
 * that happens in between is missed (an event may repeat what the state says).
 */
async function streamEvents(store: JobStore, links: JobLinks, id: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const buffered: JobEvent[] = [];
  let deliver = (event: JobEvent): void => void buffered.push(event);
  const unsubscribe = await store.subscribe(id, (event) => deliver(event));
  let job: Job;
  try {
    job = await found(store, id);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  reply.hijack();
  const raw = reply.raw;
  // Hijacked, the reply skips Fastify's onSend hooks: CORS's headers must be carried over by hand.
  raw.writeHead(200, {
    ...(reply.getHeaders() as OutgoingHttpHeaders),
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  const send = (event: string, data: unknown): void => void raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  // A comment line now and then keeps proxies from closing a quiet stream.
  const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), 15_000);
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const finish = (current: Job): void => {
    stop();
    send(current.status, jobView(current, links));
    raw.end();
  };
  request.raw.once("close", stop);
  const query = links.query(job.id, job.createdAt);
  send("state", jobView(job, links));
  if (finalStatuses.has(job.status)) return finish(job);
  deliver = (event) => {
    if (event.type === "progress") send("progress", event.job.progress);
    else if (event.type === "result") send("result", resultView(event.job, event.result, query));
    else if (finalStatuses.has(event.job.status)) finish(event.job);
    else send("status", { status: event.job.status });
  };
  for (const event of buffered.splice(0)) deliver(event);
}

/** How long DELETE waits for the gateway running a job to record its cancellation. */
const CANCEL_WAIT_MS = 5000;

/**
 * Asks whichever gateway runs the job to cancel it, and waits until the job
 * has ended. A job still unfinished after CANCEL_WAIT_MS has no live runner
 * (its gateway died): it is recorded as cancelled here.
 */
async function cancelJob(store: JobStore, id: string, webhooks: Webhooks | undefined): Promise<Job> {
  let ended!: (byRunner: boolean) => void;
  const end = new Promise<boolean>((resolve) => (ended = resolve));
  const unsubscribe = await store.subscribe(id, (event) => {
    if (finalStatuses.has(event.job.status)) ended(true);
  });
  try {
    const job = await found(store, id);
    if (finalStatuses.has(job.status)) return job;
    await store.requestCancel(id);
    const timer = setTimeout(() => ended(false), CANCEL_WAIT_MS);
    const byRunner = await end;
    clearTimeout(timer);
    await store.update(id, (current) => ((current.status = "cancelled"), "status"));
    const cancelled = await found(store, id);
    // No runner told of the end, so none will queue its webhook. Should one have ended it all the same, the
    // two deliveries share the job's message id, and the receiver sees one event twice, as at-least-once allows.
    if (!byRunner) await webhooks?.enqueue(cancelled);
    return cancelled;
  } finally {
    unsubscribe();
  }
}

const id = { type: "object", properties: { id: { type: "string", format: "uuid" } }, required: ["id"] } as const;
const doc = (summary: string, security: object, extra: Record<string, unknown> = {}) => ({ schema: { summary, tags: ["jobs"], ...security, ...extra } });

const jobQuerySpec: QuerySpec = {
  ...transformQuerySpec,
  callback_url: {
    type: "string",
    expected: "an http(s) URL that GATEWAY_WEBHOOK_ALLOWED allows",
    maxLength: 2048,
    description: "a URL the gateway POSTs the job's end to, signed by the Standard Webhooks specification (see docs/gateway.md, Job webhooks)",
    suggestFor: ["callback", "webhook", "webhook_url", "notify_url"],
  },
};

/** Starting and cancelling jobs: for holders of the API key. */
export function jobWriteRoutes(
  app: FastifyInstance,
  store: JobStore,
  runner: JobRunner,
  links: JobLinks,
  webhooks: Webhooks | undefined,
  security: object,
): void {
  app.post(
    "/v1/jobs",
    {
      config: { query: jobQuerySpec },
      ...doc("Start a job: 202 at once, results later", security, {
        description:
          "The same inputs as /v1/transform, or multipart with options {variants: [...]}, and an optional callback_url (in the query, or in the options). The answer's links (status, events) and its results' URLs are signed: a browser can follow them without the API key until they expire.",
      }),
    },
    async (request: FastifyRequest<{ Querystring: TransformQuery & { callback_url?: string } }>, reply) => {
      const { work, callbackUrl } = await readJobRequest(request, true);
      let callback: JobCallback | undefined;
      if (callbackUrl !== undefined) {
        if (!webhooks) throw new HttpProblem(400, "Bad callback URL", "this gateway sends no webhooks: callback_url needs GATEWAY_WEBHOOK_ALLOWED");
        callback = { url: webhooks.callbackUrl(callbackUrl), base: `${request.protocol}://${request.host}` };
      }
      const job = await runner.start(work, callback);
      if ("refused" in job) throw new HttpProblem(429, "Job store full", job.refused, { "retry-after": "5" });
      return reply
        .code(202)
        .header("location", `/v1/jobs/${job.id}`)
        .send({ id: job.id, status: job.status, links: jobLinks(job, links.query(job.id, job.createdAt)) });
    },
  );

  app.delete<{ Params: { id: string } }>("/v1/jobs/:id", doc("Cancel a job", security, { params: id }), async (request) =>
    jobView(await cancelJob(store, request.params.id, webhooks), links),
  );
}

/** Reading jobs: with the API key, or with a job's signed links. */
export function jobReadRoutes(app: FastifyInstance, store: JobStore, links: JobLinks, security: object): void {
  const read = { config: { query: jobLinkQuerySpec } };
  app.get<{ Params: { id: string } }>(
    "/v1/jobs/:id",
    { ...read, ...doc("A job's status, progress, timings and results", security, { params: id }) },
    async (request) => jobView(await found(store, request.params.id), links),
  );

  app.get<{ Params: { id: string } }>(
    "/v1/jobs/:id/events",
    { ...read, ...doc("Server-Sent Events of a job until it ends", security, { params: id }) },
    async (request, reply) => {
      await streamEvents(store, links, request.params.id, request, reply);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/v1/jobs/:id/result",
    { ...read, ...doc("The image of a single-output job", security, { params: id }) },
    async (request, reply) => {
      const job = await found(store, request.params.id);
      if (job.kind !== "single") throw new HttpProblem(404, "Unknown result", `job ${job.id} has variants: GET /v1/jobs/${job.id}/results/{name}`);
      return sendResult(store, reply, job, SINGLE_RESULT);
    },
  );

  app.get<{ Params: { id: string; name: string } }>(
    "/v1/jobs/:id/results/:name",
    {
      ...read,
      ...doc("One variant's image", security, { params: { ...id, properties: { ...id.properties, name: { type: "string" } }, required: ["id", "name"] } }),
    },
    async (request, reply) => sendResult(store, reply, await found(store, request.params.id), request.params.name),
  );
}
