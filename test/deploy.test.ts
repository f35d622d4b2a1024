/**
 * The deployment files (deploy/, the Dockerfile) against the code they
 * deploy. No Docker engine or cluster runs here, so every fact a manifest
 * states about the services is checked against the services themselves:
 * variable names and values (through the services' own config parsers),
 * ports, probe paths and services, names and selectors, grace periods.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { gatewayDefaults, loadGatewayConfig } from "@pixelrpc/gateway";
import { configDefaults, loadConfig } from "@pixelrpc/image-service";
import { imageServiceName } from "@pixelrpc/proto";
import { parseAllDocuments, parse } from "yaml";

import { npmStartNodeFlags, startGateway, startImageService, type RunningGateway, type RunningService } from "@pixelrpc/harness";

const root = fileURLToPath(new URL("..", import.meta.url));
const k8sDir = join(root, "deploy", "k8s");

/** Variables the services read besides their own: glibc's allocator setting. */
const PROCESS_VARIABLES = new Set(["MALLOC_ARENA_MAX"]);

// Loose shapes: the tests assert what they rely on.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Manifest = Record<string, any>;

function k8sManifests(): Manifest[] {
  return readdirSync(k8sDir)
    .filter((file) => file.endsWith(".yaml") && file !== "kustomization.yaml")
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(k8sDir, file), "utf8")).map((document) => {
        assert.deepEqual(document.errors, [], `${file}: ${document.errors.join("; ")}`);
        return { ...(document.toJS() as Manifest), file };
      }),
    );
}

const manifests = k8sManifests();

function find(kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata?.name === name);
  assert.ok(found, `no ${kind} ${name} in deploy/k8s`);
  return found;
}

const portOf = (address: string): number => Number(/:(\d+)$/.exec(address)?.[1]);
const container = (deployment: Manifest): Manifest => deployment.spec.template.spec.containers[0];
const containerPort = (deployment: Manifest, name: string): number => container(deployment).ports.find((port: Manifest) => port.name === name)?.containerPort;

const imageConfig = find("ConfigMap", "pixelrpc-image").data as Record<string, string>;
const gatewayConfig = find("ConfigMap", "pixelrpc-gateway").data as Record<string, string>;
const gatewaySecret = find("Secret", "pixelrpc-gateway").stringData as Record<string, string>;
const imageDeployment = find("Deployment", "pixelrpc-image");
const gatewayDeployment = find("Deployment", "pixelrpc-gateway");

/** Real-looking secrets in place of the placeholders, for the config parser. */
const liveSecrets = (secret: Record<string, string>): Record<string, string> => Object.fromEntries(Object.keys(secret).map((key) => [key, "k".repeat(48)]));

function assertKnownVariables(variables: Record<string, unknown>, known: Record<string, unknown>, where: string): void {
  for (const name of Object.keys(variables)) {
    assert.ok(name in known || PROCESS_VARIABLES.has(name), `${where} sets ${name}, which the service does not read`);
  }
}

