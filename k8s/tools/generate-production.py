#!/usr/bin/env python3
"""Writes the deployment files that follow from the code, so they cannot drift from it by hand. In
k8s/overlays/production:

  kafka/topics.yaml            a KafkaTopic per event topic and per dead-letter topic
  kafka/users.yaml             a KafkaUser per service (its ACLs) and one for KEDA's lag reads
  autoscaling/scaled-objects.yaml  a KEDA ScaledObject per consumer scaled on lag, a trigger per topic it reads
  keycloak/realm-import.yaml   the production realm: identity/realm-hotline1022.json without its demo users,
                               demo client and demo secrets, for the console's public origin

and for docker-compose.yml:

  deploy/keycloak/realm-hotline1022.json  the same realm as the production one, imported by compose's Keycloak: its
                               client secrets and the console's origin are ${VAR} placeholders filled from .env

Read from: each service's application.properties (hotline.messaging.consumes: the topics it reads; ops-service's
dead-letters group), identity/realm-hotline1022.json, and the overlay's config.env (cors-origins: the console's
public origin). Topic and dead-letter names follow event-contracts' Topics (hotline.<service>.events,
<topic>.<consumer application>.dlq).

Run from the repository root after changing any of those:  python3 k8s/tools/generate-production.py
With --check it writes nothing and exits 1 if a generated file is out of date (for CI). Needs PyYAML.
"""
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "k8s/overlays/production"
SERVICES = ["intake", "dispatch", "referral", "relief", "notification", "ops"]
CLUSTER = "hotline1022"
BOOTSTRAP = "hotline1022-kafka-bootstrap:9093"
PARTITIONS = 12
EVENT_RETENTION_MS = 7 * 24 * 3600 * 1000    # 7 days: replays and late consumers; the outboxes keep 7 days too
DLQ_RETENTION_MS = 14 * 24 * 3600 * 1000     # 14 days: time for ops to look at a dead letter and replay it
KEDA_USER = "keda-lag-reader"
# Scaled on lag by KEDA (intake-service scales on CPU: it takes the calls). ops-service watches, it is not in the case
# flow: a few instances suffice, and more would only sample the same offsets again.
SCALED = {"dispatch": 12, "referral": 12, "relief": 12, "notification": 12, "ops": 3}
LAG_THRESHOLD = "50"
REALM_SOURCE = ROOT / "identity/realm-hotline1022.json"
# Compose's realm; the demo realm (known passwords, password grant, any web origin) is for ./hotline run only.
COMPOSE_REALM = "deploy/keycloak/realm-hotline1022.json"
COMPOSE_ORIGIN = "${HOTLINE_CONSOLE_ORIGIN}"
KEYCLOAK_CR = "hotline1022-keycloak"
CLIENT_SECRETS = "keycloak-client-secrets"
# Clients of the demo realm that production does not get: the end-to-end tests' password-grant client.
DEMO_CLIENTS = {"hotline1022-e2e"}


def properties(path):
    """The unprofiled keys of a .properties file (enough for the plain key=value lines read here)."""
    result = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        result[key.strip()] = value.strip().replace("\\\\", "\\")
    return result


def topic(service):
    return f"hotline.{service}.events"


def app(service):
    return f"{service}-service"


def dlq(t, consumer_app):
    return f"{t}.{consumer_app}.dlq"


def consumes():
    result = {}
    for s in SERVICES:
        props = properties(ROOT / app(s) / "src/main/resources/application.properties")
        names = [n.strip() for n in props.get("hotline.messaging.consumes", "").split(",") if n.strip()]
        unknown = [n for n in names if n not in SERVICES]
        if unknown:
            sys.exit(f"{app(s)}: unknown services in hotline.messaging.consumes: {unknown}")
        result[s] = names
    return result


def header(text):
    return "".join("# " + line + "\n" if line else "#\n" for line in text.strip().splitlines())


class _Dumper(yaml.SafeDumper):
    """Lists of plain values on one line ([Read, Describe]), the rest in block style."""


def _list(dumper, items):
    flow = all(isinstance(i, (str, int, float, bool)) for i in items) and len(items) <= 8
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(list, _list)


def dump(docs):
    return "---\n".join(yaml.dump(d, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120) for d in docs)


