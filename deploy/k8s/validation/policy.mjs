// The pod rules every rendering of deploy/k8s must meet.
//
// restrictedViolations(): the "restricted" Pod Security Standard, as the API server's PodSecurity admission checks it
// (https://kubernetes.io/docs/concepts/security/pod-security-standards/, profile "restricted", version "latest"):
// a pod it would refuse is reported here first, at build time.
// frontdeskViolations(): what Frontdesk adds for its own services (labelled app.kubernetes.io/part-of: frontdesk):
// a read-only root filesystem, no API token, probes on the management port, requests and a memory limit.
//
// Each function takes a rendered object and returns a list of messages (empty: the object passes).

const WORKLOADS = {
  Pod: (o) => o.spec,
  Deployment: (o) => o.spec?.template?.spec,
  StatefulSet: (o) => o.spec?.template?.spec,
  DaemonSet: (o) => o.spec?.template?.spec,
  ReplicaSet: (o) => o.spec?.template?.spec,
  Job: (o) => o.spec?.template?.spec,
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template?.spec,
};

// Volume types the restricted profile allows.
const ALLOWED_VOLUMES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
  "projected", "secret"]);

/** The pod spec of a workload object, or undefined for an object that runs no pod. */
export function podSpec(object) {
  const of = WORKLOADS[object?.kind];
  return of ? of(object) : undefined;
}

function containersOf(pod) {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? []), ...(pod.ephemeralContainers ?? [])];
}

function name(object) {
  return `${object.kind} ${object.metadata?.namespace ? object.metadata.namespace + "/" : ""}${object.metadata?.name}`;
}

/** Violations of the restricted Pod Security Standard (and of baseline, which it includes). */
export function restrictedViolations(object) {
  const pod = podSpec(object);
  if (!pod) {
    return [];
  }
  const where = name(object);
  const out = [];
  const podContext = pod.securityContext ?? {};
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) {
    out.push(`${where}: host namespaces (hostNetwork, hostPID, hostIPC) must not be used`);
  }
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== "name");
    if (!ALLOWED_VOLUMES.has(type)) {
      out.push(`${where}: volume ${volume.name} is of type ${type}; restricted allows ${[...ALLOWED_VOLUMES].join(", ")}`);
    }
  }
  if (podContext.runAsUser === 0) {
    out.push(`${where}: securityContext.runAsUser must not be 0`);
  }
  const podSeccomp = podContext.seccompProfile?.type;
  if (podSeccomp !== undefined && !["RuntimeDefault", "Localhost"].includes(podSeccomp)) {
    out.push(`${where}: securityContext.seccompProfile.type must be RuntimeDefault or Localhost`);
  }
  for (const container of containersOf(pod)) {
    const at = `${where}, container ${container.name}`;
    const context = container.securityContext ?? {};
    if (context.privileged) {
      out.push(`${at}: must not be privileged`);
    }
    if (context.allowPrivilegeEscalation !== false) {
      out.push(`${at}: securityContext.allowPrivilegeEscalation must be false`);
    }
    if (!(context.runAsNonRoot === true || (podContext.runAsNonRoot === true && context.runAsNonRoot !== false))) {
      out.push(`${at}: runAsNonRoot must be true (pod or container securityContext)`);
    }
    if (context.runAsUser === 0) {
      out.push(`${at}: securityContext.runAsUser must not be 0`);
    }
    const seccomp = context.seccompProfile?.type ?? podSeccomp;
    if (!["RuntimeDefault", "Localhost"].includes(seccomp)) {
      out.push(`${at}: seccompProfile.type must be RuntimeDefault or Localhost (pod or container securityContext)`);
    }
    const drop = context.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) {
      out.push(`${at}: securityContext.capabilities.drop must include ALL`);
    }
    const added = (context.capabilities?.add ?? []).filter((capability) => capability !== "NET_BIND_SERVICE");
    if (added.length > 0) {
      out.push(`${at}: capabilities.add may only hold NET_BIND_SERVICE, not ${added.join(", ")}`);
    }
    for (const port of container.ports ?? []) {
      if (port.hostPort) {
        out.push(`${at}: hostPort ${port.hostPort} must not be used`);
      }
    }
  }
  return out;
}

/** Frontdesk's own rules for its services' pods (objects labelled app.kubernetes.io/part-of: frontdesk). */
export function frontdeskViolations(object) {
  const pod = podSpec(object);
  if (!pod || object.metadata?.labels?.["app.kubernetes.io/part-of"] !== "frontdesk") {
    return [];
  }
  const where = name(object);
  const out = [];
  if (pod.automountServiceAccountToken !== false) {
    out.push(`${where}: automountServiceAccountToken must be false (the services never call the Kubernetes API)`);
  }
  for (const container of pod.containers ?? []) {
    const at = `${where}, container ${container.name}`;
    if (container.securityContext?.readOnlyRootFilesystem !== true) {
      out.push(`${at}: securityContext.readOnlyRootFilesystem must be true (/tmp is an emptyDir)`);
    }
    const tmp = (container.volumeMounts ?? []).find((mount) => mount.mountPath === "/tmp");
    const tmpVolume = tmp && (pod.volumes ?? []).find((volume) => volume.name === tmp.name);
    if (!tmpVolume?.emptyDir) {
      out.push(`${at}: /tmp must be an emptyDir volume (the root filesystem is read-only)`);
    }
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      if (container[probe]?.httpGet?.port !== "management") {
        out.push(`${at}: ${probe} must be an httpGet on the port named management`);
      }
    }
    const resources = container.resources ?? {};
    if (!resources.requests?.cpu || !resources.requests?.memory) {
      out.push(`${at}: resources.requests must give cpu and memory`);
    }
    if (!resources.limits?.memory) {
      out.push(`${at}: resources.limits must give memory`);
    }
  }
  return out;
}