describe("Kubernetes manifests", () => {
  it("parse, name themselves, and are all listed in kustomization.yaml", () => {
    for (const manifest of manifests) {
      assert.ok(manifest.apiVersion && manifest.kind && manifest.metadata?.name, `${manifest.file}: a document without apiVersion, kind or name`);
    }
    const kustomization = parse(readFileSync(join(k8sDir, "kustomization.yaml"), "utf8")) as Manifest;
    const files = readdirSync(k8sDir).filter((file) => file.endsWith(".yaml") && file !== "kustomization.yaml");
    assert.deepEqual([...kustomization.resources].sort(), files.sort());
  });

  it("set only variables the services read, with values their own parsers accept", () => {
    assertKnownVariables(imageConfig, configDefaults, "ConfigMap pixelrpc-image");
    assertKnownVariables({ ...gatewayConfig, ...gatewaySecret }, gatewayDefaults, "ConfigMap/Secret pixelrpc-gateway");
    assert.doesNotThrow(() => loadConfig(imageConfig));
    assert.doesNotThrow(() => loadGatewayConfig({ ...gatewayConfig, ...liveSecrets(gatewaySecret) }));
  });

  it("keep the secret's placeholders unusable, so an unedited Secret cannot go live", () => {
    for (const name of Object.keys(gatewaySecret)) {
      assert.throws(() => loadGatewayConfig({ ...gatewayConfig, ...liveSecrets(gatewaySecret), [name]: gatewaySecret[name]! }), new RegExp(name));
    }
  });

  it("agree on ports: the configured addresses, the containers and the Services", () => {
    assert.equal(containerPort(imageDeployment, "grpc"), portOf(imageConfig.IMAGE_GRPC_ADDR!));
    assert.equal(containerPort(imageDeployment, "metrics"), portOf(imageConfig.IMAGE_METRICS_ADDR!));
    assert.equal(containerPort(gatewayDeployment, "http"), portOf(gatewayConfig.GATEWAY_HTTP_ADDR!));
    assert.equal(containerPort(gatewayDeployment, "metrics"), portOf(gatewayConfig.GATEWAY_METRICS_ADDR!));
    for (const deployment of [imageDeployment, gatewayDeployment]) {
      const annotations = deployment.spec.template.metadata.annotations;
      assert.equal(
        Number(annotations["prometheus.io/port"]),
        containerPort(deployment, "metrics"),
        `${deployment.metadata.name} is scraped on its metrics port`,
      );
    }
    const imageService = find("Service", "pixelrpc-image");
    assert.equal(imageService.spec.clusterIP, "None", "the image Service must be headless, so DNS lists every pod");
    for (const port of imageService.spec.ports) {
      assert.ok(containerPort(imageDeployment, port.targetPort), `Service pixelrpc-image targets a port the container lacks: ${port.targetPort}`);
    }
    const grpcPort = imageService.spec.ports.find((port: Manifest) => port.name === "grpc").port;
    assert.equal(gatewayConfig.IMAGE_SERVICE_TARGET, `dns:///${imageService.metadata.name}:${grpcPort}`);
    const gatewayService = find("Service", "pixelrpc-gateway");
    assert.ok(containerPort(gatewayDeployment, gatewayService.spec.ports[0].targetPort));
    assert.equal(gatewayConfig.GATEWAY_JOB_STORE, `redis://${find("Service", "pixelrpc-redis").metadata.name}:6379`);
  });

  it("probe the image service with native gRPC health checks of the right service and port", () => {
    const { readinessProbe, livenessProbe, startupProbe } = container(imageDeployment);
    assert.equal(readinessProbe.grpc.service, imageServiceName);
    for (const probe of [readinessProbe, livenessProbe, startupProbe]) assert.equal(probe.grpc.port, portOf(imageConfig.IMAGE_GRPC_ADDR!));
  });

  it("select their pods: Services, disruption budgets and the autoscaler match the Deployments", () => {
    for (const deployment of [imageDeployment, gatewayDeployment]) {
      const labels = deployment.spec.template.metadata.labels;
      const name = deployment.metadata.name;
      for (const selector of [
        deployment.spec.selector.matchLabels,
        find("Service", name).spec.selector,
        find("PodDisruptionBudget", name).spec.selector.matchLabels,
      ]) {
        for (const [key, value] of Object.entries(selector)) assert.equal(labels[key], value, `${name}: selector ${key}=${String(value)}`);
      }
      const { requests, limits } = container(deployment).resources;
      assert.ok(requests.cpu && requests.memory && limits.cpu && limits.memory, `${name} needs resource requests and limits`);
    }
    const hpa = find("HorizontalPodAutoscaler", "pixelrpc-image");
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: "apps/v1", kind: "Deployment", name: imageDeployment.metadata.name });
  });

  it("give the image service time to drain: grace period over IMAGE_SHUTDOWN_GRACE_MS, pool threads within the CPU limit", () => {
    const grace = imageDeployment.spec.template.spec.terminationGracePeriodSeconds * 1000;
    assert.ok(grace > Number(imageConfig.IMAGE_SHUTDOWN_GRACE_MS), `terminationGracePeriodSeconds ${grace / 1000}`);
    assert.ok(Number(imageConfig.IMAGE_POOL_THREADS) <= Number(container(imageDeployment).resources.limits.cpu));
  });

  it("give the image service a writable /tmp under its read-only root, for the font configuration it writes at start", () => {
    assert.equal(container(imageDeployment).securityContext.readOnlyRootFilesystem, true);
    const mount = container(imageDeployment).volumeMounts?.find((each: Manifest) => each.mountPath === "/tmp");
    assert.ok(mount, "no volume at /tmp");
    const volume = imageDeployment.spec.template.spec.volumes?.find((each: Manifest) => each.name === mount.name);
    assert.ok(volume?.emptyDir, `the /tmp volume ${mount.name} is an emptyDir`);
  });
});

