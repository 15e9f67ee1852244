"""Estate: the register of every council social media account, and its housekeeping (¶18 phases 1 and 4, ¶20)."""
