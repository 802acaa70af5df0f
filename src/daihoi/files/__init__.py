"""Files every app node shares: Django's storage API over the database (DatabaseStorage)."""