describe("Kubernetes probes and ports against the running services", () => {
  let images: RunningService;
  let gateway: RunningGateway;
  before(async () => {
    images = await startImageService();
    gateway = await startGateway(images.address);
  });
  after(async () => {
    await gateway?.stop();
    await images?.stop();
  });

  it("the gateway answers the probe paths the manifest uses", async () => {
    const { readinessProbe, livenessProbe } = container(gatewayDeployment);
    for (const probe of [readinessProbe, livenessProbe]) {
      const response = await fetch(`${gateway.url}${probe.httpGet.path}`);
      assert.equal(response.status, 200, probe.httpGet.path);
    }
  });

  it("the image service serves the health service the readiness probe asks for", async () => {
    assert.equal(await images.client.health(), "SERVING");
  });

  it("the Docker HEALTHCHECK script exits 0 for a serving service and 1 for none", () => {
    const script = join(root, "services", "image", "dist", "healthcheck.js");
    const run = (address: string) => spawnSync(process.execPath, [script], { env: { ...process.env, IMAGE_GRPC_ADDR: address }, encoding: "utf8" });
    assert.equal(run(images.address).status, 0);
    const down = run("127.0.0.1:1");
    assert.equal(down.status, 1);
    assert.match(down.stderr, /is not serving: 14: /);
  });
});

