-- Companion tables for chat identities and the reference catalog. Added beside the seed's
-- tables (prefixed companion_) and never changing them.

-- A chat account linked to an Extrovertly user. Slack ids are unique per workspace, so a Slack
-- external_id is "<team id>:<user id>"; Discord's is the user id.
CREATE TABLE companion_platform_identities (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    platform VARCHAR(20) NOT NULL CHECK (platform IN ('discord', 'slack', 'console')),
    external_id VARCHAR(100) NOT NULL,
    workspace_id VARCHAR(100),
    display_name VARCHAR(200),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (platform, external_id)
);
CREATE INDEX companion_platform_identities_user_id_idx ON companion_platform_identities(user_id);

-- Which row a catalog item (mission, achievement) of the reference data was loaded into, by a
-- key that never changes, so edited catalog text updates that row instead of adding another.
CREATE TABLE companion_catalog_entries (
    kind VARCHAR(20) NOT NULL CHECK (kind IN ('mission', 'achievement')),
    key VARCHAR(100) NOT NULL,
    row_id UUID NOT NULL,
    PRIMARY KEY (kind, key)
);
