"""Ingestion: items a source heard become mentions, once each, enriched, rolled up."""
