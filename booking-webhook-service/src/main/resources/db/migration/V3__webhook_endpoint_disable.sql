-- An endpoint an admin removed answers 404; its receipts stay for the record.
ALTER TABLE webhook_endpoint ADD COLUMN disabled_at timestamptz;
