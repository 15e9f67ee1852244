"""Learning: policies with versions, acknowledgements, e-learning, and publishing rights that follow training (¶12-¶21)."""
