-- Slack allows about one message per second per webhook: the next post to an organization's destination waits
-- until next_post_at (one second after the last, or Slack's Retry-After after a 429).
ALTER TABLE slack_destination ADD COLUMN next_post_at timestamptz;
