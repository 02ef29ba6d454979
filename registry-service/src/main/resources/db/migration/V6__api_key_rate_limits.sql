-- A key's own rate limits; NULL leaves the service's default in force.
ALTER TABLE api_key ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE api_key ADD COLUMN requests_per_day INTEGER;
