"""The content calendar: month and week views of what goes out when, campaigns, each corporate
account's publishing schedule (and who is falling short of it), recurring posts, and CSV import
and export of the plan. Views and services live here; the models are publishing's own."""