def topics(reads):
    docs = []
    for s in SERVICES:
        docs.append(kafka_topic(topic(s), EVENT_RETENTION_MS, f"{app(s)}'s events (written by its outbox relay, and by ops-service's replays of dead letters)"))
    for consumer, names in reads.items():
        for producer in names:
            docs.append(kafka_topic(dlq(topic(producer), app(consumer)), DLQ_RETENTION_MS,
                                    f"dead letters of {app(consumer)} reading {topic(producer)}"))
    return header("""
GENERATED by k8s/tools/generate-production.py from the services' hotline.messaging.consumes: do not edit by hand.
One KafkaTopic per event topic (hotline.<service>.events) and per dead-letter topic (<topic>.<consumer>.dlq, written
by the consumer when a record keeps failing). auto.create.topics.enable is false on the brokers, so these are all the
topics there are. 12 partitions: at most 12 consumers of one group share a topic, hence maxReplicaCount <= 12.
3 replicas, min.insync.replicas 2: the producers' acks=all survive one broker down.
""") + dump(docs)


def kafka_topic(name, retention_ms, what):
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaTopic",
        "metadata": {"name": name, "labels": {"strimzi.io/cluster": CLUSTER},
                     "annotations": {"hotline1022/description": what}},
        "spec": {
            "partitions": PARTITIONS,
            "replicas": 3,
            "config": {
                "min.insync.replicas": "2",
                "retention.ms": str(retention_ms),
                "cleanup.policy": "delete",
            },
        },
    }


def acl(resource_type, name, operations, pattern="literal"):
    return {"resource": {"type": resource_type, "name": name, "patternType": pattern}, "operations": operations}


def users(reads, dead_letter_group):
    docs = []
    for s in SERVICES:
        acls = [acl("topic", topic(s), ["Write", "Describe"])]
        if s == "ops":
            # ops-service reads every hotline topic: its consumers, the groupless reader of case traces (any event
            # topic) and the dead letters by pattern; the AdminClient lists and describes them all.
            acls.append(acl("topic", "hotline.", ["Read", "Describe"], "prefix"))
            # The documented exception to "one writer per topic": a replayed dead letter goes back to its original
            # topic, whichever service owns it.
            acls += [acl("topic", topic(other), ["Write"]) for other in SERVICES if other != s]
        else:
            acls += [acl("topic", topic(p), ["Read", "Describe"]) for p in reads[s]]
        acls += [acl("topic", dlq(topic(p), app(s)), ["Write", "Describe"]) for p in reads[s]]
        acls.append(acl("group", app(s), ["Read"]))
        if s == "ops":
            acls.append(acl("group", dead_letter_group, ["Read"]))
            # Lag of every service's group: list groups and read their committed offsets (Describe only).
            acls.append(acl("group", "*", ["Describe"]))
        docs.append(kafka_user(app(s), acls, f"{app(s)}: writes {topic(s)}, reads "
                                              + ", ".join(topic(p) for p in reads[s])))
    keda = [acl("topic", "hotline.", ["Describe"], "prefix")]
    keda += [acl("group", app(s), ["Describe"]) for s in SCALED]
    docs.append(kafka_user(KEDA_USER, keda, "KEDA's kafka scaler: end offsets and the scaled groups' committed offsets"))
    return header("""
GENERATED by k8s/tools/generate-production.py from the services' hotline.messaging.consumes: do not edit by hand.
One KafkaUser per service, named after it (= its Kafka consumer group, = quarkus.application.name), SCRAM-SHA-512:
the User Operator creates a Secret of the same name with keys password and sasl.jaas.config, which the service's
Deployment reads (patches/deployments.yaml). Simple ACLs, the least each service needs:
  Write+Describe its own topic (the outbox relay; Kafka >= 3 needs no IdempotentWrite for idempotent producers),
  Read+Describe the topics it consumes, Write+Describe its dead-letter topics, Read its consumer group.
ops-service also reads every topic (prefix hotline.), describes every group (lag), reads its dead-letters group and
may write every event topic (replays). keda-lag-reader only describes (KEDA's lag reads, autoscaling/keda.yaml).
""") + dump(docs)


def kafka_user(name, acls, what):
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaUser",
        "metadata": {"name": name, "labels": {"strimzi.io/cluster": CLUSTER},
                     "annotations": {"hotline1022/description": what}},
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {"type": "simple", "acls": acls},
        },
    }


