"""Standards: checks every post and reply against the council's standards before it goes out (¶8, ¶20)."""
