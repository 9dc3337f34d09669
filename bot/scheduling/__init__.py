"""APScheduler wiring: jobs built at start-up from code and the database, never pickled."""