def scaled_objects(reads):
    docs = []
    for s, max_replicas in SCALED.items():
        triggers = []
        for p in reads[s]:
            triggers.append({
                "type": "kafka",
                "name": f"lag-{p}",
                "metadata": {
                    "bootstrapServers": BOOTSTRAP,
                    "consumerGroup": app(s),
                    "topic": topic(p),
                    "lagThreshold": LAG_THRESHOLD,
                    "offsetResetPolicy": "earliest",
                },
                "authenticationRef": {"name": "hotline1022-kafka"},
            })
        docs.append({
            "apiVersion": "keda.sh/v1alpha1",
            "kind": "ScaledObject",
            "metadata": {"name": app(s)},
            "spec": {
                "scaleTargetRef": {"name": app(s)},
                "minReplicaCount": 2,
                "maxReplicaCount": max_replicas,
                "pollingInterval": 15,
                "cooldownPeriod": 300,
                "advanced": {"horizontalPodAutoscalerConfig": {"behavior": {
                    "scaleUp": {"stabilizationWindowSeconds": 0,
                                "policies": [{"type": "Pods", "value": 4, "periodSeconds": 30}]},
                    "scaleDown": {"stabilizationWindowSeconds": 300,
                                  "policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]},
                }}},
                "triggers": triggers,
            },
        })
    return header("""
GENERATED by k8s/tools/generate-production.py from the services' hotline.messaging.consumes: do not edit by hand.
KEDA scales each consumer on its consumer group's lag, one kafka trigger per topic it reads (KEDA takes the largest
of them): desired replicas = lag / lagThreshold (50 records per replica), between minReplicaCount and
maxReplicaCount. 12 partitions per topic, so more than 12 replicas would only idle; KEDA also caps each trigger at
the topic's partition count. Two replicas at least: one can be drained or restarted while the other consumes.
offsetResetPolicy earliest matches the services' kafka.auto.offset.reset: a group without offsets has everything
ahead of it. How KEDA logs in to Kafka (SCRAM-SHA-512 over TLS, as keda-lag-reader): the TriggerAuthentication
hotline1022-kafka of keda.yaml. Scale-up is fast (4 pods per 30 s), scale-down slow (1 pod a minute after 5 min):
each change rebalances the group. ops-service stops at 3 (it watches; it is not in the case flow).
The Deployments carry no replicas field in this overlay (patches/autoscaled-replicas.yaml): KEDA's HPA owns it.
""") + dump(docs)


def public_realm(console_origin, secret_source):
    """The demo realm without what only a developer machine may have: people, their passwords, the password-grant
    client, secret values, localhost and any-origin addresses. Returns the realm and, per placeholder of a client
    secret, the client's id. secret_source(client_id, variable) says where the placeholder's value comes from."""
    source = json.loads(REALM_SOURCE.read_text(encoding="utf-8"))
    r = {k: v for k, v in source.items() if k not in ("users", "attributes")}
    r["displayName"] = "Hotline 1022"
    placeholders = {}
    clients = []
    kept = set()
    for c in source["clients"]:
        if c["clientId"] in DEMO_CLIENTS:
            continue
        c = dict(c)
        kept.add(c["clientId"])
        c.pop("secret", None)
        if c["clientId"] == "hotline1022-console":
            c["description"] = ("Public client of the web console: authorization code + PKCE only (no password "
                                "grant), from the console's public origin only.")
            c["redirectUris"] = [console_origin + "/*"]
            c["webOrigins"] = [console_origin]
        elif not c.get("publicClient") and c.get("serviceAccountsEnabled"):
            # A confidential client that signs in with its secret: never a value here, a placeholder.
            var = re.sub(r"[^A-Z0-9]", "_", c["clientId"].upper()) + "_SECRET"
            placeholders[var] = c["clientId"]
            c["secret"] = "${" + var + "}"
            c["description"] = c.get("description", "").replace("The secret is a LOCAL DEMO value; each", "Each") + (
                " Its secret comes from " + secret_source(c["clientId"], var) + ".")
        # Any other confidential client (the APIs' audience, hotline1022-api) has no flow that uses a secret:
        # Keycloak generates one at import.
        clients.append(c)
    r["clients"] = clients
    # Only the service accounts of the clients kept (their role mappings), never a person: people are created by
    # an administrator, in Keycloak, with their own credentials.
    r["users"] = [{k: v for k, v in u.items() if k != "credentials"} for u in source.get("users", [])
                  if u.get("serviceAccountClientId") in kept]
    return r, placeholders


def realm(console_origin):
    r, secrets = public_realm(console_origin, lambda client, var: f"the Secret {CLIENT_SECRETS} (key {client})")
    # Behind the ingress Keycloak sees https (X-Forwarded-Proto): refuse anything else, internal addresses included.
    r["sslRequired"] = "all"
    placeholders = {var: {"secret": {"name": CLIENT_SECRETS, "key": client}} for var, client in secrets.items()}
    doc = {
        "apiVersion": "k8s.keycloak.org/v2alpha1",
        "kind": "KeycloakRealmImport",
        "metadata": {"name": "hotline1022-realm"},
        "spec": {"keycloakCRName": KEYCLOAK_CR, "placeholders": placeholders, "realm": r},
    }
    return header(f"""
GENERATED by k8s/tools/generate-production.py from identity/realm-hotline1022.json: do not edit by hand.
The production realm hotline1022: the same roles, clients, protocol mappers (claims groups, hospital_code, team_code,
province/district/ward codes, audience hotline1022-api) and user profile as the demo realm, but
  - no users: people are created by an administrator in Keycloak (only the service accounts of the hospital systems'
    clients are kept: they carry the clients' role mappings and have no password);
  - no demo client ({', '.join(sorted(DEMO_CLIENTS))}: the tests' password grant) and no secret value: a
    confidential client's secret is a placeholder the import Job fills from the Secret {CLIENT_SECRETS}
    (secrets.example.yaml);
  - the console client accepts redirects and browser calls from {console_origin} only; sslRequired all.
The operator imports a realm once: it never updates or deletes an existing realm. Later changes are made in Keycloak
(or by deleting the realm and this resource, then applying again, before there is anything to lose).
Keycloak replaces ${{NAME}} with environment variables at import; the user profile's display names such as
${{username}} are message keys with no such variable and stay as they are.
""") + dump([doc])


def compose_realm():
    """Compose's realm: the production realm with its placeholders filled from .env by Keycloak at import (compose
    passes the variables to the Keycloak container). sslRequired stays the demo realm's external: compose serves
    plain HTTP on a trusted LAN. JSON has no comments: the note is a realm attribute, as in the demo realm."""
    r, _ = public_realm(COMPOSE_ORIGIN, lambda client, var: f"{var} in .env (docker-compose.yml)")
    r["attributes"] = {"hotline1022.note": (
        "GENERATED by k8s/tools/generate-production.py from identity/realm-hotline1022.json: do not edit by hand. "
        "The realm docker-compose.yml imports: no users (an administrator creates them in Keycloak), no "
        f"password-grant client ({', '.join(sorted(DEMO_CLIENTS))}), client secrets and the console's origin are "
        "placeholders Keycloak fills from its environment variables (.env) at import.")}
    return json.dumps(r, indent=2, ensure_ascii=False) + "\n"


def console_origin():
    for line in (OVERLAY / "config.env").read_text(encoding="utf-8").splitlines():
        if line.startswith("cors-origins="):
            origins = [o.strip() for o in line.split("=", 1)[1].split(",") if o.strip()]
            if len(origins) != 1:
                sys.exit("config.env cors-origins: expected the console's one public origin")
            return origins[0]
    sys.exit("config.env has no cors-origins")


def main():
    check = "--check" in sys.argv[1:]
    reads = consumes()
    dead_letter_group = properties(ROOT / "ops-service/src/main/resources/application.properties")[
        "mp.messaging.incoming.dead-letters.group.id"]
    overlay = OVERLAY.relative_to(ROOT).as_posix()
    files = {
        f"{overlay}/kafka/topics.yaml": topics(reads),
        f"{overlay}/kafka/users.yaml": users(reads, dead_letter_group),
        f"{overlay}/autoscaling/scaled-objects.yaml": scaled_objects(reads),
        f"{overlay}/keycloak/realm-import.yaml": realm(console_origin()),
        COMPOSE_REALM: compose_realm(),
    }
    stale = []
    for name, text in files.items():
        path = ROOT / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        sys.exit("out of date (run k8s/tools/generate-production.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
