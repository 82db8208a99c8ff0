"""Ingest: read corpora into the ledger (workers compute, the parent commits)."""
