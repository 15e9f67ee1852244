"""Create the database cache table with the schema, so a fresh install works without extra steps.

The embedded default caches in the database (config/settings.py) and Herald relies on that cache
on every request; Django only creates the table with ``createcachetable``, which is easy to forget.
Where the cache is Redis or in memory, this does nothing.
"""

from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create_cache_table(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
