import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { readImageRequest } from "../image-request.js";
import { SINGLE_RESULT, type JobRunner } from "../jobs/runner.js";
import { finalStatuses, type Job, type JobEvent, type JobResult, type JobStore } from "../jobs/store.js";
import { HttpProblem } from "../problems.js";
import { transformQuerySchema, type TransformQuery } from "../transform-query.js";
import { mediaTypes } from "./transform.js";

const iso = (time: number | undefined): string | undefined => (time === undefined ? undefined : new Date(time).toISOString());

function resultView(job: Job, result: JobResult) {
  const url = job.kind === "single" ? `/v1/jobs/${job.id}/result` : `/v1/jobs/${job.id}/results/${encodeURIComponent(result.name)}`;
  return { name: result.name, ...(result.error ? { error: result.error } : { url, info: result.info }) };
}

/** A job as GET /v1/jobs/{id} shows it. */
function jobView(job: Job) {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    createdAt: iso(job.createdAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    timings: {
      queueMs: job.startedAt === undefined ? undefined : job.startedAt - job.createdAt,
      totalMs: job.finishedAt === undefined ? undefined : job.finishedAt - job.createdAt,
    },
    progress: job.progress,
    expected: job.expected,
    results: job.results.map((result) => resultView(job, result)),
    error: job.error,
  };
}

function found(store: JobStore, id: string): Job {
  const job = store.get(id);
  if (!job) throw new HttpProblem(404, "Unknown job", `there is no job ${id} (jobs expire some time after they finish)`);
  return job;
}

function sendResult(reply: FastifyReply, job: Job, name: string): FastifyReply {
  const result = job.results.find((candidate) => candidate.name === name);
  if (!result) {
    if (!job.expected.includes(name)) throw new HttpProblem(404, "Unknown result", `job ${job.id} makes no result named ${JSON.stringify(name)}`);
    if (finalStatuses.has(job.status)) throw new HttpProblem(409, "No result", `job ${job.id} is ${job.status} without result ${JSON.stringify(name)}`);
    throw new HttpProblem(409, "Result not ready", `result ${JSON.stringify(name)} of job ${job.id} is not ready yet`, { "retry-after": "1" });
  }
  if (result.error) throw new HttpProblem(result.error.status, result.error.title, result.error.detail);
  return reply.header("content-type", mediaTypes[result.info!.format as keyof typeof mediaTypes] ?? "application/octet-stream").send(result.bytes);
}

/** Server-Sent Events of a job: its state first, then progress and results as they happen, then its end. */
function streamEvents(store: JobStore, job: Job, request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
  const send = (event: string, data: unknown): void => void raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const finish = (current: Job): void => {
    send(current.status, jobView(current));
    raw.end();
  };
  send("state", jobView(job));
  if (finalStatuses.has(job.status)) return finish(job);
  // A comment line now and then keeps proxies from closing a quiet stream.
  const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), 15_000);
  const unsubscribe = store.subscribe(job.id, (event: JobEvent) => {
    if (event.type === "progress") send("progress", event.job.progress);
    else if (event.type === "result") send("result", resultView(event.job, event.result));
    else if (finalStatuses.has(event.job.status)) {
      stop();
      finish(event.job);
    } else send("status", { status: event.job.status });
  });
  const stop = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.raw.once("close", stop);
}

/** The jobs routes: answer now, deliver later. */
export function jobRoutes(app: FastifyInstance, store: JobStore, runner: JobRunner): void {
  const id = { type: "object", properties: { id: { type: "string", format: "uuid" } }, required: ["id"] } as const;
  const doc = (summary: string, extra: Record<string, unknown> = {}) => ({ schema: { summary, tags: ["jobs"], ...extra } });

  app.post(
    "/v1/jobs",
    doc("Start a job: 202 at once, results later", {
      description: "The same inputs as /v1/transform, or multipart with options {variants: [...]}.",
      querystring: transformQuerySchema,
    }),
    async (request: FastifyRequest<{ Querystring: TransformQuery }>, reply) => {
    const job = runner.start(await readImageRequest(request));
    if ("refused" in job) throw new HttpProblem(429, "Job store full", job.refused, { "retry-after": "5" });
    return reply.code(202).header("location", `/v1/jobs/${job.id}`).send({ id: job.id, status: job.status });
    },
  );

  app.get<{ Params: { id: string } }>("/v1/jobs/:id", doc("A job's status, progress, timings and results", { params: id }), async (request) => jobView(found(store, request.params.id)));

  app.get<{ Params: { id: string } }>("/v1/jobs/:id/events", doc("Server-Sent Events of a job until it ends", { params: id }), async (request, reply) => {
    streamEvents(store, found(store, request.params.id), request, reply);
  });

  app.get<{ Params: { id: string } }>("/v1/jobs/:id/result", doc("The image of a single-output job", { params: id }), async (request, reply) => {
    const job = found(store, request.params.id);
    if (job.kind !== "single") throw new HttpProblem(404, "Unknown result", `job ${job.id} has variants: GET /v1/jobs/${job.id}/results/{name}`);
    return sendResult(reply, job, SINGLE_RESULT);
  });

  app.get<{ Params: { id: string; name: string } }>(
    "/v1/jobs/:id/results/:name",
    doc("One variant's image", { params: { ...id, properties: { ...id.properties, name: { type: "string" } }, required: ["id", "name"] } }),
    async (request, reply) =>
      sendResult(reply, found(store, request.params.id), request.params.name),
  );

  app.delete<{ Params: { id: string } }>("/v1/jobs/:id", doc("Cancel a job", { params: id }), async (request) => {
    const job = found(store, request.params.id);
    await runner.cancel(job.id);
    return jobView(job);
  });
}
