import type { FastifyInstance, onRequestHookHandler } from "fastify";

import { parseQuery, querySchema, searchParameters, type QuerySpec } from "./query.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The query parameters this route takes; none when absent. */
    readonly query?: QuerySpec;
    /** Which of them must be there. */
    readonly requiredQuery?: readonly string[];
    /** Why the route takes no more than these, for the error that names an unknown one. */
    readonly queryNote?: string;
  }
}

/**
 * Every route reads its query strictly by the spec in its config (none when
 * it has none): an unknown, repeated or malformed parameter is a 400 that
 * names it, never dropped or coerced. The same spec becomes the route's
 * querystring schema, so /openapi.json documents exactly what is accepted.
 * The check runs as the route's last onRequest hook: after the scopes'
 * access checks (a caller without a key learns nothing of the API) and
 * before the body is read.
 */
export function strictQueries(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const spec = route.config?.query ?? {};
    const required = route.config?.requiredQuery ?? [];
    const note = route.config?.queryNote;
    route.schema = { ...route.schema, querystring: querySchema(spec, required) };
    const parse: onRequestHookHandler = async (request) => {
      (request as { query: unknown }).query = parseQuery(searchParameters(request.url), spec, required, note);
    };
    route.onRequest = [...(route.onRequest === undefined ? [] : [route.onRequest].flat()), parse];
  });
}
