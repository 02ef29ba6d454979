-- After a rotation the previous secret still signs, beside the new one, until previous_secret_until, so that a
-- receiver can switch to the new secret without refusing a delivery in between.
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_sealed text;
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_until timestamptz;
