import type { JobLinks } from "./job-links.js";
import type { Job, JobResult } from "./jobs/store.js";

const iso = (time: number | undefined): string | undefined => (time === undefined ? undefined : new Date(time).toISOString());

/**
 * A result's URL, signed with `query` (the job's links.query): a page can put it in <img src> as it is.
 * `base` ("https://images.example.com") makes the URLs absolute, for a webhook's receiver; pages get paths.
 */
export function resultView(job: Job, result: JobResult, query: string, base = "") {
  const path = job.kind === "single" ? `/v1/jobs/${job.id}/result` : `/v1/jobs/${job.id}/results/${encodeURIComponent(result.name)}`;
  return { name: result.name, ...(result.error ? { error: result.error } : { url: `${base}${path}?${query}`, info: result.info }) };
}

/** Where a job can be read without the API key, until the links expire. */
export function jobLinks(job: Job, query: string, base = "") {
  return { self: `${base}/v1/jobs/${job.id}?${query}`, events: `${base}/v1/jobs/${job.id}/events?${query}` };
}

/** A job as GET /v1/jobs/{id} shows it. */
export function jobView(job: Job, links: JobLinks, base = "") {
  const query = links.query(job.id, job.createdAt);
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
    results: job.results.map((result) => resultView(job, result, query, base)),
    error: job.error,
    links: jobLinks(job, query, base),
  };
}
