// The policy check must refuse what the API server's restricted admission refuses: one compliant pod passes, and
// each way of breaking it (a table) is reported with the field it concerns.
import { test } from "node:test";
import assert from "node:assert/strict";

import { frontdeskViolations, restrictedViolations } from "./policy.mjs";

function compliant() {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "call-service", labels: { "app.kubernetes.io/part-of": "frontdesk" } },
    spec: {
      template: {
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          volumes: [{ name: "tmp", emptyDir: {} }, { name: "keys", secret: { secretName: "k" } }],
          containers: [{
            name: "call-service",
            image: "frontdesk/call-service",
            ports: [{ name: "http", containerPort: 8082 }, { name: "management", containerPort: 9082 }],
            securityContext: {
              allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] },
            },
            volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            startupProbe: { httpGet: { path: "/q/health/started", port: "management" } },
            readinessProbe: { httpGet: { path: "/q/health/ready", port: "management" } },
            livenessProbe: { httpGet: { path: "/q/health/live", port: "management" } },
            resources: { requests: { cpu: "250m", memory: "384Mi" }, limits: { memory: "576Mi" } },
          }],
        },
      },
    },
  };
}

const pod = (d) => d.spec.template.spec;
const container = (d) => pod(d).containers[0];

test("a compliant Frontdesk pod passes both checks", () => {
  assert.deepEqual(restrictedViolations(compliant()), []);
  assert.deepEqual(frontdeskViolations(compliant()), []);
});

const restrictedBreaks = [
  ["no runAsNonRoot", (d) => { delete pod(d).securityContext.runAsNonRoot; }, /runAsNonRoot must be true/],
  ["root user", (d) => { pod(d).securityContext.runAsUser = 0; }, /runAsUser must not be 0/],
  ["no seccomp profile", (d) => { delete pod(d).securityContext.seccompProfile; }, /seccompProfile.type/],
  ["unconfined seccomp", (d) => { pod(d).securityContext.seccompProfile.type = "Unconfined"; }, /seccompProfile.type/],
  ["privilege escalation unset", (d) => { delete container(d).securityContext.allowPrivilegeEscalation; },
    /allowPrivilegeEscalation must be false/],
  ["capabilities kept", (d) => { container(d).securityContext.capabilities.drop = ["NET_RAW"]; },
    /capabilities.drop must include ALL/],
  ["capability added", (d) => { container(d).securityContext.capabilities.add = ["SYS_ADMIN"]; },
    /capabilities.add may only hold NET_BIND_SERVICE/],
  ["privileged", (d) => { container(d).securityContext.privileged = true; }, /must not be privileged/],
  ["host network", (d) => { pod(d).hostNetwork = true; }, /host namespaces/],
  ["hostPath volume", (d) => { pod(d).volumes.push({ name: "h", hostPath: { path: "/" } }); }, /type hostPath/],
  ["host port", (d) => { container(d).ports[0].hostPort = 80; }, /hostPort 80/],
  ["init container without settings", (d) => { pod(d).initContainers = [{ name: "init", image: "i" }]; },
    /container init: securityContext.allowPrivilegeEscalation/],
];

const frontdeskBreaks = [
  ["writable root filesystem", (d) => { delete container(d).securityContext.readOnlyRootFilesystem; },
    /readOnlyRootFilesystem must be true/],
  ["no /tmp volume", (d) => { container(d).volumeMounts = []; }, /\/tmp must be an emptyDir/],
  ["API token mounted", (d) => { delete pod(d).automountServiceAccountToken; }, /automountServiceAccountToken/],
  ["probe on the public port", (d) => { container(d).readinessProbe.httpGet.port = "http"; }, /readinessProbe must/],
  ["no startup probe", (d) => { delete container(d).startupProbe; }, /startupProbe must/],
  ["no memory limit", (d) => { delete container(d).resources.limits; }, /limits must give memory/],
  ["no requests", (d) => { delete container(d).resources.requests; }, /requests must give cpu and memory/],
];

// Each break, applied to a compliant pod, is reported by its check.
for (const [check, name, breaks] of [[restrictedViolations, "restricted", restrictedBreaks],
  [frontdeskViolations, "frontdesk", frontdeskBreaks]]) {
  for (const [label, breakIt, expected] of breaks) {
    test(`${name}: ${label} is reported`, () => {
      const d = compliant();
      breakIt(d);
      const violations = check(d);
      assert.ok(violations.some((v) => expected.test(v)), `expected ${expected} in ${JSON.stringify(violations)}`);
    });
  }
}

test("the pods of the manifests before the hardening (runAsNonRoot alone) are refused", () => {
  const before = compliant();
  pod(before).securityContext = { runAsNonRoot: true };
  delete container(before).securityContext;
  const violations = restrictedViolations(before);
  assert.deepEqual(violations.map((v) => v.replace(/^.*: /, "")), [
    "securityContext.allowPrivilegeEscalation must be false",
    "seccompProfile.type must be RuntimeDefault or Localhost (pod or container securityContext)",
    "securityContext.capabilities.drop must include ALL",
  ]);
});

test("objects that run no pod are not checked", () => {
  assert.deepEqual(restrictedViolations({ kind: "ConfigMap", metadata: { name: "c" } }), []);
  assert.deepEqual(frontdeskViolations({ kind: "Service", metadata: { name: "s" } }), []);
});
