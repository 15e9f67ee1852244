"""Learning's pages: thin adapters over its services, selectors and presenters."""
