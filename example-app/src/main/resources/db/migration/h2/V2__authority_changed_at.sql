-- When a user's roles or password last changed: access tokens issued in that second or before are refused.
ALTER TABLE users ADD COLUMN authority_changed_at TIMESTAMP WITH TIME ZONE;
