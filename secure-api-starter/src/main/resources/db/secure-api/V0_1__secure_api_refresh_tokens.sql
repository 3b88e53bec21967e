-- Refresh-token storage of secure-api-starter (JdbcRefreshTokenStore), for secure-api.jwt.refresh-store=jdbc.
-- Flyway: add classpath:db/secure-api to spring.flyway.locations. The low version (0.1) keeps it from
-- colliding with an application's own V1.
-- Tokens are stored only as SHA-256 hashes (base64url, 43 characters).

CREATE TABLE secure_api_refresh_family (
    family_id  VARCHAR(64)              NOT NULL PRIMARY KEY,
    subject    VARCHAR(255)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked    BOOLEAN                  NOT NULL DEFAULT FALSE
);

CREATE INDEX secure_api_refresh_family_subject ON secure_api_refresh_family (subject);

CREATE TABLE secure_api_refresh_token (
    token_hash      VARCHAR(64)              NOT NULL PRIMARY KEY,
    family_id       VARCHAR(64)              NOT NULL REFERENCES secure_api_refresh_family (family_id) ON DELETE CASCADE,
    idle_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used            BOOLEAN                  NOT NULL DEFAULT FALSE
);

CREATE INDEX secure_api_refresh_token_family ON secure_api_refresh_token (family_id);
