# syntax=docker/dockerfile:1
# Both services' images, from one build of the workspace. From the repository root:
#   docker build --target image -t pixelrpc-image .
#   docker build --target gateway -t pixelrpc-gateway .

# The workspace: every workspace's manifest (npm ci needs each one the root
# lists), its dependencies, and the packages both services are built on.
FROM node:20-bookworm-slim AS workspace
WORKDIR /repo
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY proto/package.json proto/
COPY services/runtime/package.json services/runtime/
COPY services/outbound/package.json services/outbound/
COPY services/image/package.json services/image/
COPY services/gateway/package.json services/gateway/
COPY clients/ts/package.json clients/ts/
COPY clients/cli/package.json clients/cli/
COPY clients/python/package.json clients/python/
COPY examples/aiohttp-thumbnails/package.json examples/aiohttp-thumbnails/
COPY harness/package.json harness/
COPY test/package.json test/
COPY bench/package.json bench/
COPY docs/package.json docs/
RUN npm ci --no-audit --no-fund
COPY proto proto
COPY services/runtime services/runtime
COPY services/outbound services/outbound
RUN npx turbo run build --filter=@pixelrpc/proto --filter=@pixelrpc/service-runtime --filter=@pixelrpc/outbound

# Each service's code, then its production dependencies alone beside it.
FROM workspace AS image-build
COPY services/image services/image
RUN npx turbo run build --filter=@pixelrpc/image-service...
RUN npm ci --omit=dev --no-audit --no-fund --workspace @pixelrpc/image-service

FROM workspace AS gateway-build
COPY clients/ts clients/ts
COPY services/gateway services/gateway
RUN npx turbo run build --filter=@pixelrpc/gateway...
RUN npm ci --omit=dev --no-audit --no-fund --workspace @pixelrpc/gateway

# What both images run on: Node, the allocator setting, the contract, the runtime package and the outbound rules.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    # glibc's per-thread malloc arenas fragment under libvips' allocation
    # pattern and RSS creeps up for ever (lovell/sharp#2607); two arenas keep it flat.
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=workspace /repo/package.json ./
COPY --from=workspace /repo/proto/package.json proto/
COPY --from=workspace /repo/proto/dist proto/dist
COPY --from=workspace /repo/proto/pixelrpc proto/pixelrpc
COPY --from=workspace /repo/services/runtime/package.json services/runtime/
COPY --from=workspace /repo/services/runtime/dist services/runtime/dist
COPY --from=workspace /repo/services/outbound/package.json services/outbound/
COPY --from=workspace /repo/services/outbound/dist services/outbound/dist
# SIGTERM drains: in-flight work finishes, then exit 0.
STOPSIGNAL SIGTERM

FROM runtime AS image
ENV IMAGE_GRPC_ADDR=0.0.0.0:50051 \
    IMAGE_METRICS_ADDR=0.0.0.0:9464
COPY --from=image-build /repo/node_modules node_modules
COPY --from=image-build /repo/services/image/package.json services/image/
COPY --from=image-build /repo/services/image/dist services/image/dist
USER node
EXPOSE 50051 9464
# Reads the service's own settings: plaintext, TLS, or mutual TLS with
# IMAGE_HEALTHCHECK_TLS_CERT/KEY (docs/configuration.md).
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "services/image/dist/healthcheck.js"]
CMD ["node", "services/image/dist/main.js"]

FROM runtime AS gateway
ENV GATEWAY_HTTP_ADDR=0.0.0.0:8080
COPY --from=gateway-build /repo/node_modules node_modules
COPY --from=gateway-build /repo/clients/ts/package.json clients/ts/
COPY --from=gateway-build /repo/clients/ts/dist clients/ts/dist
COPY --from=gateway-build /repo/services/gateway/package.json services/gateway/
COPY --from=gateway-build /repo/services/gateway/dist services/gateway/dist
USER node
EXPOSE 8080
# A gateway listening beyond loopback refuses to start without GATEWAY_API_KEYS.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Each request's image passes through as Buffers that V8 counts against its
# old-space limit, which starts small: without room, V8 ran a full GC every
# few requests (docs/benchmarks.md, findings). The same flag as `npm start`.
CMD ["node", "--initial-old-space-size=128", "services/gateway/dist/main.js"]
