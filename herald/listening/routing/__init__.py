"""Service routing: a council's keyword rules and its trained, versioned router models."""
