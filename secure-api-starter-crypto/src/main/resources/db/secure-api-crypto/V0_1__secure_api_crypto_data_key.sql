-- Wrapped data keys of secure-api-starter-crypto. Each encrypted value names its key by id; the plaintext key
-- never leaves the application's memory, and only the provider (AWS KMS, Vault transit, local key) can unwrap it.
CREATE TABLE secure_api_data_key (
    id             VARCHAR(36)              NOT NULL PRIMARY KEY,
    provider       VARCHAR(32)              NOT NULL,
    master_key_ref VARCHAR(2048)            NOT NULL,
    wrapped_key    BYTEA                    NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
