"""The fingerprint store: item records and fingerprints of large corpora in Parquet files, one per
corpus shard (docs/fingerprint-store.md). Below services, above core; it knows nothing of the
database, and the ledger's shard manifests (ledger/manifest.py) say which files count."""
