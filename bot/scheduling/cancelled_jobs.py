"""A job cancelled because its scheduler shuts down is logged as what it is, not as a failure.

When the bot stops, APScheduler's asyncio executor cancels the runs still going (a push plan, a feed
poll, PTB's JobQueue jobs) and logs each as 'raised an exception' with a traceback. Their transactions
roll back and the work is done again after the next start, so the operator gets one INFO line instead.
"""
from __future__ import annotations

import asyncio
import logging

# Where APScheduler's executor named "default" logs the end of each run (ours, and PTB's JobQueue's).
EXECUTOR_LOGGER = "apscheduler.executors.default"


class CancelledJobsAreNotErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], asyncio.CancelledError):
            record.msg = 'Job "%s" was cancelled: the scheduler is shutting down'
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
            record.exc_info = record.exc_text = None
        return True


def quiet_cancelled_jobs() -> None:
    """Install CancelledJobsAreNotErrors on the executor's logger (once per process)."""
    executor_log = logging.getLogger(EXECUTOR_LOGGER)
    if not any(isinstance(f, CancelledJobsAreNotErrors) for f in executor_log.filters):
        executor_log.addFilter(CancelledJobsAreNotErrors())
