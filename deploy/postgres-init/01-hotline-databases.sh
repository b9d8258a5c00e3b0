#!/usr/bin/env bash
# Creates one database and one login per service (each service owns its database; none reads another's).
# Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d). The passwords come from the
# environment, which docker-compose.yml fills from the uncommitted .env file: nothing secret is in this repository.
# Databases are named as ./hotline run names them (hotline_<service without -service>), users after the service.
set -euo pipefail

create() {
  local name="$1" password="$2"
  if [ -z "$password" ]; then
    echo "no password for $name: set it in .env (see deploy/compose.env.example)" >&2
    exit 1
  fi
  # psql variables (:'pw', :"db") quote the values, so a password may contain any character.
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v user="$name" -v pw="$password" -v db="hotline_$name" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"user";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
}

create intake       "${INTAKE_DB_PASSWORD:-}"
create dispatch     "${DISPATCH_DB_PASSWORD:-}"
create referral     "${REFERRAL_DB_PASSWORD:-}"
create relief       "${RELIEF_DB_PASSWORD:-}"
create notification "${NOTIFICATION_DB_PASSWORD:-}"
create ops          "${OPS_DB_PASSWORD:-}"
create keycloak     "${KEYCLOAK_DB_PASSWORD:-}"
