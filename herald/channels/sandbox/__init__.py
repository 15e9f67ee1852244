"""The Sandbox network served by Herald itself: its service, its JSON API and its timeline."""
