"""Listening over the API: mentions (keyset paged, the mentions page's filters), the dashboard's
figures, alerts (list, acknowledge, close) and sources. The same selectors, services, role rules,
council scoping and author minimisation as the insight and source pages. Refusals are JSON with a
stable code."""
