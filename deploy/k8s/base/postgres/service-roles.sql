-- Frontdesk's database shape: one login role per service, named like the schema it owns, and nothing else.
-- Each role's default search_path ("$user") resolves to its own schema; public and the database are closed to
-- everyone else. Flyway (in each service, at start) creates the tables inside the role's schema.
--
-- One script for every place a database is made: the tests and the local stack run it on their embedded
-- PostgreSQL (platform-testing's EmbeddedPostgresServer), the cluster runs it once when CloudNativePG initialises
-- the database (base/postgres/cluster.yaml, postInitApplicationSQLRefs). It sets no password: the tests set theirs,
-- CloudNativePG sets the cluster's from the Secrets frontdesk-db-<role> (managed roles). Safe to run again.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $$
DECLARE
    service_role text;
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    FOREACH service_role IN ARRAY ARRAY['visitor', 'calls', 'analytics', 'notifications', 'bookings'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = service_role) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', service_role);
        END IF;
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), service_role);
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service_role, service_role);
    END LOOP;
END
$$;
