#!/bin/sh
# Refuses to let docker-compose.yml start with a secret left at a known value: compose's secrets-check service runs
# it, and every other service waits for it to succeed. ${VAR:?} in compose only refuses a missing variable; this also
# refuses deploy/compose.env.example's placeholders (change-me), the sources' development values (local-demo-...,
# dev-only-..., as the services' RequiredSecrets does) and values too short to be random.
#
#   check-secrets.sh NAME... [--optional NAME...]
#
# Each NAME is an environment variable that must hold a secret; those after --optional may be empty (their feature is
# off) but, when set, are held to the same rules. Never prints a value. Exit 1 naming every variable that fails.
minimum=16
optional=no
failed=0
for name in "$@"; do
    if [ "$name" = "--optional" ]; then
        optional=yes
        continue
    fi
    case "$name" in
        ''|[0-9]*|*[!A-Za-z0-9_]*) echo "secrets-check: '$name' is not a variable name" >&2; failed=1; continue ;;
    esac
    eval "value=\${$name-}"
    if [ -z "$value" ]; then
        [ "$optional" = yes ] && continue
        problem="is empty"
    else
        case "$value" in
            change-me*) problem="is still deploy/compose.env.example's placeholder" ;;
            local-demo-*|dev-only-*) problem="is a public development value from the sources" ;;
            *) problem=""
               [ "${#value}" -lt "$minimum" ] && problem="is shorter than $minimum characters" ;;
        esac
    fi
    if [ -n "$problem" ]; then
        echo "secrets-check: $name in .env $problem" >&2
        failed=1
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "secrets-check: refusing to start; set each to a random value in .env, e.g. openssl rand -base64 32" >&2
    exit 1
fi
echo "secrets-check: every secret is set"
