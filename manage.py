#!/usr/bin/env python
"""Run ``herald`` commands without the console script (``python manage.py …``)."""

from herald.manage import main

if __name__ == "__main__":
    main()
