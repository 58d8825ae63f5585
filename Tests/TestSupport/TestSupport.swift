// Shared test helpers (assertions, snapshots, CLI runner) live in this target.
