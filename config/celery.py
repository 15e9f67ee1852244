"""The Celery app for the scale-out mode (``TASK_BACKEND=celery``).

Start workers with ``celery -A config.celery worker`` (add ``-Q default,other`` for other queues).
Only the generic ``herald.run_django_task`` is registered: application code defines django.tasks
tasks, and ``herald.core.tasks_celery.CeleryBackend`` sends them here.
"""

import os

from herald.core.tasks_celery import create_celery_app

# Set before the app exists: Celery's Django fix-up (django.setup() in each worker) looks for it.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = create_celery_app()
