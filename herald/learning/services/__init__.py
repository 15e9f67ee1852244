"""Learning's writes. Every change is audited; see the per-concept modules."""
