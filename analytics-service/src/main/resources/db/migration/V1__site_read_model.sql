-- What analytics needs to know of a site, kept from frontdesk.sites. revision counts the changes applied.
CREATE TABLE site (
    id              uuid PRIMARY KEY,
    org_id          text        NOT NULL,
    publishable_key text        NOT NULL,
    allowed_domains text[]      NOT NULL,
    active          boolean     NOT NULL,
    demo            boolean     NOT NULL,
    revision        int         NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE UNIQUE INDEX site_publishable_key ON site (publishable_key);