describe("Dockerfile", () => {
  const workspaces = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces: string[] }).workspaces;
  const text = readFileSync(join(root, "Dockerfile"), "utf8");
  const lines = text.split("\n").filter((line) => !line.trimStart().startsWith("#"));
  /** Each stage's lines by its name, and the stage or image it starts from. */
  const stages = new Map<string, { from: string; lines: string[] }>();
  for (const line of lines) {
    const from = /^FROM (\S+) AS (\S+)$/.exec(line);
    if (from) stages.set(from[2]!, { from: from[1]!, lines: [] });
    else [...stages.values()].at(-1)?.lines.push(line);
  }
  /** A target's lines with those of the stages it is built on, base first. */
  const chain = (name: string): string => {
    const stage = stages.get(name);
    return stage ? `${chain(stage.from)}\n${stage.lines.join("\n")}` : "";
  };

  it("builds the workspace once: npm ci needs the manifest of every workspace the root lists, and no other", () => {
    const copied = [...text.matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map((match) => match[1]);
    assert.deepEqual(copied.sort(), [...workspaces].sort());
    assert.equal(text.match(/^RUN npm ci --no-audit/gm)?.length, 1);
    for (const build of ["image-build", "gateway-build"]) assert.equal(stages.get(build)?.from, "workspace");
  });

  for (const [service, envPort, portVariable] of [
    ["image", configDefaults, "IMAGE_GRPC_ADDR"],
    ["gateway", gatewayDefaults, "GATEWAY_HTTP_ADDR"],
  ] as const) {
    it(`target ${service}: a runtime stage of its own, non-root, allocator setting, healthcheck, the right port and entry point`, () => {
      assert.equal(stages.get(service)?.from, "runtime", "built on the shared runtime stage, not on the build");
      assert.match(stages.get(service)!.lines.join("\n"), new RegExp(`^COPY --from=${service}-build `, "m"));
      const runtime = chain(service);
      assert.match(runtime, /^USER (?!root)\w+/m);
      assert.match(runtime, /^HEALTHCHECK /m);
      assert.match(runtime, /MALLOC_ARENA_MAX=2/);
      const address = new RegExp(`${portVariable}=(\\S+)`).exec(runtime)?.[1];
      assert.ok(address, `${portVariable} is set in the runtime stage`);
      assert.ok(portVariable in envPort);
      assert.match(runtime, new RegExp(`^EXPOSE .*\\b${portOf(address)}\\b`, "m"));
      const [, flags = "", command] = /^CMD \["node", ((?:"--[^"]+", )*)"([^"]+)"\]/m.exec(runtime) ?? [];
      assert.ok(command && existsSync(join(root, command)), `CMD runs ${command}, which the build makes`);
      // The container runs the service as `npm start` does.
      assert.deepEqual(
        flags
          .split(", ")
          .filter(Boolean)
          .map((flag) => JSON.parse(flag) as string),
        npmStartNodeFlags(join(root, "services", service)),
      );
      assert.match(stages.get(`${service}-build`)!.lines.join("\n"), /npm ci --omit=dev/);
    });
  }

  it(".dockerignore keeps out what the images do not need, but not a manifest npm ci needs", () => {
    const ignore = readFileSync(join(root, ".dockerignore"), "utf8");
    for (const workspace of ["docs", "bench", "clients/python", "examples/aiohttp-thumbnails"]) {
      assert.match(ignore, new RegExp(`^${workspace}/\\*\\*$`, "m"));
      assert.match(ignore, new RegExp(`^!${workspace}/package\\.json$`, "m"));
    }
  });
});

describe("deploy/compose.yaml", () => {
  const compose = parse(readFileSync(join(root, "deploy", "compose.yaml"), "utf8")) as Manifest;

  it("runs Redis, two image replicas and a gateway that balances over them", () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ["gateway", "image", "redis"]);
    assert.equal(compose.services.image.deploy.replicas, 2);
    const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
    for (const service of ["image", "gateway"]) {
      assert.deepEqual(compose.services[service].build, { context: "..", target: service });
      assert.match(dockerfile, new RegExp(`^FROM runtime AS ${service}$`, "m"));
    }
    const gateway = compose.services.gateway.environment as Record<string, string>;
    assert.equal(gateway.IMAGE_SERVICE_TARGET, `dns:///image:${portOf(compose.services.image.environment.IMAGE_GRPC_ADDR)}`);
    assert.equal(gateway.GATEWAY_JOB_STORE, "redis://redis:6379");
    assert.equal(compose.services.gateway.ports[0], `${portOf(gateway.GATEWAY_HTTP_ADDR!)}:${portOf(gateway.GATEWAY_HTTP_ADDR!)}`);
  });

  it("sets only variables the services read, with values they accept", () => {
    const image = compose.services.image.environment as Record<string, string>;
    const gateway = { ...(compose.services.gateway.environment as Record<string, string>), GATEWAY_API_KEYS: "k".repeat(48) };
    assertKnownVariables(image, configDefaults, "compose image");
    assertKnownVariables(gateway, gatewayDefaults, "compose gateway");
    assert.doesNotThrow(() => loadConfig(image));
    assert.doesNotThrow(() => loadGatewayConfig(gateway));
    assert.ok(Number.parseInt(compose.services.image.stop_grace_period, 10) * 1000 > Number(image.IMAGE_SHUTDOWN_GRACE_MS));
  });
});
